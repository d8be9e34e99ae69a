import type pg from 'pg';
import { decodeStartCursor, encodeStartCursor } from './cursor.js';
import type { Batch, Done } from './postgres-batch.js';
import type { Row } from './rows.js';
import {
  normalizeEmail,
  type GatheringQuery,
  type GatheringStatus,
  type GatheringStore,
  type Keyed,
  type JoinResult,
  type NewGathering,
  type Outcome,
  type Page,
  type ReportResult,
  type StoredGathering,
} from './types.js';

/** What PostgreSQL's modules share with the storage that owns the pool and the group commit. */
export interface PostgresCore {
  enqueue<T>(write: (batch: Batch) => Promise<() => T>): Promise<T>;
  keyed<T>(run: (batch: Batch) => Promise<() => Done<T>>, keyed?: Keyed<T>): Promise<Outcome<T>>;
  query<R extends Row = Row>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  stamp(): string;
  vacuum(tables: string): Promise<void>;
}

const EXPORT_CHUNK = 500;

/** An event's row with its cases (in the host's order) and their reported letters. */
const SELECT = `SELECT g.*, (
    SELECT COALESCE(json_agg(json_build_object('case_id', c.case_id, 'letters', c.letters) ORDER BY c.ord), '[]')
    FROM gathering_cases c WHERE c.gathering_seq = g.seq
  ) AS cases FROM gatherings g`;

function toGathering(row: Row): StoredGathering {
  const cases = row.cases as { case_id: string; letters: number | null }[];
  return {
    id: row.id as string,
    group: row.group_name as string,
    title: row.title as string,
    description: (row.description as string | null) ?? null,
    start: row.starts_at as string,
    end: row.ends_at as string,
    timeZone: row.time_zone as string,
    city: (row.city as string | null) ?? null,
    country: (row.country as string | null) ?? null,
    onlineUrl: (row.online_url as string | null) ?? null,
    cases: cases.map((entry) => entry.case_id),
    capacity: (row.capacity as number | null) ?? null,
    lang: (row.lang as string | null) ?? null,
    source: (row.source as string | null) ?? null,
    email: row.email as string,
    tokenHash: row.token_hash as string,
    status: row.status as GatheringStatus,
    heldFor: JSON.parse(row.held_for as string) as string[],
    createdAt: row.created_at as string,
    participants: Number(row.participants),
    letters:
      row.reported_at === null
        ? null
        : cases.map((entry) => ({ caseId: entry.case_id, count: entry.letters ?? 0 })),
  };
}

/**
 * Letter-writing events on PostgreSQL, in the same group commit as every other write. An event's row
 * is locked (FOR UPDATE) by whatever changes it, so a report, a decision and joins on any instances
 * are taken one after the other; count changes go through the batch like every other.
 */
export class PostgresGatherings implements GatheringStore {
  constructor(private readonly core: PostgresCore) {}

  private async locked(batch: Batch, id: string): Promise<StoredGathering | null> {
    await batch.query('SELECT 1 FROM gatherings WHERE id = $1 FOR UPDATE', [id]);
    const { rows } = await batch.query(`${SELECT} WHERE g.id = $1`, [id]);
    return rows[0] ? toGathering(rows[0]) : null;
  }

  add(gathering: NewGathering, keyed?: Keyed<StoredGathering>): Promise<Outcome<StoredGathering>> {
    return this.core.keyed(async (batch) => {
      const { rows } = await batch.query<{ seq: string }>(
        `INSERT INTO gatherings (id, group_name, title, description, starts_at, ends_at, time_zone, city,
           country, online_url, capacity, lang, source, email, email_norm, token_hash, status, held_for,
           created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         RETURNING seq`,
        [
          gathering.id,
          gathering.group,
          gathering.title,
          gathering.description,
          gathering.start,
          gathering.end,
          gathering.timeZone,
          gathering.city,
          gathering.country,
          gathering.onlineUrl,
          gathering.capacity,
          gathering.lang,
          gathering.source,
          gathering.email,
          normalizeEmail(gathering.email),
          gathering.tokenHash,
          gathering.status,
          JSON.stringify(gathering.heldFor),
          gathering.createdAt,
        ],
      );
      await batch.query(
        `INSERT INTO gathering_cases (gathering_seq, case_id, ord)
         SELECT $1, case_id, ord FROM unnest($2::text[]) WITH ORDINALITY AS c (case_id, ord)`,
        [rows[0]!.seq, gathering.cases],
      );
      return () => ({ value: { ...gathering, participants: 0, letters: null }, gatheringId: gathering.id });
    }, keyed);
  }

  async get(id: string): Promise<StoredGathering | null> {
    const { rows } = await this.core.query(`${SELECT} WHERE g.id = $1`, [id]);
    return rows[0] ? toGathering(rows[0]) : null;
  }

