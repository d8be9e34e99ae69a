import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import type { Deps, Env } from './deps.js';
import { HttpError, respond } from './http.js';

export function sseResponse(c: Context, body: ReadableStream<Uint8Array> | null): Response {
  return respond(c, body, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    'X-Accel-Buffering': 'no',
  });
}

/**
 * Aborts when the response is over, however it ends: the client left, the answer was only headers
 * (HEAD), or writing failed. The request's own signal misses a response that finished, so a stream
 * whose body nobody reads would hold its slot and its listener for ever.
 */
function responseOver(c: Context): AbortSignal {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing) return c.req.raw.signal;
  const over = new AbortController();
  const end = () => over.abort();
  if (outgoing.closed) end();
  else outgoing.once('close', end);
  c.req.raw.signal.addEventListener('abort', end, { once: true });
  return over.signal;
}

/**
 * A live stream on `channel` for this client, or 429 when it already holds as many as it may. A HEAD
 * gets the stream's headers and opens nothing.
 */
export async function liveStream(
  deps: Deps,
  c: Context<Env>,
  channel: string,
  first: string,
): Promise<Response> {
  if (c.req.method === 'HEAD') return sseResponse(c, null);
  const client = c.get('clientIp');
  const body = (await deps.live.reserve(client))
    ? deps.live.open(channel, first, { client, signal: responseOver(c) })
    : null;
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
