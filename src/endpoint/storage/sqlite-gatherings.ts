import { decodeStartCursor as decodeCursor, encodeStartCursor as encodeCursor } from './cursor.js';
import type { SqliteCore } from './sqlite-core.js';
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

type Row = Record<string, unknown>;

const EXPORT_CHUNK = 500;

/** Letter-writing events on SQLite, in the same group commit as every other write. */
export class SqliteGatherings implements GatheringStore {
  private readonly s;

  constructor(private readonly core: SqliteCore) {
    const { db } = core;
    this.s = {
      insert: db.prepare(
        `INSERT INTO gatherings (id, group_name, title, description, starts_at, ends_at, time_zone, city,
           country, online_url, capacity, lang, source, email, email_norm, token_hash, status, held_for,
           created_at)
         VALUES (@id, @group, @title, @description, @start, @end, @timeZone, @city, @country, @onlineUrl,
           @capacity, @lang, @source, @email, @emailNorm, @tokenHash, @status, @heldFor, @createdAt)`,
      ),
      insertCase: db.prepare('INSERT INTO gathering_cases (gathering_seq, case_id) VALUES (?, ?)'),
      get: db.prepare('SELECT * FROM gatherings WHERE id = ?'),
      cases: db.prepare(
        'SELECT case_id, letters FROM gathering_cases WHERE gathering_seq = ? ORDER BY rowid',
      ),
      status: db.prepare('UPDATE gatherings SET status = ?, decided_at = ? WHERE seq = ?'),
      join: db.prepare(
        'UPDATE gatherings SET participants = participants + 1 WHERE id = ? AND (capacity IS NULL OR participants < capacity)',
      ),
      participants: db.prepare('SELECT participants FROM gatherings WHERE id = ?'),
      setLetters: db.prepare(
        'UPDATE gathering_cases SET letters = ? WHERE gathering_seq = ? AND case_id = ?',
      ),
      reported: db.prepare('UPDATE gatherings SET reported_at = ? WHERE seq = ?'),
      exportChunk: db.prepare(`SELECT * FROM gatherings WHERE seq > ? ORDER BY seq LIMIT ${EXPORT_CHUNK}`),
      byEmail: db.prepare('SELECT id FROM gatherings WHERE email_norm = ?'),
      eraseKeys: db.prepare('DELETE FROM idempotency WHERE gathering_id = ?'),
      erase: db.prepare('DELETE FROM gatherings WHERE email_norm = ?'),
    };
  }

