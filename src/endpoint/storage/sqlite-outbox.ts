import type Database from 'better-sqlite3';
import { decodeCursor, encodeCursor } from './cursor.js';
import type {
  AttemptResult,
  ClaimedDelivery,
  Delivery,
  DeliveryQuery,
  DeliveryState,
  NewDelivery,
  OutboxStore,
} from './outbox.js';
import type { Page } from './types.js';

type Row = Record<string, unknown>;
type Enqueue = <T>(run: () => T) => Promise<T>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toDelivery(row: Row): Delivery {
  const state = row.state as DeliveryState;
  return {
    eventId: row.event_id as string,
    target: row.target as string,
    type: row.type as string,
    caseId: (row.case_id as string | null) ?? null,
    state,
    attempts: row.attempts as number,
    createdAt: row.created_at as string,
    nextAttemptAt: state === 'pending' ? iso(row.next_attempt_at as number) : null,
    lastAttemptAt: (row.last_attempt_at as string | null) ?? null,
    lastStatus: (row.last_status as number | null) ?? null,
    lastError: (row.last_error as string | null) ?? null,
    deliveredAt: (row.delivered_at as string | null) ?? null,
  };
}

/**
 * The outbox in SQLite. Rows are added inside the action's own transaction (`add`, `forget`); the
 * deliverer's claims and results go through the storage's write queue like every other write, so one
 * writer decides them. A claim is a lease (`lease_owner`, `lease_until`) rather than a lock held
 * while sending: several instances on one database, or on PostgreSQL with `FOR UPDATE SKIP LOCKED`
 * in the selecting query, take disjoint rows, and a crashed instance's rows come due again.
 */
