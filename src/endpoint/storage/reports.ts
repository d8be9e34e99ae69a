/** Counts for the reports: how many of each action per day, source and country. Never who. */

export type TallyKind = 'signatures' | 'messages' | 'letters';

export interface TallyQuery {
  caseId?: string;
  /** Only this `source` (a partner's). */
  source?: string;
  /** First day, `YYYY-MM-DD` (UTC), included. */
  from: string;
  /** Last day, `YYYY-MM-DD` (UTC), included. */
  to: string;
}

/** One cell of the breakdown: signatures (or approved messages, or letters) of one day, source and country. */
export interface TallyRow {
  kind: TallyKind;
  day: string;
  source: string | null;
  country: string | null;
  count: number;
}
