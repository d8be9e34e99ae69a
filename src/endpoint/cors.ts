import type { MiddlewareHandler } from 'hono';
import type { Env } from './deps.js';
import { HttpError } from './http.js';

const ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Authorization, Accept-Language';
const EXPOSE_HEADERS = 'Retry-After, Idempotent-Replay';
const ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface CorsOptions {
  /** The campaign's `origins`: pages that may write; `*` for any. */
  origins: readonly string[];
  /**
   * The endpoint's own origins (its public URL), whose pages may always write. Never taken from the
   * request's Host, which the client chooses: a page on `rebind.example` that resolves to this
   * server (DNS rebinding) would otherwise pass for one of ours.
   */
  ownOrigins: readonly string[];
}

/**
 * CORS and the origin check on writes. Public reads carry no cookies and no personal data, so any page
 * may make them: a blogger's counter works on a site nobody listed. Writes and the admin routes are for
 * `origins` and the endpoint's own pages only.
 */
export function cors({ origins, ownOrigins }: CorsOptions): MiddlewareHandler<Env> {
  const anyOrigin = origins.includes('*');
  const allowed = new Set([...origins, ...ownOrigins]);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const preflight = c.req.method === 'OPTIONS';
    const method = preflight
      ? (c.req.header('access-control-request-method') ?? '').toUpperCase()
      : c.req.method;
    const publicRead = (method === 'GET' || method === 'HEAD') && !c.req.path.startsWith('/v1/admin/');
    const listed = origin === undefined || anyOrigin || allowed.has(origin);
    if (origin !== undefined) {
      if (publicRead) {
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      } else {
        c.header('Vary', 'Origin', { append: true });
        if (listed) {
          c.header('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
          c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
        }
      }
    }
    if (preflight) {
      if (!listed && !publicRead) {
        throw new HttpError(403, 'origin_not_allowed', 'This origin may not use this endpoint.');
      }
      return c.body(null, 204, {
        'Access-Control-Allow-Methods': publicRead && !listed ? 'GET, HEAD' : ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    if (!listed && WRITES.has(c.req.method)) {
      throw new HttpError(
        403,
        'origin_not_allowed',
        `Pages on ${origin.slice(0, 200)} may not write to this endpoint.`,
      );
    }
    await next();
    return undefined;
  };
}
