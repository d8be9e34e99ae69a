import type { Context, Hono } from 'hono';
import { readStats, requireCase, type Deps, type Env } from '../deps.js';
import { HttpError } from '../http.js';
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

/** A live stream on `channel` for this client, or 429 when it already holds as many as it may. */
export function liveStream(deps: Deps, c: Context<Env>, channel: string, first: string): Response {
  const body = deps.live.open(channel, first, { client: c.get('clientIp'), signal: c.req.raw.signal });
  if (!body) {
    throw new HttpError(
      429,
      'rate_limited',
      'Too many live streams are open from this address; close some pages and try again.',
      undefined,
      { 'Retry-After': '30' },
    );
  }
  return sseResponse(c, body);
}

export function eventRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/cases/:id/events', async (c) => {
    const { id } = requireCase(deps, c);
    const stats = await readStats(deps, id);
    return liveStream(deps, c, `case:${id}`, sseFrame('stats', stats));
  });
}
