/** One counted action: `retryAfter` 0 when allowed, else seconds to wait; `undo` takes it back. */
export interface Hit {
  retryAfter: number;
  undo: () => void;
}

/** Fixed-window rate limits per client and kind of action, in memory or shared by instances. */
export interface Limiter {
  /** Seconds until the client may act again without counting anything: 0 when it may now. */
  wait(kind: string, client: string, max: number): number | Promise<number>;
  /** Counts one hit unless the client is at its limit. */
  hit(kind: string, client: string, max: number): Hit | Promise<Hit>;
  close(): void;
}

/** A hit that was not counted: the client waits `retryAfter` seconds. */
export const refused = (retryAfter: number): Hit => ({ retryAfter, undo: () => undefined });

/**
 * A counted hit. Its undo takes it back once however often it is called, on the window it was counted
 * in: one that has run out since is left alone.
 */
export function counted(takeBack: () => void): Hit {
  let undone = false;
  return {
    retryAfter: 0,
    undo: () => {
      if (undone) return;
      undone = true;
      takeBack();
    },
  };
}

/** Seconds a client with `count` hits in a window that ends in `msLeft` waits for its limit `max`: 0 for none. */
export function secondsToWait(count: number, max: number, msLeft: number): number {
  return count < max ? 0 : Math.max(1, Math.ceil(msLeft / 1000));
}

/**
 * Fixed-window counters per client and kind of action, in memory. One sweep timer drops expired
 * windows so memory follows the number of recent clients, not all clients ever seen.
 */
export class RateLimiter implements Limiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(windowMs, 1000));
    this.sweeper.unref();
  }

  /** Seconds until the client may act again without counting anything: 0 when it may now. */
  wait(kind: string, client: string, max: number): number {
    const now = this.now();
    const window = this.windows.get(`${kind}\0${client}`);
    if (!window || window.resetAt <= now) return 0;
    return secondsToWait(window.count, max, window.resetAt - now);
  }

  /**
   * Counts one hit: `retryAfter` is 0 when allowed, else the seconds to wait. `undo` takes an allowed
   * hit back, for an action that turned out not to be a new one.
   */
  hit(kind: string, client: string, max: number): Hit {
    const retryAfter = this.wait(kind, client, max);
    if (retryAfter > 0) return refused(retryAfter);
    const key = `${kind}\0${client}`;
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    const countedIn = window;
    return counted(() => countedIn.count--);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
