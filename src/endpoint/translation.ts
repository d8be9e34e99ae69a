/**
 * A case's translations in the campaign file: what a translation must give, and the case it makes,
 * where each section a translation leaves out stays in the source language and says so with `lang`.
 */
import * as z from 'zod/mini';
import {
  caseImage,
  caseLetter,
  casePetition,
  caseSchema,
  caseShare,
  caseTarget,
  langTag,
  type Case,
} from '../schema/index.js';

/**
 * A case's text in another language, over the source: objects merge field by field, arrays replace
 * the source's. A section takes any of its own fields, none it lacks, and no `lang`: it is in the
 * translation's language.
 */
export const caseTranslation = z.strictObject({
  lang: z.optional(langTag),
  name: z.optional(caseSchema.shape.name),
  headline: z.optional(caseSchema.shape.headline),
  summary: z.optional(caseSchema.shape.summary),
  story: z.optional(caseSchema.shape.story),
  image: z.optional(z.strictObject(z.partial(z.omit(caseImage, { lang: true })).shape)),
  target: z.optional(z.strictObject(z.partial(z.omit(caseTarget, { lang: true })).shape)),
  // Goal and closing date are the campaign's, the same in every language.
  petition: z.optional(z.strictObject(z.partial(z.pick(casePetition, { text: true })).shape)),
  letter: z.optional(
    z.strictObject({
      ...z.partial(z.omit(caseLetter, { lang: true, card: true })).shape,
      card: z.optional(z.strictObject(z.partial(caseLetter.shape.card.def.innerType).shape)),
    }),
  ),
  share: z.optional(z.strictObject(z.partial(z.omit(caseShare, { lang: true })).shape)),
});

export type CaseTranslation = z.output<typeof caseTranslation>;

/** A case in its source language, which it always names. */
export type SourceCase = Case & { lang: string };

/** A field the rule wants, named by its path from the translation, and why. */
export interface TranslationGap {
  path: (string | number)[];
  message: string;
}

/** The text fields of each section a translation gives, where the source section has them. */
const SECTION_TEXTS = {
  petition: [['text']],
  letter: [['salutation'], ['points'], ['closing'], ['postage'], ['card', 'salutation'], ['card', 'text']],
  share: [['text']],
  image: [['alt']],
} as const;

type Section = keyof typeof SECTION_TEXTS;
const SECTIONS = Object.keys(SECTION_TEXTS) as Section[];

const SECTION_MESSAGES: Record<Section, string> = {
  petition: 'Required: a translation of the petition gives its text',
  letter: 'Required: a translation of the letter gives every part of it',
  share: 'Required: a translation of the share section gives its text',
  image: 'Required: a translation of the image gives its alt text',
};

const CASE_MESSAGE =
  'Required: a translation gives the headline and summary, and the story when the case has one';

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return current;
}

/**
 * What `translation` leaves out that the rule wants: the headline, the summary, the story when the
 * source has one, and every text field of each section it gives that the source section has.
 */
export function translationGaps(source: SourceCase, translation: CaseTranslation): TranslationGap[] {
  const gaps: TranslationGap[] = [];
  for (const field of ['headline', 'summary', 'story'] as const) {
    if (source[field] !== undefined && translation[field] === undefined) {
      gaps.push({ path: [field], message: CASE_MESSAGE });
    }
  }
  for (const section of SECTIONS) {
    const given = translation[section];
    if (given === undefined) continue;
    for (const path of SECTION_TEXTS[section]) {
      if (at(source[section], path) !== undefined && at(given, path) === undefined) {
        gaps.push({ path: [section, ...path], message: SECTION_MESSAGES[section] });
      }
    }
  }
  return gaps;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge field by field; anything else (text, arrays) is replaced by the translation's. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value;
  }
  return out;
}

/** The section with `lang` only when its text is in another language than the case's. */
function inLanguage(section: Record<string, unknown>, lang: string, caseLang: string) {
  const out = { ...section };
  delete out.lang;
  if (lang.toLowerCase() !== caseLang.toLowerCase()) out.lang = lang;
  return out;
}

/**
 * The case in `lang` (not yet validated): the translation over the source, with every section the
 * translation leaves out marked with the language it stays in — a screen reader then reads an English
 * letter on an Arabic page as English, and the browser sets it left to right.
 */
export function translateCase(
  source: SourceCase,
  translation: CaseTranslation,
  lang: string,
): Record<string, unknown> {
  const sourceLang = source.lang;
  const served = merge(source, { ...translation, lang });
  for (const section of SECTIONS) {
    const original = source[section];
    if (!original) continue;
    const sectionLang = translation[section] ? lang : (original.lang ?? sourceLang);
    served[section] = inLanguage(served[section] as Record<string, unknown>, sectionLang, lang);
  }
  // A target's name and address read the same in every language; its title is what has a language.
  const titleKept = source.target.title !== undefined && translation.target?.title === undefined;
  const targetLang = titleKept ? (source.target.lang ?? sourceLang) : lang;
  served.target = inLanguage(served.target as Record<string, unknown>, targetLang, lang);
  return served;
}