  private toGathering(row: Row): StoredGathering {
    const cases = this.s.cases.all(row.seq) as { case_id: string; letters: number | null }[];
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
      participants: row.participants as number,
      letters:
        row.reported_at === null
          ? null
          : cases.map((entry) => ({ caseId: entry.case_id, count: entry.letters ?? 0 })),
    };
  }

  private row(id: string): Row | undefined {
    return this.s.get.get(id) as Row | undefined;
  }

  add(gathering: NewGathering, keyed?: Keyed<StoredGathering>): Promise<Outcome<StoredGathering>> {
    return this.core.keyed(() => {
      const { lastInsertRowid } = this.s.insert.run({
        ...gathering,
        emailNorm: normalizeEmail(gathering.email),
        heldFor: JSON.stringify(gathering.heldFor),
      });
      for (const caseId of gathering.cases) this.s.insertCase.run(lastInsertRowid, caseId);
      return {
        value: { ...gathering, participants: 0, letters: null },
        gatheringId: gathering.id,
      };
    }, keyed);
  }

  get(id: string): Promise<StoredGathering | null> {
    const row = this.row(id);
    return Promise.resolve(row ? this.toGathering(row) : null);
  }

  async list(query: GatheringQuery): Promise<Page<StoredGathering>> {
    const after = decodeCursor(query.cursor);
    const where = ['status = @status'];
    if (query.caseId !== undefined) {
      where.push('seq IN (SELECT gathering_seq FROM gathering_cases WHERE case_id = @caseId)');
    }
    if (query.country !== undefined) where.push('country = @country');
    if (query.online) where.push('online_url IS NOT NULL');
    if (query.endsAfter !== undefined) where.push('ends_at > @endsAfter');
    const filter = where.join(' AND ');
    const params = {
      status: query.status,
      caseId: query.caseId,
      country: query.country,
      endsAfter: query.endsAfter,
      afterStart: after?.start ?? '',
      afterSeq: after?.seq ?? 0,
      limit: query.limit + 1,
    };
    const rows = this.core
      .prepared(
        `SELECT * FROM gatherings WHERE ${filter}
           AND (starts_at > @afterStart OR (starts_at = @afterStart AND seq > @afterSeq))
         ORDER BY starts_at, seq LIMIT @limit`,
      )
      .all(params) as Row[];
    const total = (
      this.core.prepared(`SELECT COUNT(*) AS n FROM gatherings WHERE ${filter}`).get(params) as { n: number }
    ).n;
    const more = rows.length > query.limit;
    const items = more ? rows.slice(0, query.limit) : rows;
    const last = items.at(-1);
    return {
      items: items.map((row) => this.toGathering(row)),
      nextCursor: more && last ? encodeCursor(last.starts_at as string, last.seq as number) : null,
      total,
    };
  }

  setStatus(
    id: string,
    status: GatheringStatus,
  ): Promise<{ gathering: StoredGathering; previous: GatheringStatus; changed: string[] } | null> {
    return this.core.enqueue(() => {
      const row = this.row(id);
      if (!row) return null;
      const gathering = this.toGathering(row);
      const previous = gathering.status;
      const changed: string[] = [];
      if (previous !== status) {
        this.s.status.run(status, this.core.stamp(), row.seq);
        // Reported letters count while the event is approved, and only then.
        const sign = status === 'approved' ? 1 : previous === 'approved' ? -1 : 0;
        for (const { caseId, count } of gathering.letters ?? []) {
          if (sign === 0 || count === 0) continue;
          this.core.addLetters(caseId, sign * count);
          changed.push(caseId);
        }
      }
      return { gathering: { ...gathering, status }, previous, changed };
    });
  }

  join(id: string, keyed?: Keyed<JoinResult>): Promise<Outcome<JoinResult>> {
    return this.core.keyed(() => {
      const joined = this.s.join.run(id).changes === 1;
      const row = this.s.participants.get(id) as { participants: number } | undefined;
      if (!row) return { value: null };
      if (!joined) return { value: 'full' };
      const { participants } = row;
      return { value: participants, gatheringId: id };
    }, keyed);
  }

  report(
    id: string,
    letters: { caseId: string; count: number }[],
    keyed?: Keyed<ReportResult>,
  ): Promise<Outcome<ReportResult>> {
    return this.core.keyed(() => {
      const row = this.row(id);
      if (!row) throw new Error(`There is no gathering ${id}.`);
      const before = this.toGathering(row);
      const counting = before.status === 'approved';
      const previous = new Map((before.letters ?? []).map((entry) => [entry.caseId, entry.count]));
      const changed: ReportResult['changed'] = [];
      for (const { caseId, count } of letters) {
        this.s.setLetters.run(count, row.seq, caseId);
        const delta = count - (previous.get(caseId) ?? 0);
        if (counting && delta !== 0) {
          this.core.addLetters(caseId, delta);
          changed.push({ caseId, counts: this.core.countsNow(caseId) });
        }
      }
      this.s.reported.run(this.core.stamp(), row.seq);
      const after = this.toGathering(this.row(id)!);
      return { value: { letters: after.letters ?? [], changed }, gatheringId: id };
    }, keyed);
  }

  async *export(): AsyncIterable<StoredGathering> {
    let after = 0;
    for (;;) {
      const rows = this.s.exportChunk.all(after) as Row[];
      for (const row of rows) yield this.toGathering(row);
      if (rows.length < EXPORT_CHUNK) return;
      after = rows.at(-1)!.seq as number;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async eraseHost(email: string): Promise<{ gatherings: number }> {
    const norm = normalizeEmail(email);
    const erased = await this.core.enqueue(() => {
      const ids = (this.s.byEmail.all(norm) as { id: string }[]).map((row) => row.id);
      for (const id of ids) this.s.eraseKeys.run(id);
      this.s.erase.run(norm);
      return ids.length;
    });
    if (erased > 0) this.core.emptyWal();
    return { gatherings: erased };
  }
}
