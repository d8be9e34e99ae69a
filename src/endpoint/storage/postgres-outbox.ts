import type pg from 'pg';
import { decodeCursor, encodeCursor } from './cursor.js';
import type {
  AttemptResult,
  ClaimedDelivery,
  Delivery,
  DeliveryQuery,
  DeliveryState,
  OutboxStore,
} from './outbox.js';
import type { Row } from './rows.js';
import type { Page } from './types.js';

type Query = <R extends Row = Row>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

function toDelivery(row: Row): Delivery {
  const state = row.state as DeliveryState;
  return {
    eventId: row.event_id as string,
    target: row.target as string,
    type: row.type as string,
    caseId: (row.case_id as string | null) ?? null,
    state,
    attempts: Number(row.attempts),
    createdAt: row.created_at as string,
    nextAttemptAt: state === 'pending' ? iso(row.next_attempt_at) : null,
    lastAttemptAt: (row.last_attempt_at as string | null) ?? null,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: (row.last_error as string | null) ?? null,
    deliveredAt: (row.delivered_at as string | null) ?? null,
  };
}

/**
 * The outbox on PostgreSQL. Rows come in with their action's transaction (the batch's writeOutbox);
 * a claim is one statement whose rows are chosen `FOR UPDATE SKIP LOCKED`, so instances claiming at
 * the same moment take disjoint rows without waiting for each other, and the lease it writes keeps
 * them from the others until the attempt is settled or the lease runs out.
 */
export class PostgresOutbox implements OutboxStore {
  constructor(private readonly query: Query) {}

  async claim(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
    targets: readonly string[],
  ): Promise<ClaimedDelivery[]> {
    const at = now.getTime();
    const claimed: ClaimedDelivery[] = [];
    for (const target of targets) {
      if (claimed.length >= limit) break;
      const { rows } = await this.query(
        `UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1, last_attempt_at = $3
         WHERE seq IN (
           SELECT seq FROM outbox
           WHERE state = 'pending' AND target = $4 AND next_attempt_at <= $5
             AND (lease_until IS NULL OR lease_until <= $5)
           ORDER BY next_attempt_at LIMIT $6 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [owner, at + leaseMs, now.toISOString(), target, at, limit - claimed.length],
      );
      for (const row of rows)
        claimed.push({
          ...toDelivery(row),
          id: Number(row.seq),
          body: row.body as string,
          retryFrom: iso(row.retry_from)!,
        });
    }
    return claimed;
  }

  async settle(id: number, owner: string, at: Date, result: AttemptResult): Promise<boolean> {
    const when = at.toISOString();
    const mine = `seq = $1 AND lease_owner = $2 AND state = 'pending'`;
    const { rowCount } =
      result.outcome === 'delivered'
        ? await this.query(
            `UPDATE outbox SET state = 'delivered', body = NULL, subject = NULL, lease_owner = NULL,
               lease_until = NULL, last_status = $3, last_error = NULL, delivered_at = $4 WHERE ${mine}`,
            [id, owner, result.status, when],
          )
        : result.outcome === 'retry'
          ? await this.query(
              `UPDATE outbox SET lease_owner = NULL, lease_until = NULL, last_status = $3, last_error = $4,
                 next_attempt_at = $5 WHERE ${mine}`,
              [id, owner, result.status, result.error, result.nextAttemptAt.getTime()],
            )
          : await this.query(
              `UPDATE outbox SET state = 'dead', lease_owner = NULL, lease_until = NULL, last_status = $3,
                 last_error = $4 WHERE ${mine}`,
              [id, owner, result.status, result.error],
            );
    return rowCount === 1;
  }

  async list(query: DeliveryQuery): Promise<Page<Delivery>> {
    const before = decodeCursor(query.cursor);
    const conditions = [
      ...(query.state ? ['state = $3'] : []),
      ...(query.failed ? ['last_error IS NOT NULL', "state <> 'delivered'"] : []),
    ];
    const where = conditions.length > 0 ? conditions.join(' AND ') : 'TRUE';
    const params = [
      before ?? Number.MAX_SAFE_INTEGER,
      query.limit + 1,
      ...(query.state ? [query.state] : []),
    ];
    const { rows } = await this.query(
      `SELECT * FROM outbox WHERE ${where} AND seq < $1 ORDER BY seq DESC LIMIT $2`,
      params,
    );
    const counted = await this.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM outbox WHERE ${where.replace('$3', '$1')}`,
      query.state ? [query.state] : [],
    );
    const more = rows.length > query.limit;
    const items = more ? rows.slice(0, query.limit) : rows;
    return {
      items: items.map(toDelivery),
      nextCursor: more ? encodeCursor(Number(items.at(-1)!.seq)) : null,
      total: Number(counted.rows[0]!.n),
    };
  }

  async replay(now: Date, eventId?: string): Promise<number> {
    const at = now.getTime();
    const { rowCount } = await this.query(
      `UPDATE outbox SET state = 'pending', attempts = 0, retry_from = $1, next_attempt_at = $1
       WHERE state = 'dead' ${eventId === undefined ? '' : 'AND event_id = $2'}`,
      eventId === undefined ? [at] : [at, eventId],
    );
    return rowCount ?? 0;
  }

  async nextDue(targets: readonly string[]): Promise<Date | null> {
    if (targets.length === 0) return null;
    const { rows } = await this.query<{ due: string | null }>(
      `SELECT MIN(GREATEST(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM outbox
       WHERE state = 'pending' AND target = ANY($1::text[])`,
      [targets],
    );
    const due = rows[0]?.due;
    return due === null || due === undefined ? null : new Date(Number(due));
  }

  async expire(target: string, now: Date, before: Date, error: string): Promise<number> {
    const { rowCount } = await this.query(
      `UPDATE outbox SET state = 'dead', last_error = $1
       WHERE state = 'pending' AND target = $2 AND next_attempt_at < $3 AND retry_from < $3
         AND (lease_until IS NULL OR lease_until <= $4)`,
      [error, target, before.getTime(), now.getTime()],
    );
    return rowCount ?? 0;
  }
}
