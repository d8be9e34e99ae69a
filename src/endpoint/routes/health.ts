import type { Hono } from 'hono';
import type { Deps, Env } from '../deps.js';

export function healthRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/healthz', async (c) => {
    // Touches the database, so a broken disk or closed database is not reported as healthy.
    await deps.storage.counts(deps.campaign.ids[0]!);
    return c.json({ ok: true });
  });
}