export class SqliteOutbox implements OutboxStore {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly enqueue: Enqueue,
  ) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox (event_id, target, type, case_id, body, subject, state, created_at, retry_from,
           next_attempt_at)
         VALUES (@eventId, @target, @type, @caseId, @body, @subject, 'pending', @createdAt, @now, @now)`,
      ),
      forget: db.prepare(`DELETE FROM outbox WHERE subject = ? AND state <> 'delivered'`),
      forgetCase: db.prepare(`DELETE FROM outbox WHERE case_id = ? AND state <> 'delivered'`),
      claim: db.prepare(
        `UPDATE outbox SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1,
           last_attempt_at = @at
         WHERE seq IN (
           SELECT seq FROM outbox
           WHERE state = 'pending' AND target = @target AND next_attempt_at <= @now
             AND (lease_until IS NULL OR lease_until <= @now)
           ORDER BY next_attempt_at LIMIT @limit)
         RETURNING *`,
      ),
      delivered: db.prepare(
        `UPDATE outbox SET state = 'delivered', body = NULL, subject = NULL, lease_owner = NULL,
           lease_until = NULL, last_status = @status, last_error = NULL, delivered_at = @at
         WHERE seq = @id AND lease_owner = @owner AND state = 'pending'`,
      ),
      retry: db.prepare(
        `UPDATE outbox SET lease_owner = NULL, lease_until = NULL, last_status = @status, last_error = @error,
           next_attempt_at = @next
         WHERE seq = @id AND lease_owner = @owner AND state = 'pending'`,
      ),
      dead: db.prepare(
        `UPDATE outbox SET state = 'dead', lease_owner = NULL, lease_until = NULL, last_status = @status,
           last_error = @error
         WHERE seq = @id AND lease_owner = @owner AND state = 'pending'`,
      ),
      replayOne: db.prepare(
        `UPDATE outbox SET state = 'pending', attempts = 0, retry_from = @now, next_attempt_at = @now
         WHERE state = 'dead' AND event_id = @eventId`,
      ),
      replayAll: db.prepare(
        `UPDATE outbox SET state = 'pending', attempts = 0, retry_from = @now, next_attempt_at = @now
         WHERE state = 'dead'`,
      ),
      nextDue: db.prepare(
        `SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM outbox
         WHERE state = 'pending' AND target = ?`,
      ),
      expire: db.prepare(
        `UPDATE outbox SET state = 'dead', last_error = @error
         WHERE state = 'pending' AND target = @target AND next_attempt_at < @before AND retry_from < @before
           AND (lease_until IS NULL OR lease_until <= @now)`,
      ),
    };
  }

  private readonly listings = new Map<string, Database.Statement>();

  /** Inside an action's transaction: its rows, due now. */
  add(rows: readonly NewDelivery[] | undefined, now: number): void {
    for (const row of rows ?? []) this.s.insert.run({ ...row, now });
  }

  /** Inside an erasure's transaction: what is not yet sent about this supporter goes. */
  forget(subject: string): void {
    this.s.forget.run(subject);
  }

  /** Inside a retention run's transaction: the case's unsent and dead rows, bodies and all, go. */
  forgetCase(caseId: string): number {
    return this.s.forgetCase.run(caseId).changes;
  }

  claim(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
    targets: readonly string[],
  ): Promise<ClaimedDelivery[]> {
    const at = now.getTime();
    return this.enqueue(() => {
      const rows: Row[] = [];
      // One target at a time, each through its own index range: a long backlog for one receiver
      // costs the others nothing.
      for (const target of targets) {
        if (rows.length >= limit) break;
        const params = { owner, target, now: at, until: at + leaseMs, at: now.toISOString() };
        rows.push(...(this.s.claim.all({ ...params, limit: limit - rows.length }) as Row[]));
      }
      return rows.map((row) => ({
        ...toDelivery(row),
        id: row.seq as number,
        body: row.body as string,
        retryFrom: iso(row.retry_from as number)!,
      }));
    });
  }

  settle(id: number, owner: string, at: Date, result: AttemptResult): Promise<boolean> {
    const key = { id, owner, status: result.status, at: at.toISOString() };
    return this.enqueue(() => {
      const run =
        result.outcome === 'delivered'
          ? this.s.delivered.run(key)
          : result.outcome === 'retry'
            ? this.s.retry.run({ ...key, error: result.error, next: result.nextAttemptAt.getTime() })
            : this.s.dead.run({ ...key, error: result.error });
      return run.changes === 1;
    });
  }

  async list(query: DeliveryQuery): Promise<Page<Delivery>> {
    const before = decodeCursor(query.cursor);
    const conditions = [
      ...(query.state ? ['state = @state'] : []),
      ...(query.failed ? ['last_error IS NOT NULL', "state <> 'delivered'"] : []),
    ];
    const where = conditions.length > 0 ? conditions.join(' AND ') : '1';
    const params = { state: query.state, before: before ?? Number.MAX_SAFE_INTEGER, limit: query.limit + 1 };
    const rows = this.prepared(
      `SELECT * FROM outbox WHERE ${where} AND seq < @before ORDER BY seq DESC LIMIT @limit`,
    ).all(params) as Row[];
    const total = (
      this.prepared(`SELECT COUNT(*) AS n FROM outbox WHERE ${where}`).get(params) as { n: number }
    ).n;
    const more = rows.length > query.limit;
    const items = more ? rows.slice(0, query.limit) : rows;
    return {
      items: items.map(toDelivery),
      nextCursor: more ? encodeCursor(items.at(-1)!.seq as number) : null,
      total,
    };
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.listings.get(sql);
    if (!statement) this.listings.set(sql, (statement = this.s.insert.database.prepare(sql)));
    return statement;
  }

  replay(now: Date, eventId?: string): Promise<number> {
    const at = now.getTime();
    return this.enqueue(
      () =>
        (eventId === undefined
          ? this.s.replayAll.run({ now: at })
          : this.s.replayOne.run({ now: at, eventId })
        ).changes,
    );
  }

  nextDue(targets: readonly string[]): Promise<Date | null> {
    const dues = targets
      .map((target) => (this.s.nextDue.get(target) as { due: number | null }).due)
      .filter((due): due is number => due !== null);
    return Promise.resolve(dues.length === 0 ? null : new Date(Math.min(...dues)));
  }

  expire(target: string, now: Date, before: Date, error: string): Promise<number> {
    return this.enqueue(
      () => this.s.expire.run({ target, before: before.getTime(), now: now.getTime(), error }).changes,
    );
  }
}
