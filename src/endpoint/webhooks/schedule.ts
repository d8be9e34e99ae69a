import type { AttemptResult, ClaimedDelivery } from '../storage/index.js';

/** How long the outbox keeps trying, and how it spaces the tries. */
export interface RetryTiming {
  /** Divides every wait below and every Retry-After: only tests set it above 1. */
  scale: number;
}

const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 6 * 3600_000;
/** Retries stop this long after the action (or a replay), and the delivery is dead-lettered. */
export const RETRY_WINDOW_MS = 72 * 3600_000;

/** What one attempt gave: an answer, or a failure that may or may not be worth retrying. */
export type SendResult =
  | { ok: true; status: number }
  | { ok: false; retryable: boolean; status: number | null; error: string; retryAfterMs?: number };

/**
 * The attempt's result as the outbox records it: delivered; retried after an exponential wait with
 * jitter (half to all of 30 s × 2^(attempts−1), at most 6 h, and never sooner than the receiver's
 * Retry-After); or dead, for an answer no retry will change or once the 72 hours are over.
 */
export function settleAttempt(
  delivery: ClaimedDelivery,
  result: SendResult,
  now: Date,
  timing: RetryTiming,
  random: () => number = Math.random,
): AttemptResult {
  if (result.ok) return { outcome: 'delivered', status: result.status };
  if (!result.retryable) return { outcome: 'dead', status: result.status, error: result.error };
  const exponential = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.max(0, delivery.attempts - 1));
  const wait = Math.max(exponential * (0.5 + random() / 2), result.retryAfterMs ?? 0) / timing.scale;
  const next = now.getTime() + wait;
  if (next - Date.parse(delivery.retryFrom) > RETRY_WINDOW_MS / timing.scale) {
    return {
      outcome: 'dead',
      status: result.status,
      error: `${result.error}; given up after ${delivery.attempts} attempts over 72 hours`,
    };
  }
  return { outcome: 'retry', status: result.status, error: result.error, nextAttemptAt: new Date(next) };
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`; undefined when absent or bad. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d{1,9}$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
