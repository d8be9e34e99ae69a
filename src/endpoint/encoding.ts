import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** The content codings the endpoint sends, best first; `identity` is the plain answer. */
export type Encoding = 'br' | 'gzip';

/** Where the build writes a file's compressed copies: beside it, with these endings. */
export const ENCODED_SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/**
 * The coding to send for an `Accept-Encoding` header: brotli where the client takes it, else gzip,
 * else none (no header, `identity`, a coding we do not know, or both refused with `q=0`).
 */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: Encoding) => weights.get(coding) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((coding) => weightOf(coding) > 0);
}

/** Adds `Accept-Encoding` to a response's `Vary`, once. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (!/\baccept-encoding\b/i.test(vary)) headers.set('Vary', `${vary}, Accept-Encoding`);
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Brotli or gzip of `body`: `fast` for answers made per request, since the client waits for them;
 * `best` (brotli's highest quality and window, gzip -9) for files compressed once and sent many times.
 */
export function compress(body: Buffer, encoding: Encoding, effort: 'fast' | 'best'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: effort === 'best' ? 9 : 6 });
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: effort === 'best' ? constants.BROTLI_MAX_QUALITY : 5,
      ...(effort === 'best' && { [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS }),
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Below this, an answer fits in a packet or two either way and compressing it saves nothing worth the time. */
const MIN_COMPRESSED_BYTES = 1024;

/** The answers made per request that are compressed: JSON, and the HTML pages the endpoint writes. */
const COMPRESSIBLE = /^(application\/json|text\/html)\b/;

/**
 * Compresses JSON answers and the endpoint's own HTML pages (the embed pages) for clients that accept
 * it, where that makes them smaller. Only whole answers are touched: a live stream (text/event-stream)
 * or a streamed export passes through as it is written, never held back to be compressed, and a file
 * that StaticFiles already sent in the client's coding (its answer varies on Accept-Encoding) is left as it is.
 */
export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const response = c.res;
    if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
    if (
      response.headers.has('content-encoding') ||
      /\baccept-encoding\b/i.test(response.headers.get('vary') ?? '')
    ) {
      return;
    }
    const headers = new Headers(response.headers);
    varyOnEncoding(headers);
    headers.delete('content-length');
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    let body: Buffer | null = response.body ? Buffer.from(await response.arrayBuffer()) : null;
    if (
      body &&
      encoding &&
      body.length >= MIN_COMPRESSED_BYTES &&
      !/\bno-transform\b/.test(response.headers.get('cache-control') ?? '')
    ) {
      const compressed = await compress(body, encoding, 'fast');
      if (compressed.length < body.length) {
        body = compressed;
        headers.set('Content-Encoding', encoding);
      }
    }
    // A new answer, not the old one changed: the node adapter sends a plain c.json() answer from what
    // it was made with, and Hono copies the old answer's headers onto a new one unless it is dropped first.
    c.res = undefined;
    c.res = new Response(body && new Uint8Array(body), { status: response.status, headers });
  };
}
