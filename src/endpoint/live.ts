/**
 * Server-Sent Events, in memory: one set of listeners per channel (a case, or the moderators'),
 * stats bursts coalesced to at most one event per interval per case, and ONE timer writing the
 * heartbeat to every open stream — thousands of streams cost a Set entry and a controller each.
 */

const encoder = new TextEncoder();

/** One open stream. */
interface Listener {
  controller: ReadableStreamDefaultController<Uint8Array>;
  channel: string;
  client: string;
  closed: boolean;
}

export interface LiveOptions {
  heartbeatMs?: number;
  /** Least time between two stats events of one case. */
  statsIntervalMs?: number;
  /** Bytes a slow client may have queued before it is dropped. */
  maxQueuedBytes?: number;
  /** Streams one client (an IP address) may hold open at once. */
  maxStreamsPerClient?: number;
}

export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class LiveHub {
  private readonly channels = new Map<string, Set<Listener>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly statsIntervalMs: number;
  private readonly maxQueuedBytes: number;
  private readonly maxStreamsPerClient: number;
  /** Open streams per client. */
  private readonly clients = new Map<string, number>();
  private readonly statsPending = new Map<string, () => Promise<unknown>>();
  private readonly statsTimers = new Map<string, NodeJS.Timeout>();
  private readonly statsLastSent = new Map<string, number>();
  private closing = false;

  constructor(options: LiveOptions = {}) {
    this.statsIntervalMs = options.statsIntervalMs ?? 250;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 1024 * 1024;
    this.maxStreamsPerClient = options.maxStreamsPerClient ?? 100;
    const every = options.heartbeatMs ?? 15_000;
    this.heartbeat = setInterval(() => this.broadcastAll(': heartbeat\n\n'), every);
    this.heartbeat.unref();
  }

  /** Open streams per client of this hub, for a hub that tells others. */
  protected streamsPerClient(): ReadonlyMap<string, number> {
    return this.clients;
  }

  /** The cases and other channels with at least one open stream here. */
  protected openChannels(): string[] {
    return [...this.channels.keys()];
  }

  /** Number of open streams, for health and tests. */
  get size(): number {
    let n = 0;
    for (const set of this.channels.values()) n += set.size;
    return n;
  }

  /**
   * Opens a stream on `channel` for `client`, starting with `first` (already framed); null when the
   * client has as many open as it may. The stream closes when its response is over (`signal`), when it
   * falls too far behind, or when the hub closes.
   */
  open(
    channel: string,
    first: string,
    { client, signal }: { client: string; signal?: AbortSignal },
  ): ReadableStream<Uint8Array> | null {
    if (!this.closing && (this.clients.get(client) ?? 0) >= this.maxStreamsPerClient) return null;
    let listener: Listener | undefined;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          listener = { controller, channel, client, closed: false };
          if (this.closing) {
            controller.close();
            return;
          }
          this.clients.set(client, (this.clients.get(client) ?? 0) + 1);
          let set = this.channels.get(channel);
          if (!set) this.channels.set(channel, (set = new Set()));
          set.add(listener);
          // A comment first defeats buffering proxies; "retry" tells EventSource when to reconnect.
          controller.enqueue(encoder.encode(`retry: 3000\n: connected\n\n${first}`));
          if (signal?.aborted) this.drop(listener);
          else signal?.addEventListener('abort', () => listener && this.drop(listener), { once: true });
        },
        cancel: () => {
          if (listener) this.drop(listener, false);
        },
      },
      { highWaterMark: this.maxQueuedBytes, size: (chunk) => chunk.byteLength },
    );
  }

  /**
   * Holds a place for one more stream of `client` before open(): false when it has as many open as
   * it may. This hub counts in open() itself; a hub shared by several instances counts them all here.
   */
  reserve(client: string): Promise<boolean> {
    void client;
    return Promise.resolve(true);
  }

  /** Called when one of `client`'s streams ends, or a reserved place went unused. */
  protected released(client: string): void {
    void client;
  }

  /** Sends one event to every stream of a channel. */
  publish(channel: string, event: string, data: unknown): void {
    this.deliver(channel, event, data);
  }

  /** Sends one event to this hub's own streams of a channel. */
  protected deliver(channel: string, event: string, data: unknown): void {
    const set = this.channels.get(channel);
    if (!set || set.size === 0) return;
    const bytes = encoder.encode(sseFrame(event, data));
    for (const listener of set) this.write(listener, bytes);
  }

  /**
   * Announces that a case's stats changed. `read` is called when the event goes out, so a burst of
   * changes becomes one event carrying the latest numbers.
   */
  statsChanged(caseId: string, read: () => Promise<unknown>): void {
    if (!this.channels.get(`case:${caseId}`)?.size) return;
    this.statsPending.set(caseId, read);
    if (this.statsTimers.has(caseId)) return;
    const wait = Math.max(0, (this.statsLastSent.get(caseId) ?? 0) + this.statsIntervalMs - Date.now());
    const timer = setTimeout(() => {
      this.statsTimers.delete(caseId);
      const pending = this.statsPending.get(caseId);
      this.statsPending.delete(caseId);
      if (!pending) return;
      this.statsLastSent.set(caseId, Date.now());
      pending().then(
        (stats) => this.deliver(`case:${caseId}`, 'stats', stats),
        () => undefined,
      );
    }, wait);
    timer.unref();
    this.statsTimers.set(caseId, timer);
  }

  private broadcastAll(text: string): void {
    const bytes = encoder.encode(text);
    for (const set of this.channels.values()) for (const listener of set) this.write(listener, bytes);
  }

  private write(listener: Listener, bytes: Uint8Array): void {
    if (listener.closed) return;
    const desired = listener.controller.desiredSize;
    if (desired !== null && desired < 0) {
      // The client reads too slowly: let it reconnect rather than buffer without end.
      this.drop(listener);
      return;
    }
    try {
      listener.controller.enqueue(bytes);
    } catch {
      this.drop(listener, false);
    }
  }

  private drop(listener: Listener, close = true): void {
    if (listener.closed) return;
    listener.closed = true;
    const open = (this.clients.get(listener.client) ?? 1) - 1;
    if (open > 0) this.clients.set(listener.client, open);
    else this.clients.delete(listener.client);
    this.released(listener.client);
    const set = this.channels.get(listener.channel);
    set?.delete(listener);
    if (set?.size === 0) this.channels.delete(listener.channel);
    if (close) {
      try {
        listener.controller.close();
      } catch {
        // already closed
      }
    }
  }

  /** Ends every stream and stops the timers. */
  close(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const timer of this.statsTimers.values()) clearTimeout(timer);
    this.statsTimers.clear();
    for (const set of [...this.channels.values()]) for (const listener of [...set]) this.drop(listener);
  }
}
