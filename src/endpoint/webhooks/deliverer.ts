import { randomUUID } from 'node:crypto';
import type { ClaimedDelivery, OutboxStore } from '../storage/index.js';
import { settleAttempt, type RetryTiming } from './schedule.js';
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
      if (free > 0) claimed = await this.options.outbox.claim(this.owner, this.now(), this.leaseMs, free);
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
    else this.sleep();
  }

  private async sleep(): Promise<void> {
    if (!this.running) return;
    let wait = this.options.pollMs;
    const wakes = this.wakes;
    try {
      const due = await this.options.outbox.nextDue();
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
    try {
      await this.options.outbox.settle(
        delivery.eventId,
        delivery.target,
        this.owner,
        at,
        settleAttempt(delivery, result, at, this.options.timing),
      );
    } catch (error) {
      // Unrecorded: the lease runs out and the delivery is sent again, which at-least-once allows.
      this.report(`cannot record a delivery: ${(error as Error).message}`);
    }
  }

  private report(message: string): void {
    if (message === this.lastFailure) return;
    this.lastFailure = message;
    (this.options.log ?? console.error)(`w4r endpoint: outbox: ${message}`);
  }
}
