import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import { antiAbuseFields } from '../schema/common.js';
import { toErrorIssues, type ErrorIssue } from '../schema/error.js';

export type ErrorCode =
  | 'invalid_json'
  | 'request_incomplete'
  | 'validation_failed'
  | 'looks_automated'
  | 'unauthorized'
  | 'forbidden'
  | 'origin_not_allowed'
  | 'not_found'
  | 'case_not_found'
  | 'idempotency_conflict'
  | 'already_rejected'
  | 'text_removed'
  | 'forbidden'
  | 'not_approved'
  | 'gathering_over'
  | 'gathering_full'
  | 'petition_closed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'not_implemented'
  | 'internal';

/** What a 503 asks a client to wait before it tries again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/** A refusal that becomes `{ error: { code, message, issues? } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorResponse(c: Context, error: HttpError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const body = {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
  return c.json(body, error.status);
}

export const invalid = (issues: ErrorIssue[], message = 'Some fields are not valid.') =>
  new HttpError(400, 'validation_failed', message, issues);

/** Largest JSON body any route takes. */
export const JSON_LIMIT = 32 * 1024;

/**
 * Reads the request body up to `limit` bytes. A body that says it is larger (Content-Length) is refused
 * with 413 before any of it is read; one that turns out larger (chunked) as soon as it passes the limit.
 */
export async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > limit) {
    if (incoming) dropRest(incoming);
    throw tooLarge(limit);
  }
  // On Node, read the IncomingMessage itself: several times cheaper than its web-stream wrapper.
  if (incoming && !incoming.readableDidRead && incoming.readable) return readNodeBody(incoming, limit);
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw incomplete();
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Up to this much of a refused body is read and dropped after the 413; beyond it the connection closes. */
const DISCARD_LIMIT = 32 * 1024 * 1024;

/**
 * Drops the rest of a refused body while the 413 goes out, so a client still sending reads the answer
 * instead of a reset (closing under a client still writing makes it fail with EPIPE); a client that
 * sends more than `DISCARD_LIMIT` after that is cut off. Nothing waits for it: the answer does not
 * depend on the client finishing.
 */
function dropRest(incoming: IncomingMessage): void {
  if (incoming.readableEnded || incoming.destroyed) return;
  let dropped = 0;
  incoming.on('data', (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > DISCARD_LIMIT) incoming.destroy();
  });
  incoming.on('error', () => undefined);
  incoming.resume();
}

function readNodeBody(incoming: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('aborted', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        dropRest(incoming);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    // The client went away mid-body: its doing, answered like bad input (to nobody) and not logged.
    const onError = () => {
      cleanup();
      reject(incomplete());
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('aborted', onError);
  });
}

const tooLarge = (limit: number) =>
  new HttpError(413, 'payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KB.`);

const incomplete = () =>
  new HttpError(400, 'request_incomplete', 'The request ended before its body was complete.');

export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface JsonBody<T> {
  data: T;
  /**
   * Digest of the validated data, to tell one request from another under the same idempotency key:
   * keys in order, the anti-abuse fields left out, so the same action sent again is the same request
   * whatever its spacing, its key order or how long the form was open this time.
   */
  hash: string;
}

/** Reads, parses and validates a JSON body with a shared schema. */
export async function jsonBody<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
): Promise<JsonBody<z.output<S>>> {
  const type = mediaType(c);
  if (type !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json.');
  }
  const bytes = await readBody(c, JSON_LIMIT);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw invalid(toErrorIssues(result.error.issues));
  const action: Record<string, unknown> = { ...(result.data as Record<string, unknown>) };
  for (const field of Object.keys(antiAbuseFields)) delete action[field];
  return { data: result.data, hash: digest(canonicalJson(action)) };
}

/** JSON with every object's keys sorted and undefined fields left out: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function digest(...parts: (Uint8Array | string)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url');
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The request's `Idempotency-Key`, checked: printable ASCII, 1–200 characters. */
export function idempotencyKey(c: Context): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw invalid([
      { path: 'Idempotency-Key', code: 'invalid_format', message: 'Printable ASCII, 1 to 200 characters.' },
    ]);
  }
  return key;
}

/** Parses `?limit=` (default, 1..max) strictly. */
export function limitParam(c: Context, fallback: number, max: number): number {
  const raw = c.req.query('limit');
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d{1,4}$/.test(raw) || value < 1 || value > max) {
    throw invalid([{ path: 'limit', code: 'invalid_value', message: `A whole number from 1 to ${max}.` }]);
  }
  return value;
}

/** A yes-or-no query parameter: `1` or `true`, `0` or `false`; absent is `fallback`. */
export function flagParam(c: Context, name: string, fallback = false): boolean {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw invalid([{ path: name, code: 'invalid_value', message: '1 or true, 0 or false.' }]);
}
