import type { Context, Hono } from 'hono';
import { readStats, requireCase, type Deps, type Env } from '../deps.js';
import { sseFrame } from '../live.js';

export function sseResponse(c: Context, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      ...Object.fromEntries(c.res.headers),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}

export function eventRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/cases/:id/events', async (c) => {
    const { id } = requireCase(deps, c);
    const stats = await readStats(deps, id);
    return sseResponse(c, deps.live.open(`case:${id}`, sseFrame('stats', stats), c.req.raw.signal));
  });
}
