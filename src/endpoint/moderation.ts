import type { ModerationRules } from './config.js';

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

/**
 * A host label and the word after its dot, which may be a top-level domain. The word is looked at,
 * not taken, so `sub.evil.com` is tried as `sub.evil` and then as `evil.com`.
 */
const NAME_DOT_WORD = new RegExp(`(?<![${WORD}-])[${WORD}-]+\\.(?=([${WORD}]+)(?![${WORD}-]))`, 'gu');

/** Generic top-level domains that turn up in spam; two-letter ones are checked as country codes. */
const GENERIC_TLDS = new Set(
  'com org net info biz io co me ly app dev xyz top site online link click shop live'.split(' '),
);

const regions = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });

/**
 * Whether a word after a dot reads as a top-level domain: ASCII letters written all in lower or all in
 * upper case ("Stay strong.We love you" starts a sentence, it names no host), and either a common
 * generic domain or the two-letter code of a country or territory.
 */
function isPlausibleTld(word: string): boolean {
  if (!/^[a-z]{2,}$/i.test(word)) return false;
  if (word !== word.toLowerCase() && word !== word.toUpperCase()) return false;
  const lower = word.toLowerCase();
  if (GENERIC_TLDS.has(lower)) return true;
  return lower.length === 2 && regions.of(word.toUpperCase()) !== undefined;
}

function hasBlockedWord(text: string, words: readonly string[]): boolean {
  const folded = forMatching(text).toLocaleLowerCase();
  return words.some((word) => {
    const w = forMatching(word).toLocaleLowerCase();
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![${WORD}])${escaped}(?![${WORD}])`, 'u').test(folded);
  });
}

/** True when the text contains something that reads as a link or a domain name. */
export function hasLink(text: string): boolean {
  const folded = forMatching(text);
  if (SCHEME_OR_WWW.test(folded)) return true;
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
