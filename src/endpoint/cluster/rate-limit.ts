/**
 * Rate limits shared by every instance on one PostgreSQL database: the same fixed windows as the
 * in-memory limiter, one row per client and kind in the UNLOGGED `rate_windows` table, counted on the
 * database's clock. A flood split across instances is limited as one client.
 */
import type pg from 'pg';
import { counted, refused, secondsToWait, type Hit, type Limiter } from '../rate-limit.js';
import { mapError } from '../storage/postgres-errors.js';

export class PgRateLimiter implements Limiter {
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    private readonly windowMs: number,
  ) {
    this.sweeper = setInterval(
      () => {
        this.pool.query('DELETE FROM rate_windows WHERE reset_at <= now()').catch(() => undefined);
      },
      Math.max(windowMs, 1000),
    );
    this.sweeper.unref();
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (error) {
      throw mapError(error);
    }
  }

  async wait(kind: string, client: string, max: number): Promise<number> {
    const [row] = await this.query<{ count: number; ms: number }>(
      `SELECT count, EXTRACT(EPOCH FROM reset_at - now()) * 1000 AS ms FROM rate_windows
       WHERE bucket = $1 AND reset_at > now()`,
      [`${kind}:${client}`],
    );
    return row ? secondsToWait(row.count, max, Number(row.ms)) : 0;
  }

  async hit(kind: string, client: string, max: number): Promise<Hit> {
    const bucket = `${kind}:${client}`;
    // A window that ran out starts again at 1; one at its limit is left as it is and refuses.
    const [window] = await this.query<{ window: string }>(
      `INSERT INTO rate_windows (bucket, count, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (bucket) DO UPDATE SET
         count = CASE WHEN rate_windows.reset_at <= now() THEN 1 ELSE rate_windows.count + 1 END,
         reset_at = CASE WHEN rate_windows.reset_at <= now() THEN excluded.reset_at ELSE rate_windows.reset_at END
       WHERE rate_windows.reset_at <= now() OR rate_windows.count < $3
       RETURNING reset_at::text AS window`,
      [bucket, this.windowMs, max],
    );
    if (!window) {
      const retryAfter = await this.wait(kind, client, max);
      // The window ran out between the two statements: count again.
      return retryAfter > 0 ? refused(retryAfter) : this.hit(kind, client, max);
    }
    return counted(() => {
      this.pool
        .query(
          'UPDATE rate_windows SET count = count - 1 WHERE bucket = $1 AND reset_at = $2::timestamptz AND count > 0',
          [bucket, window.window],
        )
        .catch(() => undefined);
    });
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
