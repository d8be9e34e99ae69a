import type { Hono } from 'hono';
import type { Deps, Env } from '../deps.js';
import { requireCase } from '../guards.js';
import { sseFrame } from '../live.js';
import { liveStream } from '../live-stream.js';
import { readStats } from '../views.js';

export function eventRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/cases/:id/events', async (c) => {
    const { id } = requireCase(deps, c);
    const stats = await readStats(deps, id);
    return liveStream(deps, c, `case:${id}`, sseFrame('stats', stats));
  });
}
