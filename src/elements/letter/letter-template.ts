import type { Case } from '../../schema/index.js';

export type LetterMode = 'appeal' | 'card';

/** What the writer has told us, or the words that stand in until they do ("[your name]", or `BLANK`). */
export interface Writer {
  name: string;
  city: string;
}

/**
 * Stands in for the writer's name or city when the letter is in another language than the widget's
 * words: a line to write on by hand, in no language, rather than "[your city]" in a third one.
 */
export const BLANK = '________';

/** The language of the letter's text: the letter's own, else the case's; undefined when neither says. */
export const letterLang = (data: Case): string | undefined => data.letter?.lang ?? data.lang;

/** The mode a case can have: a card only where the case has one. */
export const modeFor = (data: Case, wanted: string | undefined): LetterMode =>
  wanted === 'card' && data.letter?.card ? 'card' : 'appeal';

/** Fills `{targetName}`, `{targetTitle}`, `{caseName}`, `{writerName}`, `{writerCity}`; an unknown `{…}` stays as written. */
export function fill(template: string, data: Case, writer: Writer): string {
  const values: Record<string, string> = {
    targetName: data.target.name,
    targetTitle: data.target.title ?? '',
    caseName: data.name,
    writerName: writer.name,
    writerCity: writer.city,
  };
  return template
    .replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.:;])/g, '$1')
    .replace(/^[ \t]+|[ \t]+$/gm, '');
}

/** The suggested text: the salutation, each point as a paragraph, and the closing (or the card's words, signed). */
export function letterBody(data: Case, mode: LetterMode, writer: Writer): string {
  const letter = data.letter!;
  const parts =
    mode === 'card' && letter.card
      ? [letter.card.salutation, letter.card.text, '{writerName}']
      : [letter.salutation, ...letter.points, letter.closing];
  return parts.map((part) => fill(part, data, writer)).join('\n\n');
}

/** Where it goes, one line per line: the authority's name, title and address, or the card's own address. */
export function letterAddress(data: Case, mode: LetterMode): string {
  const card = mode === 'card' ? data.letter?.card?.address : undefined;
  return card ?? [data.target.name, data.target.title, data.target.address].filter(Boolean).join('\n');
}

/** The address's language: the letter's for a card's own address, else the authority's section's. */
export const addressLang = (data: Case, mode: LetterMode): string | undefined =>
  mode === 'card' && data.letter?.card?.address ? letterLang(data) : (data.target.lang ?? data.lang);
