// Fails when any string of the widgets lacks a translation, or a translation drops or invents a
// placeholder. Run after `lit-localize extract`, which adds every new msg() to each locale's XLIFF file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const XLIFF_DIR = 'xliff';
const unitPattern = /<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g;
const element = (name, body) => body.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`))?.[1];
const placeholders = (text) =>
  [...(text ?? '').matchAll(/<x id="[^"]*" equiv-text="([^"]*)"\s*\/>/g)].map((m) => m[1]).sort();

const problems = [];
let units = 0;
for (const file of readdirSync(XLIFF_DIR).filter((name) => name.endsWith('.xlf'))) {
  const xml = readFileSync(join(XLIFF_DIR, file), 'utf8');
  const locale = xml.match(/target-language="([^"]+)"/)?.[1] ?? file;
  for (const [, id, body] of xml.matchAll(unitPattern)) {
    units++;
    const source = element('source', body);
    const target = element('target', body);
    if (!target?.trim()) {
      problems.push(`${locale}: "${source}" (${id}) has no translation`);
    } else if (placeholders(source).join('\n') !== placeholders(target).join('\n')) {
      problems.push(`${locale}: "${source}" (${id}) does not keep its placeholders`);
    }
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} translation problem(s):\n  ${problems.join('\n  ')}`);
  console.error('Add the missing <target> elements in xliff/*.xlf (see "Translating" in the README).');
  process.exit(1);
}
console.log(`All ${units} strings are translated in every locale.`);
