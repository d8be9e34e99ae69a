/**
 * The live hub of one instance among several on one PostgreSQL database. Each event is delivered to
 * this instance's streams at once and NOTIFYed to the others; stats changes are sent at most every
 * 100 ms per case and each instance reads the counts itself. After the listening connection was
 * lost, every open case stream gets the current stats and the newest wall messages (the wall skips
 * those it has), so a stream never misses a count. Streams per client are counted across instances
 * in `stream_slots`, each instance keeping its own row per client fresh and the rows of one that
 * stopped expiring.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { LiveHub, type LiveOptions } from '../live.js';
import { mapError } from '../storage/postgres-errors.js';
import { checkout } from '../storage/postgres-pool.js';
import { MAX_PAYLOAD, Notifier } from './notifier.js';

export interface SharedLiveOptions extends LiveOptions {
  url: string;
  pool: pg.Pool;
  /** The case's stats as its streams show them. */
  readStats: (caseId: string) => Promise<unknown>;
  /** Events a channel's streams get after a gap, oldest first (for a case: the newest messages). */
  catchUp: (channel: string) => Promise<{ event: string; data: unknown }[]>;
}

const CHANNEL = 'w4r_live';
const STATS_EVERY_MS = 100;
const SLOT_REFRESH_MS = 15_000;
const SLOT_TTL = '45 seconds';

interface Note {
  /** The instance that sent it. */
  o: string;
  /** An event for a channel. */
  c?: string;
  e?: string;
  d?: unknown;
  /** A case whose stats changed. */
  s?: string;
  /** A channel whose event was too large to send: its streams catch up instead. */
  g?: string;
}

export class SharedLiveHub extends LiveHub {
  readonly instance = randomUUID();
  private readonly notifier: Notifier;
  private readonly pool: pg.Pool;
  private readonly maxStreams: number;
  private readonly statsToSend = new Set<string>();
  private statsTimer: NodeJS.Timeout | null = null;
  private readonly slotTimer: NodeJS.Timeout;
  private readonly readStats: (caseId: string) => Promise<unknown>;
  private readonly catchUp: SharedLiveOptions['catchUp'];

  constructor(options: SharedLiveOptions) {
    super(options);
    this.pool = options.pool;
    this.maxStreams = options.maxStreamsPerClient ?? 100;
    this.readStats = options.readStats;
    this.catchUp = options.catchUp;
    this.notifier = new Notifier({
      url: options.url,
      channel: CHANNEL,
      pool: options.pool,
      onMessage: (payload) => this.received(payload),
      onGap: () => this.caughtUp(),
    });
    this.slotTimer = setInterval(() => void this.refreshSlots(), SLOT_REFRESH_MS);
    this.slotTimer.unref();
  }

  /** Starts listening; resolves once it does or the first try failed (it goes on trying). */
  start(): Promise<void> {
    return this.notifier.start();
  }

  get listening(): boolean {
    return this.notifier.listening;
  }

  override publish(channel: string, event: string, data: unknown): void {
    this.deliver(channel, event, data);
    const note = JSON.stringify({ o: this.instance, c: channel, e: event, d: data } satisfies Note);
    this.notifier.send(
      Buffer.byteLength(note) <= MAX_PAYLOAD
        ? note
        : JSON.stringify({ o: this.instance, g: channel } satisfies Note),
    );
  }

  override statsChanged(caseId: string, read: () => Promise<unknown>): void {
    super.statsChanged(caseId, read);
    this.statsToSend.add(caseId);
    if (this.statsTimer) return;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = null;
      for (const id of this.statsToSend)
        this.notifier.send(JSON.stringify({ o: this.instance, s: id } satisfies Note));
      this.statsToSend.clear();
    }, STATS_EVERY_MS);
    this.statsTimer.unref();
  }

  private received(payload: string): void {
    let note: Note;
    try {
      note = JSON.parse(payload) as Note;
    } catch {
      return;
    }
    if (note.o === this.instance) return;
    if (note.s !== undefined) {
      const caseId = note.s;
      super.statsChanged(caseId, () => this.readStats(caseId));
    } else if (note.c !== undefined && note.e !== undefined) {
      this.deliver(note.c, note.e, note.d);
    } else if (note.g !== undefined) {
      void this.catchUpChannel(note.g);
    }
  }

  private caughtUp(): void {
    for (const channel of this.openChannels()) void this.catchUpChannel(channel);
  }

  private async catchUpChannel(channel: string): Promise<void> {
    try {
      for (const { event, data } of await this.catchUp(channel)) this.deliver(channel, event, data);
    } catch {
      // The database went away again: the next reconnection catches up.
    }
  }

  // ---- streams per client, across instances ----

  override async reserve(client: string): Promise<boolean> {
    const connection = await checkout(this.pool);
    let broken = false;
    try {
      await connection.query('BEGIN');
      await connection.query("SELECT pg_advisory_xact_lock(hashtext('w4r-streams:' || $1))", [client]);
      const { rows } = await connection.query<{ n: string }>(
        'SELECT COALESCE(SUM(open), 0) AS n FROM stream_slots WHERE client = $1 AND expires_at > now()',
        [client],
      );
      const allowed = Number(rows[0]!.n) < this.maxStreams;
      if (allowed) {
        await connection.query(
          `INSERT INTO stream_slots (instance, client, open, expires_at) VALUES ($1, $2, 1, now() + interval '${SLOT_TTL}')
           ON CONFLICT (client, instance) DO UPDATE SET open = stream_slots.open + 1, expires_at = excluded.expires_at`,
          [this.instance, client],
        );
      }
      await connection.query('COMMIT');
      return allowed;
    } catch (error) {
      broken = true;
      await connection.query('ROLLBACK').catch(() => undefined);
      throw mapError(error);
    } finally {
      connection.release(broken);
    }
  }

  override open(...args: Parameters<LiveHub['open']>): ReturnType<LiveHub['open']> {
    const stream = super.open(...args);
    if (!stream) this.released(args[2].client);
    return stream;
  }

  protected override released(client: string): void {
    this.pool
      .query('UPDATE stream_slots SET open = GREATEST(open - 1, 0) WHERE instance = $1 AND client = $2', [
        this.instance,
        client,
      ])
      .catch(() => undefined);
  }

  /** Sets this instance's rows to its streams as they are, and drops every expired row. */
  private async refreshSlots(): Promise<void> {
    const counts = this.streamsPerClient();
    let connection: pg.PoolClient | undefined;
    try {
      connection = await checkout(this.pool);
      await connection.query('BEGIN');
      await connection.query('DELETE FROM stream_slots WHERE instance = $1 OR expires_at <= now()', [
        this.instance,
      ]);
      await connection.query(
        `INSERT INTO stream_slots (instance, client, open, expires_at)
         SELECT $1, client, open, now() + interval '${SLOT_TTL}' FROM unnest($2::text[], $3::int[]) AS t (client, open)`,
        [this.instance, [...counts.keys()], [...counts.values()]],
      );
      await connection.query('COMMIT');
      connection.release();
    } catch {
      // Tried again at the next refresh; meanwhile the rows as they were stand.
      connection?.release(true);
    }
  }

  override close(): void {
    super.close();
    clearInterval(this.slotTimer);
    if (this.statsTimer) clearTimeout(this.statsTimer);
    void this.notifier.close();
    this.pool.query('DELETE FROM stream_slots WHERE instance = $1', [this.instance]).catch(() => undefined);
  }
}
