import type { Hono } from 'hono';
import type { Deps, Env } from '../deps.js';
import { RETRY_AFTER_SECONDS } from '../http.js';

/**
 * `/healthz` is liveness: the process answers. SQLite lives inside the process, so it is touched too
 * (a broken disk is a broken instance); a database server is not, since restarting an instance does
 * not bring its server back. `/readyz` is readiness: whether this instance can reach its database
 * now, for a load balancer to send requests elsewhere meanwhile.
 */
export function healthRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/healthz', async (c) => {
    if (deps.storage.kind === 'sqlite') await deps.storage.ping();
    return c.json({ ok: true });
  });

  app.get('/readyz', async (c) => {
    try {
      await deps.storage.ping();
    } catch {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json({ ok: false, database: 'unreachable' }, 503);
    }
    return c.json({ ok: true, database: deps.storage.kind });
  });
}
