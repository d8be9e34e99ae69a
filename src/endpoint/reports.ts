import type { TallyKind, TallyRow } from './storage/index.js';

type Counts = Record<TallyKind, number>;

const zero = (): Counts => ({ signatures: 0, messages: 0, letters: 0 });

/** What the reports page draws, made from the breakdown. */
export interface ReportSummary {
  totals: Counts;
  /** Every day of the range, oldest first, zeros included. */
  days: ({ day: string } & Counts)[];
  /** Signatures per day and source, for the stacked chart. */
  signaturesByDay: { day: string; bySource: Record<string, number> }[];
  sources: ({ source: string | null } & Counts)[];
  countries: ({ country: string | null } & Counts)[];
  rows: TallyRow[];
}

/** Every day from `from` to `to` (`YYYY-MM-DD`, UTC), both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Sums the breakdown by day, by source and by country; sources and countries by most signatures. */
export function summarize(rows: TallyRow[], from: string, to: string): ReportSummary {
  const totals = zero();
  const byDay = new Map(daysBetween(from, to).map((day) => [day, zero()]));
  const stacked = new Map(daysBetween(from, to).map((day) => [day, {} as Record<string, number>]));
  const bySource = new Map<string | null, Counts>();
  const byCountry = new Map<string | null, Counts>();
  const add = <K>(map: Map<K, Counts>, key: K, row: TallyRow) => {
    const counts = map.get(key) ?? zero();
    counts[row.kind] += row.count;
    map.set(key, counts);
  };
  for (const row of rows) {
    totals[row.kind] += row.count;
    add(byDay, row.day, row);
    add(bySource, row.source, row);
    add(byCountry, row.country, row);
    if (row.kind === 'signatures') {
      const cell = stacked.get(row.day);
      const name = row.source ?? '';
      if (cell) cell[name] = (cell[name] ?? 0) + row.count;
    }
  }
  // Most signatures first, then most of the rest, then by name with "none" last: the same order every time.
  const ranked = <K extends string | null>(map: Map<K, Counts>) =>
    [...map].sort(
      ([ka, a], [kb, b]) =>
        b.signatures - a.signatures ||
        b.messages + b.letters - a.messages - a.letters ||
        (ka === null ? 1 : kb === null ? -1 : ka.localeCompare(kb)),
    );
  return {
    totals,
    days: [...byDay].map(([day, counts]) => ({ day, ...counts })),
    signaturesByDay: [...stacked].map(([day, sources]) => ({ day, bySource: sources })),
    sources: ranked(bySource).map(([source, counts]) => ({ source, ...counts })),
    countries: ranked(byCountry).map(([country, counts]) => ({ country, ...counts })),
    rows,
  };
}
