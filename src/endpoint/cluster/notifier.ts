/**
 * One LISTEN connection per instance: what any instance NOTIFYs on the channel reaches every
 * instance. The connection is opened again whenever it drops (backing off to 5 s while the database
 * is away); `onGap` runs after each reconnection, since notifications sent meanwhile are lost.
 */
import pg from 'pg';

export interface NotifierOptions {
  url: string;
  channel: string;
  /** Sends notifications; a pool, so sending never waits for the listening connection. */
  pool: pg.Pool;
  onMessage: (payload: string) => void;
  /** After the listening connection came back: read what may have been missed. */
  onGap: () => void;
}

/** The payload limit of NOTIFY is 8000 bytes. */
export const MAX_PAYLOAD = 7900;

export class Notifier {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 250;
  private timer: NodeJS.Timeout | null = null;
  private connectedOnce = false;
  /** True while the listening connection is up. */
  listening = false;

  constructor(private readonly options: NotifierOptions) {}

  /** Connects; resolves once listening, or after the first failure (it keeps trying meanwhile). */
  start(): Promise<void> {
    return this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.url,
      keepAlive: true,
      application_name: 'w4r-endpoint-listen',
    });
    this.client = client;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      this.listening = false;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload)
        this.options.onMessage(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch {
      onLost();
      return;
    }
    if (lost) return;
    this.listening = true;
    this.retryMs = 250;
    if (this.connectedOnce) this.options.onGap();
    this.connectedOnce = true;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  /** Sends one notification to every instance, this one included; a failure is dropped. */
  send(payload: string): void {
    this.options.pool
      .query('SELECT pg_notify($1, $2)', [this.options.channel, payload])
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