  async list(query: GatheringQuery): Promise<Page<StoredGathering>> {
    const after = decodeStartCursor(query.cursor);
    const params: unknown[] = [query.status];
    const where = ['g.status = $1'];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.caseId !== undefined) {
      where.push(
        `g.seq IN (SELECT gathering_seq FROM gathering_cases WHERE case_id = ${param(query.caseId)})`,
      );
    }
    if (query.country !== undefined) where.push(`g.country = ${param(query.country)}`);
    if (query.online) where.push('g.online_url IS NOT NULL');
    if (query.endsAfter !== undefined) where.push(`g.ends_at > ${param(query.endsAfter)}`);
    const filter = where.join(' AND ');
    const countParams = [...params];
    // Moments are UTC ISO strings: in byte order ("C"), text order is time order.
    const start = param(after?.start ?? '');
    const seq = param(after?.seq ?? 0);
    const limit = param(query.limit + 1);
    const [{ rows }, total] = await Promise.all([
      this.core.query(
        `${SELECT} WHERE ${filter}
           AND (g.starts_at COLLATE "C" > ${start} OR (g.starts_at = ${start} AND g.seq > ${seq}))
         ORDER BY g.starts_at COLLATE "C", g.seq LIMIT ${limit}`,
        params,
      ),
      this.core.query<{ n: string }>(`SELECT COUNT(*) AS n FROM gatherings g WHERE ${filter}`, countParams),
    ]);
    const more = rows.length > query.limit;
    const items = more ? rows.slice(0, query.limit) : rows;
    const last = items.at(-1);
    return {
      items: items.map(toGathering),
      nextCursor: more && last ? encodeStartCursor(last.starts_at as string, Number(last.seq)) : null,
      total: Number(total.rows[0]!.n),
    };
  }

  setStatus(
    id: string,
    status: GatheringStatus,
  ): Promise<{ gathering: StoredGathering; previous: GatheringStatus; changed: string[] } | null> {
    return this.core.enqueue(async (batch) => {
      const gathering = await this.locked(batch, id);
      if (!gathering) return () => null;
      const previous = gathering.status;
      const changed: string[] = [];
      if (previous !== status) {
        await batch.query('UPDATE gatherings SET status = $1, decided_at = $2 WHERE id = $3', [
          status,
          this.core.stamp(),
          id,
        ]);
        // Reported letters count while the event is approved, and only then.
        const sign = status === 'approved' ? 1 : previous === 'approved' ? -1 : 0;
        for (const { caseId, count } of gathering.letters ?? []) {
          if (sign === 0 || count === 0) continue;
          batch.bump(caseId, 'letters', sign * count);
          changed.push(caseId);
        }
      }
      return () => ({ gathering: { ...gathering, status }, previous, changed });
    });
  }

  join(id: string, keyed?: Keyed<JoinResult>): Promise<Outcome<JoinResult>> {
    return this.core.keyed(async (batch) => {
      // The row is locked by the UPDATE, so two last places are never both taken.
      const { rows } = await batch.query<{ participants: number }>(
        `UPDATE gatherings SET participants = participants + 1
         WHERE id = $1 AND (capacity IS NULL OR participants < capacity) RETURNING participants`,
        [id],
      );
      const participants = rows[0]?.participants;
      if (participants !== undefined) return () => ({ value: Number(participants), gatheringId: id });
      const known = await batch.query('SELECT 1 FROM gatherings WHERE id = $1', [id]);
      return () => ({ value: known.rows.length ? 'full' : null });
    }, keyed);
  }

  report(
    id: string,
    letters: { caseId: string; count: number }[],
    keyed?: Keyed<ReportResult>,
  ): Promise<Outcome<ReportResult>> {
    return this.core.keyed(async (batch) => {
      const before = await this.locked(batch, id);
      if (!before) throw new Error(`There is no gathering ${id}.`);
      const counting = before.status === 'approved';
      const previous = new Map((before.letters ?? []).map((entry) => [entry.caseId, entry.count]));
      const moved: string[] = [];
      for (const { caseId, count } of letters) {
        await batch.query(
          'UPDATE gathering_cases SET letters = $1 WHERE case_id = $2 AND gathering_seq = (SELECT seq FROM gatherings WHERE id = $3)',
          [count, caseId, id],
        );
        const delta = count - (previous.get(caseId) ?? 0);
        if (counting && delta !== 0) {
          batch.bump(caseId, 'letters', delta);
          moved.push(caseId);
        }
      }
      await batch.query('UPDATE gatherings SET reported_at = $1 WHERE id = $2', [this.core.stamp(), id]);
      const { rows } = await batch.query(`${SELECT} WHERE g.id = $1`, [id]);
      const after = toGathering(rows[0]!);
      return () => ({
        value: {
          letters: after.letters ?? [],
          changed: moved.map((caseId) => ({ caseId, counts: batch.counts(caseId) })),
        },
        gatheringId: id,
      });
    }, keyed);
  }

  async *export(): AsyncIterable<StoredGathering> {
    let after = 0;
    for (;;) {
      const { rows } = await this.core.query(
        `${SELECT} WHERE g.seq > $1 ORDER BY g.seq LIMIT ${EXPORT_CHUNK}`,
        [after],
      );
      for (const row of rows) yield toGathering(row);
      if (rows.length < EXPORT_CHUNK) return;
      after = Number(rows.at(-1)!.seq);
    }
  }

  async eraseHost(email: string): Promise<{ gatherings: number }> {
    const norm = normalizeEmail(email);
    const erased = await this.core.enqueue(async (batch) => {
      await batch.query(
        'DELETE FROM idempotency WHERE gathering_id IN (SELECT id FROM gatherings WHERE email_norm = $1)',
        [norm],
      );
      const { rowCount } = await batch.query('DELETE FROM gatherings WHERE email_norm = $1', [norm]);
      return () => rowCount ?? 0;
    });
    if (erased > 0) await this.core.vacuum('gatherings, gathering_cases, idempotency');
    return { gatherings: erased };
  }
}
