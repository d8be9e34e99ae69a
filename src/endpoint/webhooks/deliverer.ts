import { randomUUID } from 'node:crypto';
import type { ClaimedDelivery, OutboxStore } from '../storage/index.js';
import { RETRY_WINDOW_MS, settleAttempt, type RetryTiming } from './schedule.js';
import type { Channel } from './send.js';

export interface DelivererOptions {
  outbox: OutboxStore;
  /** How to send to each target; a delivery for a target not listed any more is dead-lettered. */
  channels: ReadonlyMap<string, Channel>;
  timing: RetryTiming;
  /** How long one attempt may take; a claim lasts twice that and a second more. */
  timeoutMs: number;
  /** How often due retries are looked for when nothing new was written. */
  pollMs: number;
  /** Attempts in flight at once. */
  concurrency?: number;
  now?: () => Date;
  log?: (message: string) => void;
}

/** Failures in a row after which a receiver is left alone for a while. */
const TRIP_AFTER = 3;
const FIRST_PAUSE_MS = 5_000;
const LONGEST_PAUSE_MS = 10 * 60_000;

/** How one receiver is doing, in this process. */
interface Health {
  failuresInARow: number;
  /** Pauses so far, for the next one's length. */
  pauses: number;
  /** No attempt before this (ms); then one delivery tries whether it is back. */
  pausedUntil: number;
}

/**
 * Sends what the outbox holds, in this process, beside the HTTP server: claims due deliveries (a
 * lease, so other instances leave them alone), sends them concurrently, records each result. It
 * never blocks a request: signing only writes rows, and a receiver that hangs holds at most
 * `concurrency` sockets, not the event loop.
 */
export class Deliverer {
  private readonly owner = randomUUID();
  private readonly concurrency: number;
  private readonly now: () => Date;
  private running = false;
  private claiming = false;
  private again = false;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastFailure = '';
  private readonly health = new Map<string, Health>();
  /** Counts wakes, so a sleep decided before one does not override it. */
  private wakes = 0;

  constructor(private readonly options: DelivererOptions) {
    this.concurrency = options.concurrency ?? 16;
    this.now = options.now ?? (() => new Date());
  }

  private get leaseMs(): number {
    return this.options.timeoutMs * 2 + 1000;
  }

  start(): void {
    this.running = true;
    this.wake();
  }

  /** Something was written: look for due deliveries soon (at most once per turn of the event loop). */
  wake(): void {
    if (!this.running) return;
    this.wakes++;
    if (this.claiming) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.claimAndSend(), 0);
  }

  /** Stops claiming; attempts in flight finish or their lease runs out. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private async claimAndSend(): Promise<void> {
    if (!this.running) return;
    this.claiming = true;
    this.again = false;
    let claimed: ClaimedDelivery[] = [];
    try {
      const free = this.concurrency - this.inFlight;
      const now = this.now();
      const targets = this.targets(now);
      if (free > 0 && targets.length > 0)
        claimed = await this.options.outbox.claim(this.owner, now, this.leaseMs, free, targets);
      await this.expirePaused(now);
    } catch (error) {
      this.report(`cannot read the outbox: ${(error as Error).message}`);
    } finally {
      this.claiming = false;
    }
    for (const delivery of claimed) {
      this.inFlight++;
      void this.attempt(delivery).finally(() => {
        this.inFlight--;
        this.wake();
      });
    }
    if (this.again) this.wake();
    // With every slot taken, the next attempt to end wakes it: looking sooner would only spin.
    else if (this.inFlight < this.concurrency) void this.sleep();
  }

  private async sleep(): Promise<void> {
    if (!this.running) return;
    let wait = this.options.pollMs;
    const wakes = this.wakes;
    try {
      const due = await this.options.outbox.nextDue(this.targets(this.now()));
      const at = this.now().getTime();
      const pauseEnds = Math.min(
        ...[...this.health.values()].map((h) => h.pausedUntil).filter((until) => until > at),
      );
      if (Number.isFinite(pauseEnds)) wait = Math.min(wait, pauseEnds - at);
      if (due) wait = Math.min(wait, Math.max(0, due.getTime() - this.now().getTime()));
    } catch {
      // the poll interval, then
    }
    if (!this.running || this.claiming || wakes !== this.wakes) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.claimAndSend(), wait);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const channel = this.options.channels.get(delivery.target);
    const result = channel
      ? await channel(delivery).catch((error: Error) => ({
          ok: false as const,
          retryable: true,
          status: null,
          error: error.message,
        }))
      : { ok: false as const, retryable: false, status: null, error: 'this target is no longer configured' };
    const at = this.now();
    this.noteHealth(delivery.target, result.ok || !result.retryable, at);
    try {
      await this.options.outbox.settle(
        delivery.id,
        this.owner,
        at,
        settleAttempt(delivery, result, at, this.options.timing),
      );
    } catch (error) {
      // Unrecorded: the lease runs out and the delivery is sent again, which at-least-once allows.
      this.report(`cannot record a delivery: ${(error as Error).message}`);
    }
  }

  /**
   * Receivers to send to now: every configured one but those paused. A receiver that failed
   * `TRIP_AFTER` times in a row (timeouts, network errors, 408, 429, 5xx) is paused, 5 s at first,
   * doubling to 10 min, then tried again. Meanwhile its deliveries wait in the outbox untouched, so a
   * receiver that is down costs the endpoint little more than the rows it is owed.
   */
  private targets(now: Date): string[] {
    const at = now.getTime();
    return [...this.options.channels.keys()].filter((target) => {
      const health = this.health.get(target);
      return !health || health.pausedUntil <= at;
    });
  }

  private noteHealth(target: string, answered: boolean, at: Date): void {
    if (answered) {
      this.health.delete(target);
      return;
    }
    const health = this.health.get(target) ?? { failuresInARow: 0, pauses: 0, pausedUntil: 0 };
    this.health.set(target, health);
    health.failuresInARow++;
    // Attempts in flight when the pause began fail too: they do not lengthen it.
    if (health.failuresInARow >= TRIP_AFTER && health.pausedUntil <= at.getTime()) {
      const pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** health.pauses++);
      health.pausedUntil = at.getTime() + pause / this.options.timing.scale;
    }
  }

  private lastExpiry = 0;

  /**
   * A paused receiver's deliveries still end after 72 hours, as if they had been tried: looked for
   * once a minute, not at every write.
   */
  private async expirePaused(now: Date): Promise<void> {
    if (now.getTime() - this.lastExpiry < Math.max(this.options.pollMs, 60_000 / this.options.timing.scale))
      return;
    this.lastExpiry = now.getTime();
    const before = new Date(now.getTime() - RETRY_WINDOW_MS / this.options.timing.scale);
    for (const [target, health] of this.health) {
      if (health.pausedUntil <= now.getTime()) continue;
      await this.options.outbox.expire(target, now, before, 'the receiver was down for 72 hours; never sent');
    }
  }

  private report(message: string): void {
    if (message === this.lastFailure) return;
    this.lastFailure = message;
    (this.options.log ?? console.error)(`w4r endpoint: outbox: ${message}`);
  }
}
