import type { Context } from 'hono';
import type { Campaign, RateLimitKind } from './config.js';
import type { LiveHub } from './live.js';
import type { RateLimiter } from './rate-limit.js';
import type { WebhookEvents } from './webhooks/events.js';
import type { DoubleOptIn } from './opt-in/double-opt-in.js';
import type { Counts, Storage, StoredMessage } from './storage/index.js';
import { HttpError } from './http.js';
import type { Case, PublicMessage, Stats } from '../schema/index.js';

/** What every route works with. */
export interface Deps {
  campaign: Campaign;
  storage: Storage;
  live: LiveHub;
  limiter: RateLimiter;
  /** Makes the outbox rows each write reports. */
  events: WebhookEvents;
  /** Double opt-in, when the campaign asks for it. */
  optIn: DoubleOptIn | undefined;
  /** Tells the deliverer there is something to send (replayed dead letters). */
  wakeDeliverer: () => void;
  /** Absent: admin routes answer 401. */
  adminToken: string | undefined;
  /** How many reverse proxies in front add to X-Forwarded-For; 0 trusts none. */
  trustProxy: number;
  photosDir: string;
  /** Where `/w4r.js` and the demo come from; absent serves neither. */
  staticRoots?: { dist: string; demo: string };
  now: () => Date;
}

export type Env = { Variables: { clientIp: string } };

/** The case's stats as the widgets read them. */
export function toStats(deps: Deps, caseId: string, counts: Counts): Stats {
  return { ...counts, goal: deps.campaign.caseConfig(caseId)?.petition?.goal ?? null };
}

export function readStats(deps: Deps, caseId: string): Promise<Stats> {
  return deps.storage.counts(caseId).then((counts) => toStats(deps, caseId, counts));
}

export function announceStats(deps: Deps, caseId: string): void {
  deps.live.statsChanged(caseId, () => readStats(deps, caseId));
}

export function toPublicMessage(message: StoredMessage): PublicMessage {
  return {
    id: message.id,
    name: message.name,
    ...(message.country ? { country: message.country } : {}),
    text: message.text,
    createdAt: message.createdAt,
  };
}

export function toAdminMessage(message: StoredMessage) {
  return {
    ...toPublicMessage(message),
    caseId: message.caseId,
    status: message.status,
    ...(message.heldFor.length > 0 ? { heldFor: message.heldFor } : {}),
  };
}

/** The case named in the path, or 404 case_not_found. */
export function requireCase(
  deps: Deps,
  c: Context,
): { id: string; config: NonNullable<ReturnType<Campaign['caseConfig']>> } {
  const id = c.req.param('id') ?? '';
  const config = deps.campaign.caseConfig(id);
  if (!config)
    throw new HttpError(404, 'case_not_found', `There is no case "${id.slice(0, 80)}" in this campaign.`);
  return { id, config };
}

/**
 * Counts one action against the client's limit for its kind, or refuses with 429. Returns what takes
 * the count back.
 */
export function rateLimit(deps: Deps, c: Context<Env>, kind: RateLimitKind): () => void {
  const { retryAfter, undo } = deps.limiter.hit(kind, c.get('clientIp'), deps.campaign.config.limits[kind]);
  if (retryAfter > 0) throw tooManyRequests(retryAfter);
  return undo;
}

/** Refuses with 429 a client already at its limit for `kind`, counting nothing. */
export function refuseOverLimit(deps: Deps, c: Context<Env>, kind: RateLimitKind): void {
  const retryAfter = deps.limiter.wait(kind, c.get('clientIp'), deps.campaign.config.limits[kind]);
  if (retryAfter > 0) throw tooManyRequests(retryAfter);
}

const tooManyRequests = (retryAfter: number) =>
  new HttpError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} s.`, undefined, {
    'Retry-After': String(retryAfter),
  });

/** Honeypot filled, or the form sent sooner than `minFillMs` after it opened: refused, nothing stored. */
export function rejectAutomated(
  fields: { website?: string | undefined; elapsedMs?: number | undefined },
  minFillMs: number,
): void {
  // A form that does not say how long it was open counts as sent at once.
  const tooFast = (fields.elapsedMs ?? 0) < minFillMs;
  if ((fields.website ?? '') !== '' || tooFast) {
    throw new HttpError(
      400,
      'looks_automated',
      'This looks automated and was not accepted. Please try again.',
    );
  }
}

export type { Case };
