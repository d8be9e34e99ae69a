/**
 * Group commit, for any engine: every write queued while the database is busy (or during one turn of
 * the event loop) is committed in ONE transaction, and each caller's promise settles only after that
 * commit. One fsync then covers many writes, which is what makes a durable endpoint fast.
 *
 * When a batch fails, it is rolled back and each write is tried again in a transaction of its own, so
 * one bad write spoils no other (a savepoint per write would do the same at a real cost to every
 * write, failure or not). A failure that concerns every write (the database cannot be reached) fails
 * them all at once instead.
 */

export interface BatchRunner<W> {
  /** Runs every write in one transaction and answers each one's result; throws to roll all back. */
  all(batch: readonly W[]): unknown[] | Promise<unknown[]>;
  /** Runs one write in a transaction of its own. */
  one(write: W): unknown;
  /** True for an error no retry of a single write could avoid. */
  fatal?(error: unknown): boolean;
}

export interface GroupCommitOptions {
  /**
   * How long the first write of a batch waits for others before the commit (default 0: the next turn
   * of the event loop). Meanwhile the loop reads more requests.
   */
  windowMs?: number;
  /** Batches committing at once (default 1); more let one batch run while another waits on its fsync. */
  maxInFlight?: number;
}

interface Queued<W> {
  write: W;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<W> {
  private queue: Queued<W>[] = [];
  private scheduled = false;
  private closed = false;
  private readonly running = new Set<Promise<void>>();
  private readonly windowMs: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly runner: BatchRunner<W>,
    options: GroupCommitOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 0;
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  /** Queues one write; resolves with its result once committed. */
  enqueue<T>(write: W): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The database is closed.'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.running.size >= this.maxInFlight) return;
    this.scheduled = true;
    if (this.windowMs > 0) setTimeout(() => this.flush(), this.windowMs);
    else setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const done = this.commit(batch).finally(() => {
      this.running.delete(done);
      this.schedule();
    });
    this.running.add(done);
  }

  private async commit(batch: Queued<W>[]): Promise<void> {
    let results: { ok: boolean; value: unknown }[];
    try {
      const values = await this.runner.all(batch.map((item) => item.write));
      results = values.map((value) => ({ ok: true, value }));
    } catch (error) {
      if (batch.length === 1 || this.runner.fatal?.(error)) {
        results = batch.map(() => ({ ok: false, value: error }));
      } else {
        results = [];
        for (const item of batch) {
          try {
            results.push({ ok: true, value: await this.runner.one(item.write) });
          } catch (failure) {
            results.push({ ok: false, value: failure });
          }
        }
      }
    }
    batch.forEach((item, index) => {
      const result = results[index]!;
      if (result.ok) item.resolve(result.value);
      else item.reject(result.value);
    });
  }

  /** Commits everything queued and waits for every batch; later writes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length > 0 || this.running.size > 0) {
      if (this.queue.length > 0 && this.running.size < this.maxInFlight) this.flush();
      await Promise.all([...this.running]);
    }
  }
}
