import type { ModerationRules } from './config.js';
import { TOP_LEVEL_DOMAINS } from './top-level-domains.js';

/** Reasons a message waits for a moderator. */
export type HeldFor = 'moderation' | 'blocked_word' | 'link';

/** Format characters (soft hyphen, zero-width space and joiners, bidi marks): invisible, so skipped. */
const FORMAT = /\p{Cf}/gu;
/** "evil . com", "evil .com": space before a dot never ends a sentence, so it only hides a name. */
const SPACED_DOT = /\s+\.\s*/gu;
/** What URL parsers read as a dot in a host name: the ideographic full stop (NFKC folds the rest). */
const IDEOGRAPHIC_DOT = /\u3002/gu;

/** The text as a reader sees it, for matching: NFKC, no invisible characters, dots without spacing. */
function forMatching(text: string): string {
  return text.normalize('NFKC').replace(FORMAT, '').replace(IDEOGRAPHIC_DOT, '.').replace(SPACED_DOT, '.');
}

// Letters, digits and marks of any script: a word goes on while these follow.
const WORD = '\\p{L}\\p{N}\\p{M}';

/** A scheme ("https://", "tg://") or "www." at the start of a word. */
const SCHEME_OR_WWW = new RegExp(`(?<![${WORD}])(?:[a-z][a-z0-9+.-]*://|www\\.)`, 'iu');

/** `word` with any tabs and line breaks between its letters, as a browser reads `java\tscript:`. */
const spelledWithBreaks = (word: string) => [...word].join('[\\t\\n\\r]*');

/** A script address, `javascript:` or `vbscript:`, or a `data:` address with a media type. */
const SCRIPT_SCHEME = new RegExp(
  `(?<![${WORD}])(?:(?:${spelledWithBreaks('javascript')}|${spelledWithBreaks('vbscript')})\\s*:|data\\s*:\\s*[a-z]+/)`,
  'iu',
);

/**
 * A host label and the word after its dot, which may be a top-level domain. The word is looked at,
 * not taken, so `sub.evil.com` is tried as `sub.evil` and then as `evil.com`.
 */
const NAME_DOT_WORD = new RegExp(`(?<![${WORD}-])[${WORD}-]+\\.(?=([${WORD}]+)(?![${WORD}-]))`, 'gu');

/**
 * Letters of other scripts and Latin variants that read as a Latin letter, by their lower-case form:
 * Cyrillic "а" in "trаitor", Greek "ο" in "evil.cοm", dotless "ı", small capitals.
 */
// prettier-ignore
const LOOK_ALIKE_LETTERS: Record<string, string> = {
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', н: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k',
  м: 'm', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', т: 't', у: 'y', ѡ: 'w', ԝ: 'w', х: 'x', α: 'a', β: 'b',
  ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
  ı: 'i', ȷ: 'j', ɑ: 'a', ɡ: 'g', ɩ: 'i', ʟ: 'l', ʀ: 'r', ʏ: 'y', ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd',
  ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ᴛ: 't', ᴜ: 'u',
  ᴠ: 'v', ᴡ: 'w', ᴢ: 'z',
};

/** Digits and signs that stand for letters in a word spelt to get past a filter: "tr4it0r", "tr@itor". */
// prettier-ignore
const LOOK_ALIKE_SIGNS: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's',
};

const foldLetters = (text: string, table: Record<string, string>) =>
  [...text].map((char) => table[char] ?? char).join('');

/** Latin letters for their look-alikes, in lower case. */
const withLatinLetters = (text: string) => foldLetters(text.toLowerCase(), LOOK_ALIKE_LETTERS);

/**
 * What a word reads as, for blocked words: look-alike letters and signs as the Latin letter they
 * resemble, accents taken off ("träitor"), lower case. The message and the word are folded alike.
 */
function skeleton(text: string): string {
  const bare = forMatching(text).normalize('NFKD').replace(/\p{M}/gu, '');
  return foldLetters(withLatinLetters(bare), LOOK_ALIKE_SIGNS).normalize('NFC');
}

/**
 * Whether a word after a dot reads as a top-level domain: ASCII letters (look-alikes read as the
 * letter they resemble) written all in lower or all in upper case ("Stay strong.We love you" starts a
 * sentence, it names no host), and a top-level domain that exists: "com", "cl", "club", "xyz".
 */
function isPlausibleTld(word: string): boolean {
  const latin = foldLetters(word, LOOK_ALIKE_LETTERS);
  const lower = withLatinLetters(word);
  if (!/^[a-z]{2,}$/.test(lower)) return false;
  if (latin !== latin.toLowerCase() && latin !== latin.toUpperCase()) return false;
  return TOP_LEVEL_DOMAINS.has(lower);
}

function hasBlockedWord(text: string, words: readonly string[]): boolean {
  const folded = skeleton(text);
  return words.some((word) => {
    const escaped = skeleton(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![${WORD}])${escaped}(?![${WORD}])`, 'u').test(folded);
  });
}

/** True when the text contains something that reads as a link, a script address or a domain name. */
export function hasLink(text: string): boolean {
  const folded = forMatching(text);
  const latin = withLatinLetters(folded);
  if (SCHEME_OR_WWW.test(latin)) return true;
  if (SCRIPT_SCHEME.test(latin)) return true;
  for (const match of folded.matchAll(NAME_DOT_WORD)) {
    if (isPlausibleTld(match[1]!)) return true;
  }
  return false;
}

/** Decides whether a message shows at once, and if not, why it is held. */
export function moderate(
  rules: ModerationRules,
  fields: { name: string; text: string },
): { status: 'approved' | 'pending'; heldFor: HeldFor[] } {
  const heldFor: HeldFor[] = [];
  const all = `${fields.name}\n${fields.text}`;
  if (rules.mode === 'pre') heldFor.push('moderation');
  if (hasBlockedWord(all, rules.blockedWords)) heldFor.push('blocked_word');
  if (rules.holdLinks && hasLink(all)) heldFor.push('link');
  return { status: heldFor.length === 0 ? 'approved' : 'pending', heldFor };
}
