// Fails when any string of the widgets lacks a translation, keeps the English text, or drops or invents
// a placeholder. Run after `lit-localize extract`, which adds every new msg() to each locale's XLIFF file.
// `node scripts/check-translations.mjs [dir]` checks the XLIFF files in `dir` (default: xliff).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Targets that may read exactly as their English source, because the language writes them the same way.
// Keyed by the source as a translator reads it (placeholders as their `equiv-text`). Any other target
// equal to its source is a string nobody translated yet.
// An authority's title and name: Latin-script languages join them with a comma as English does.
const TITLE_NAME = '${title}, ${name}';
const SAME_AS_SOURCE = {
  es: [TITLE_NAME],
  tr: [TITLE_NAME],
  fr: [
    TITLE_NAME,
    'Signatures', // the counter's label: the same word in French
    'Messages', // the solidarity wall's heading: the same word in French
    '${count} messages', // the wall's count, plural forms `few` and `other`: the same in French
  ],
};

const XLIFF_DIR = process.argv[2] ?? 'xliff';
const unitPattern = /<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g;
const placeholderPattern = /<x id="[^"]*" equiv-text="([^"]*)"\s*\/>/g;
const element = (name, body) => body.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`))?.[1];
const placeholders = (text) => [...(text ?? '').matchAll(placeholderPattern)].map((m) => m[1]).sort();
const readable = (text) =>
  text
    .replace(placeholderPattern, (_, equiv) => equiv.replaceAll('&quot;', '"').replaceAll('&amp;', '&'))
    .replace(/\s+/g, ' ')
    .trim();

const problems = [];
let units = 0;
for (const file of readdirSync(XLIFF_DIR).filter((name) => name.endsWith('.xlf'))) {
  const xml = readFileSync(join(XLIFF_DIR, file), 'utf8');
  const locale = xml.match(/target-language="([^"]+)"/)?.[1] ?? file;
  const sameAllowed = new Set(SAME_AS_SOURCE[locale] ?? []);
  for (const [, id, body] of xml.matchAll(unitPattern)) {
    units++;
    const source = element('source', body);
    const target = element('target', body);
    if (!target?.trim()) {
      problems.push(`${locale}: "${source}" (${id}) has no translation`);
    } else if (placeholders(source).join('\n') !== placeholders(target).join('\n')) {
      problems.push(`${locale}: "${source}" (${id}) does not keep its placeholders`);
    } else if (
      readable(target).toLowerCase() === readable(source).toLowerCase() &&
      !sameAllowed.has(readable(source))
    ) {
      problems.push(
        `${locale}: "${readable(source)}" (${id}) is still the English text; translate it, or list it in ` +
          `SAME_AS_SOURCE (scripts/check-translations.mjs) if ${locale} writes it the same way`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} translation problem(s):\n  ${problems.join('\n  ')}`);
  console.error('Fix the <target> elements in xliff/*.xlf (see "Translating" in the README).');
  process.exit(1);
}
console.log(`All ${units} strings are translated in every locale.`);
