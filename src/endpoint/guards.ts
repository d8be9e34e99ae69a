import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'hono';
import * as z from 'zod/mini';
import { MODERATION_STATUSES, type ModerationStatus } from '../schema/status.js';
import type { Campaign, RateLimitKind } from './config.js';
import type { Deps, Env, Reader } from './deps.js';
import { HttpError, invalid } from './http.js';

/** What a route checks before it acts: the case, the client's limits, bots, the admin token, the query. */

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
export async function rateLimit(deps: Deps, c: Context<Env>, kind: RateLimitKind): Promise<() => void> {
  const { retryAfter, undo } = await deps.limiter.hit(
    kind,
    c.get('clientIp'),
    deps.campaign.config.limits[kind],
  );
  if (retryAfter > 0) throw tooManyRequests(retryAfter);
  return undo;
}

/** Refuses with 429 a client already at its limit for `kind`, counting nothing. */
export async function refuseOverLimit(deps: Deps, c: Context<Env>, kind: RateLimitKind): Promise<void> {
  const retryAfter = await deps.limiter.wait(kind, c.get('clientIp'), deps.campaign.config.limits[kind]);
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

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** The bearer token's SHA-256, or undefined without one. */
function bearerHash(c: Context): Buffer | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1] ? sha256(match[1].trim()) : undefined;
}

/**
 * Bearer token check in constant time: both sides hashed first, so lengths never differ. The paths in
 * `except` check their own readers (the reports, which partners may read too).
 */
export function adminAuth(token: string | undefined, except: readonly string[] = []) {
  const expected = token ? sha256(token) : undefined;
  return async (c: Context, next: Next) => {
    if (except.includes(c.req.path)) return next();
    const given = bearerHash(c);
    const ok = expected !== undefined && given !== undefined && timingSafeEqual(given, expected);
    if (!ok) {
      throw new HttpError(
        401,
        'unauthorized',
        'This needs the admin token: Authorization: Bearer <token>.',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="w4r-admin"',
        },
      );
    }
    await next();
  };
}

const moderationStatus = z.literal(MODERATION_STATUSES);

/** `?status=` of an admin list: pending (the default), approved or rejected. */
export function statusParam(c: Context): ModerationStatus {
  const parsed = moderationStatus.safeParse(c.req.query('status') ?? 'pending');
  if (!parsed.success) {
    throw invalid([{ path: 'status', code: 'invalid_value', message: 'pending, approved or rejected.' }]);
  }
  return parsed.data;
}

/** `?case=` of an admin list: a case of the campaign, or undefined for all of them. */
export function caseParam(deps: Deps, c: Context): string | undefined {
  const id = c.req.query('case');
  if (id === undefined || id === '') return undefined;
  if (!deps.campaign.caseConfig(id))
    throw new HttpError(404, 'case_not_found', `There is no case "${id.slice(0, 80)}".`);
  return id;
}

/**
 * The admin token reads every source; a partner's token (its SHA-256 listed under `partners`) reads
 * its own source's numbers and nothing else. Each hash is compared in constant time.
 */
export function reportsAuth(
  adminToken: string | undefined,
  partners: readonly { source: string; tokenHash: string }[],
) {
  const admin = adminToken ? sha256(adminToken) : undefined;
  const known = partners.map((partner) => ({
    source: partner.source,
    hash: Buffer.from(partner.tokenHash, 'hex'),
  }));
  return async (c: Context<Env>, next: Next) => {
    const given = bearerHash(c);
    let reader: Reader | undefined;
    if (given && admin && timingSafeEqual(given, admin)) reader = { kind: 'admin' };
    for (const partner of known)
      if (given && timingSafeEqual(given, partner.hash)) reader = { kind: 'partner', source: partner.source };
    if (!reader) {
      throw new HttpError(
        401,
        'unauthorized',
        'This needs the admin token or a partner token: Authorization: Bearer <token>.',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="w4r-reports"',
        },
      );
    }
    c.set('reader', reader);
    await next();
  };
}
