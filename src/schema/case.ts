import * as z from 'zod/mini';
import { caseId, countryCode, httpUrl, isoDate, langTag, wholeNumber } from './common.js';

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** Language of a section's text (BCP 47), when it is not the case's own `lang`: a translation's fallback. */
const sectionLang = { lang: z.optional(langTag) };

/** The person or office the campaign asks to act: addressed in letters, named in the petition. */
export const caseTarget = z.object({
  name: text(200),
  title: z.optional(text(300)),
  /** Postal address, one line per line. */
  address: z.optional(text(1000)),
  /** Social-media handle without the @, for share text. */
  handle: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_]{1,30}$/))),
  ...sectionLang,
});

export const casePetition = z.object({
  /** What the signers ask for, addressed to the target. */
  text: text(4000),
  goal: z.number().check(wholeNumber, z.positive()),
  /** After this moment the petition takes no more signatures. */
  closes: z.optional(isoDate),
  ...sectionLang,
});

/** The letter a supporter writes: placeholders `{targetName}`, `{targetTitle}`, `{caseName}`, `{writerName}`, `{writerCity}`. */
export const caseLetter = z.object({
  salutation: text(300),
  points: z.array(text(1000)).check(z.minLength(1), z.maxLength(12)),
  closing: text(300),
  /** Guidance on postage to the target's country. */
  postage: z.optional(text(1000)),
  /** A card of solidarity to the person at risk, where the case allows one. */
  card: z.optional(
    z.object({
      salutation: text(300),
      text: text(2000),
      /** Where cards go, when they do not go to the target. */
      address: z.optional(text(1000)),
    }),
  ),
  ...sectionLang,
});

export const caseShare = z.object({
  text: text(280),
  hashtags: z.array(z.string().check(z.regex(/^[\p{L}\p{N}_]{1,60}$/u))).check(z.maxLength(6)),
  /** The page to share; defaults to the page the widget is on. */
  url: z.optional(httpUrl),
  ...sectionLang,
});

export const caseImage = z.object({
  src: text(2000),
  alt: text(500),
  ...sectionLang,
});

/** A person at risk, as the widgets show it: one language, already chosen by the endpoint. */
export const caseSchema = z.object({
  id: caseId,
  name: text(200),
  country: countryCode,
  headline: text(300),
  summary: text(2000),
  /** The longer story, paragraphs separated by blank lines. */
  story: z.optional(text(20000)),
  image: z.optional(caseImage),
  target: caseTarget,
  petition: z.optional(casePetition),
  letter: z.optional(caseLetter),
  share: z.optional(caseShare),
  /** Language of the text fields (BCP 47); a section with its own `lang` is in that language instead. */
  lang: z.optional(langTag),
});

export type Case = z.infer<typeof caseSchema>;
export type CaseTarget = z.infer<typeof caseTarget>;
export type CasePetition = z.infer<typeof casePetition>;
export type CaseLetter = z.infer<typeof caseLetter>;
export type CaseShare = z.infer<typeof caseShare>;

export const caseList = z.object({ cases: z.array(caseSchema) });
export type CaseList = z.infer<typeof caseList>;
