import * as z from 'zod/mini';
import { COUNTRY_CODES } from './country-codes.js';

// The browser bundle carries these schemas, so each check uses the lightest zod feature that makes it:
// a fixed set of strings is `z.literal([...])`, not `z.enum([...])` (0.2 KB gzip more for the same
// check); a whole number is `wholeNumber` below, not `z.int()` (0.4 KB); an email address is zod's own
// email pattern as a regex check, not `z.email()` (0.1 KB); dates and URLs, further down.

/** Characters no person types into a form: C0/C1 controls (tab and newlines excepted) and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const wellFormed = z.refine<string>((value) => value.isWellFormed() && !CONTROL_CHARACTERS.test(value), {
  message: 'Contains characters that are not allowed.',
  abort: true,
});

/** Format characters (zero-width spaces and joiners, bidi marks) and separators: nothing a reader sees. */
const INVISIBLE = /[\p{Cf}\p{Z}\s]/gu;

const visible = z.refine<string>((value) => value === '' || value.replace(INVISIBLE, '') !== '', {
  message: 'Required.',
  abort: true,
});

/**
 * Text a person typed: normalized to NFC, trimmed, free of control characters and lone surrogates,
 * not made only of invisible characters, and between `min` and `max` characters long once trimmed.
 */
export const typedText = (min: number, max: number) =>
  z
    .string()
    .check(
      z.normalize('NFC'),
      z.trim(),
      wellFormed,
      visible,
      z.minLength(min, min === 1 ? 'Required.' : `At least ${min} characters.`),
      z.maxLength(max, `At most ${max} characters.`),
    );

/**
 * Tabs, line breaks and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069): a name is one line, and a right-to-left override in it would turn round the text
 * after it wherever it is shown, in the delivery CSV and on the moderation page.
 */
const NOT_IN_A_NAME = /[\t\n\r\u202A-\u202E\u2066-\u2069]/;

/** A person's name as typed: `typedText`, on one line and without text-direction controls. */
export const personName = (max: number) =>
  typedText(1, max).check(
    z.refine((value) => !NOT_IN_A_NAME.test(value), {
      message: 'A name is one line, without tabs or text-direction control characters.',
      abort: true,
    }),
  );

/** An assigned ISO 3166-1 alpha-2 country code, upper case ("ZA", "CL"); "XX" or "ZZ" are refused. */
export const countryCode = z
  .string()
  .check(
    z.refine((value) => COUNTRY_CODES.includes(value), 'A two-letter country code (ISO 3166-1 alpha-2).'),
  );

/** A case identifier as it appears in URLs: lower-case letters, digits and dashes. */
export const caseId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Lower-case letters, digits and dashes.'));

/** Where an action came from, for a partner's attribution ("partner-ngo-site"). */
export const source = z
  .string()
  .check(z.trim(), z.regex(/^[\w.:/-]{1,64}$/, 'Letters, digits and . : / - _ only, 64 at most.'));

/** A whole number that JavaScript holds exactly, as zod's `int()` checks: `z.number().check(wholeNumber)`. */
export const wholeNumber = z.refine<number>(Number.isSafeInteger, 'A whole number.');

/** An email address, by the pattern `z.email()` uses: `z.string().check(z.trim(), emailAddress)`. */
export const emailAddress = z.regex(z.regexes.email, 'An email address such as name@example.org.');

/**
 * Fields every public form sends so the endpoint can turn bots away: `website` is a honeypot that a
 * person never sees and so leaves empty; `elapsedMs` is how long the form was open before sending.
 */
export const antiAbuseFields = {
  website: z.optional(z.string().check(z.maxLength(200))),
  elapsedMs: z.optional(z.number().check(wholeNumber, z.minimum(0))),
};

// Dates and URLs are checked with one regex and the platform's own parser rather than zod's
// `iso`/`url` schemas, which cost the browser bundle about 1 KB gzip for no extra safety here.
// The calendar day is checked too: engines read "2031-02-30" as the 2nd of March rather than refuse it.
const realDate = z.refine<string>((value) => {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return !Number.isNaN(Date.parse(value)) && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}, 'Not a real date.');

/** A moment with its offset: `2027-12-31T23:59:59Z`, `2020-05-12T20:00:00+02:00`. */
export const isoDateTime = z
  .string()
  .check(
    z.regex(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/,
      'A date and time such as 2027-12-31T23:59:59Z.',
    ),
    realDate,
  );

/** A day (`2027-12-31`) or a moment with its offset. */
export const isoDate = z
  .string()
  .check(
    z.regex(
      /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d))?$/,
      'A date such as 2027-12-31.',
    ),
    realDate,
  );

/** A BCP 47 language tag as campaigns write them: `es`, `es-CL`, `zh-Hant`. */
export const langTag = z
  .string()
  .check(z.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'A language tag such as "es".'));

/** An absolute http or https URL. */
export const httpUrl = z.string().check(
  z.maxLength(2000),
  z.regex(/^https?:\/\/[^\s/?#]+\S*$/i, 'An http or https address.'),
  z.refine((value) => URL.canParse(value), 'An http or https address.'),
);
