import type { ModerationStatus } from '../schema/status.js';

/** What a moderator decides about a message or a photo, by the word in its route, and the status it sets. */
export const DECISIONS = [
  ['approve', 'approved'],
  ['reject', 'rejected'],
] as const satisfies readonly (readonly [string, ModerationStatus])[];
