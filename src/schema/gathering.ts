import * as z from 'zod/mini';
import {
  antiAbuseFields,
  caseId,
  countryCode,
  emailAddress,
  httpUrl,
  isoDateTime,
  langTag,
  source,
  typedText,
  wholeNumber,
} from './common.js';

// A letter-writing event is called a gathering in the code and the API: the live stream already owns
// `/v1/cases/:id/events`, and the widgets' `w4r-…` DOM events are events too.

export const GATHERING_DESCRIPTION_MAX = 2000;
/** Longest an event may last: a weekend of writing, not a season. */
export const GATHERING_MAX_HOURS = 72;
export const GATHERING_MAX_CASES = 10;
export const GATHERING_MAX_CAPACITY = 10_000;
/** Most letters one event may report for one case. */
export const GATHERING_MAX_LETTERS = 100_000;

/**
 * An IANA time zone the platform knows (`Europe/Madrid`, `America/Santiago`, `UTC`): the name's shape
 * first, then `Intl` itself, so "Mars/Olympus" or "+02:00" are refused on both sides alike.
 */
export const timeZone = z.string().check(
  z.regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/, 'A time zone such as Europe/Madrid.'),
  z.refine((value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'A time zone such as Europe/Madrid.'),
);

/** Where people meet: a city and its country, or a link to join online. */
export const gatheringPlace = z.union([
  z.strictObject({ city: typedText(1, 100), country: countryCode }),
  z.strictObject({ online: httpUrl }),
]);

export type GatheringPlace = z.infer<typeof gatheringPlace>;

const moment = (value: string) => Date.parse(value);

/** What a host tells about their event; the contact email is for the campaign's staff only. */
export const gatheringFields = {
  group: typedText(1, 100),
  title: typedText(1, 120),
  description: z.optional(typedText(0, GATHERING_DESCRIPTION_MAX)),
  start: isoDateTime,
  end: isoDateTime,
  timeZone,
  place: gatheringPlace,
  cases: z.array(caseId).check(
    z.minLength(1, 'At least one case.'),
    z.maxLength(GATHERING_MAX_CASES, `At most ${GATHERING_MAX_CASES} cases.`),
    z.refine((ids) => new Set(ids).size === ids.length, 'Each case once.'),
  ),
  /** How many people the host expects. */
  capacity: z.optional(
    z
      .number()
      .check(
        wholeNumber,
        z.minimum(1, 'At least 1.'),
        z.maximum(GATHERING_MAX_CAPACITY, `At most ${GATHERING_MAX_CAPACITY}.`),
      ),
  ),
  email: z.string().check(z.trim(), z.maxLength(254), emailAddress),
  /** The language the event is held in. */
  lang: z.optional(langTag),
};

/** The end after the start, and not days later. */
export const gatheringTimes = [
  z.refine<{ start: string; end: string }>((value) => moment(value.end) > moment(value.start), {
    message: 'The end comes after the start.',
    path: ['end'],
  }),
  z.refine<{ start: string; end: string }>(
    (value) => moment(value.end) - moment(value.start) <= GATHERING_MAX_HOURS * 3600_000,
    { message: `An event lasts ${GATHERING_MAX_HOURS} hours at most.`, path: ['end'] },
  ),
] as const;

/** What a host sends to announce an event. */
export const gatheringInput = z
  .strictObject({ ...gatheringFields, source: z.optional(source), ...antiAbuseFields })
  .check(...gatheringTimes);

export type GatheringInput = z.input<typeof gatheringInput>;

/** What the host gets back: the private token that lets them report letters and correct the report. */
export const gatheringReceipt = z.object({
  id: z.string(),
  status: z.literal(['approved', 'pending']),
  editToken: z.string(),
});

export type GatheringReceipt = z.infer<typeof gatheringReceipt>;

/** Letters written at the event for one case. */
export const caseLetters = z.object({
  case: caseId,
  count: z
    .number()
    .check(
      wholeNumber,
      z.minimum(0, 'Zero or more.'),
      z.maximum(GATHERING_MAX_LETTERS, `At most ${GATHERING_MAX_LETTERS}.`),
    ),
});

/** The host's report after the event; sent again, it replaces the one before. */
export const gatheringReport = z.strictObject({
  token: z.string().check(z.regex(/^[\w-]{20,100}$/, 'The private token from the edit link.')),
  letters: z.array(caseLetters).check(
    z.minLength(1, 'At least one case.'),
    z.maxLength(GATHERING_MAX_CASES),
    z.refine((rows) => new Set(rows.map((row) => row.case)).size === rows.length, 'Each case once.'),
  ),
  website: antiAbuseFields.website,
});

export type GatheringReport = z.input<typeof gatheringReport>;

/** "I'll come": counts one more participant, and keeps nothing about them. */
export const gatheringJoin = z.strictObject({
  source: z.optional(source),
  website: antiAbuseFields.website,
});

/** An event as anyone may read it: never the host's email. */
export const publicGathering = z.object({
  id: z.string(),
  group: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  start: isoDateTime,
  end: isoDateTime,
  timeZone: z.string(),
  place: gatheringPlace,
  cases: z.array(caseId),
  capacity: z.optional(z.number()),
  participants: z.number(),
  lang: z.optional(langTag),
  /** Letters reported per case, once the host has reported. */
  letters: z.optional(z.array(caseLetters)),
});

export type PublicGathering = z.infer<typeof publicGathering>;

/** Upcoming events, soonest first; `nextCursor` is null on the last page. */
export const gatheringPage = z.object({
  items: z.array(publicGathering),
  nextCursor: z.nullable(z.string()),
  total: z.number(),
});

export type GatheringPage = z.infer<typeof gatheringPage>;

export const joinReceipt = z.object({ participants: z.number() });
export type JoinReceipt = z.infer<typeof joinReceipt>;

export const reportReceipt = z.object({ letters: z.array(caseLetters) });
export type ReportReceipt = z.infer<typeof reportReceipt>;
