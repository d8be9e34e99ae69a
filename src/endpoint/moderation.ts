import type { ModerationRules } from './config.js';

/** Reasons a message waits for a moderator. */
export type HeldFor = 'moderation' | 'blocked_word' | 'link';

// A scheme ("https://"), "www.", or name.tld with a generic or two-letter country top-level domain.
const LINK =
  /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\b[\p{L}\p{N}-]+\.(?:com|org|net|info|biz|io|co|me|ly|app|dev|xyz|top|site|online|link|click|shop|live|[a-z]{2})\b)/iu;

function hasBlockedWord(text: string, words: readonly string[]): boolean {
  const folded = text.normalize('NFKC').toLocaleLowerCase();
  return words.some((word) => {
    const w = word.normalize('NFKC').toLocaleLowerCase();
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(folded);
  });
}

/** True when the text contains something that reads as a link or a domain name. */
export function hasLink(text: string): boolean {
  return LINK.test(text.normalize('NFKC'));
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
