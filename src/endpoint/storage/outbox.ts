/**
 * The outbox: what the endpoint must tell others (a webhook receiver, a signer's inbox), written in
 * the same transaction as the action it reports, then sent by a deliverer that claims rows, so a
 * crash loses none and two instances never send one at the same time.
 */
import type { Page } from './types.js';

export type DeliveryState = 'pending' | 'delivered' | 'dead';

/** One message for one target, as an action's transaction writes it. */
export interface NewDelivery {
  /** The event's id: the same for every target, and kept across retries, for de-duplication. */
  eventId: string;
  /** Where it goes: a webhook URL, or `email:` for a supporter's inbox. */
  target: string;
  type: string;
  caseId: string | null;
  /** What is sent, ready as it is (the signature is added at each attempt). */
  body: string;
  /** The normalized email of the supporter it concerns: erasure removes what is not yet sent. */
  subject: string | null;
  /** ISO date-time of the action. */
  createdAt: string;
}

/** A delivery as the admin routes list it: never its body. */
export interface Delivery {
  eventId: string;
  target: string;
  type: string;
  caseId: string | null;
  state: DeliveryState;
  attempts: number;
  createdAt: string;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status at the last attempt, if it answered. */
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** A delivery claimed for sending, with what to send. */
export interface ClaimedDelivery extends Delivery {
  /** The row, for `settle`. */
  id: number;
  body: string;
  /** Retries stop being made this long after this time (the action's, or the last replay's). */
  retryFrom: string;
}

/** What became of one attempt. */
export type AttemptResult =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'retry'; status: number | null; error: string; nextAttemptAt: Date }
  | { outcome: 'dead'; status: number | null; error: string };

export interface DeliveryQuery {
  state?: DeliveryState;
  /** Only deliveries whose last attempt failed (retrying or dead). */
  failed?: boolean;
  cursor?: string;
  limit: number;
}

/** Outbox rows to write in an action's transaction, made from what the action did. */
export type Report<T> = (value: T) => readonly NewDelivery[];

export interface OutboxStore {
  /**
   * Takes up to `limit` due deliveries for `owner` until `leaseMs` from `now` and counts an attempt
   * for each. A delivery claimed by one owner is not due for any other until its lease ends, so a
   * crashed instance's deliveries are sent again once their lease runs out. Only `targets` are
   * looked at: a receiver that is down is left alone, without a look at its backlog.
   */
  claim(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
    targets: readonly string[],
  ): Promise<ClaimedDelivery[]>;
  /** Records an attempt's result; ignored when `owner` no longer holds the claim. */
  settle(id: number, owner: string, at: Date, result: AttemptResult): Promise<boolean>;
  /** Newest first. Throws InvalidCursorError for a cursor it did not give. */
  list(query: DeliveryQuery): Promise<Page<Delivery>>;
  /** Dead deliveries back to pending, due now, with a fresh retry window: one event's, or all. */
  replay(now: Date, eventId?: string): Promise<number>;
  /** The soonest time a pending delivery for one of `targets` is due, for the deliverer to sleep until. */
  nextDue(targets: readonly string[]): Promise<Date | null>;
  /**
   * Dead-letters the pending deliveries for `target` whose retries began before `before`, unsent:
   * for a receiver so long down that the deliverer has stopped trying it. Answers how many.
   */
  expire(target: string, now: Date, before: Date, error: string): Promise<number>;
}
