import * as z from 'zod/mini';
import { wholeNumber } from './common.js';

const count = z.number().check(wholeNumber, z.minimum(0));

/**
 * How many actions a case has gathered, and the petition's goal (null when it has none). From the
 * endpoint's public routes, `signatures` moves in coarse steps (10 below 1,000, then a hundredth of its
 * power of ten) and never above the true count, so that it never tells whether one more person signed.
 */
export const statsSchema = z.object({
  signatures: count,
  messages: count,
  letters: count,
  goal: z.nullable(z.number().check(wholeNumber, z.positive())),
});

export type Stats = z.infer<typeof statsSchema>;
export type StatsMetric = 'signatures' | 'messages' | 'letters' | 'all';
