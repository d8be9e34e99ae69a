import type Database from 'better-sqlite3';
import type { TallyKind, TallyQuery, TallyRow } from './reports.js';

/** The day after `day` (`YYYY-MM-DD`), where the range ends. */
const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The reports' counts in SQLite: one GROUP BY per table over the range, by day (UTC), source and
 * country. Signatures and letters count what was sent; messages count those approved for the wall.
 */
export class SqliteReports {
  private readonly s: Record<TallyKind, Database.Statement>;

  constructor(db: Database.Database) {
    const where = `created_at >= @from AND created_at < @until
      AND (@caseId IS NULL OR case_id = @caseId) AND (@source IS NULL OR source = @source)`;
    const grouped = (table: string, count: string, extra = '') =>
      db.prepare(
        `SELECT substr(created_at, 1, 10) AS day, source, country, ${count} AS count FROM ${table}
         WHERE ${where} ${extra} GROUP BY day, source, country ORDER BY day`,
      );
    this.s = {
      signatures: grouped('signatures', 'COUNT(*)'),
      messages: grouped('messages', 'COUNT(*)', "AND status = 'approved'"),
      letters: grouped('letters', 'SUM(count)'),
    };
  }

  tally(query: TallyQuery): TallyRow[] {
    const params = {
      caseId: query.caseId ?? null,
      source: query.source ?? null,
      from: query.from,
      until: dayAfter(query.to),
    };
    return (['signatures', 'messages', 'letters'] as const).flatMap((kind) =>
      (this.s[kind].all(params) as Omit<TallyRow, 'kind'>[]).map((row) => ({
        kind,
        day: row.day,
        source: row.source ?? null,
        country: row.country ?? null,
        count: row.count,
      })),
    );
  }
}
