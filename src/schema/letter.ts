import * as z from 'zod/mini';
import { antiAbuseFields, countryCode, source, wholeNumber } from './common.js';
import { statsSchema } from './stats.js';

/** A supporter reporting the letters they wrote and posted. */
export const letterReport = z.strictObject({
  count: z
    .number()
    .check(wholeNumber, z.minimum(1, 'At least one letter.'), z.maximum(100, 'At most 100 letters at once.')),
  country: z.optional(countryCode),
  /** `appeal` to the authority, `card` of solidarity to the person. */
  kind: z.optional(z.literal(['appeal', 'card'])),
  source: z.optional(source),
  ...antiAbuseFields,
});

export type LetterReport = z.input<typeof letterReport>;

export const letterReceipt = z.object({ stats: statsSchema });
export type LetterReceipt = z.infer<typeof letterReceipt>;
