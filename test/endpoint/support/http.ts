/**
 * A small HTTP client for the endpoint tests, on node:http rather than fetch so a test controls every
 * byte: no content type added behind its back, bodies of any size, and an answer read even when the
 * server replies before it has read the whole body (413).
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { ADMIN_TOKEN } from './server.js';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Buffer;
  /** The parsed JSON body; undefined when it is not JSON. */
  json: unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON with `Content-Type: application/json`; a string or Buffer as is. */
  body?: unknown;
}

export type Json = Record<string, unknown>;

/** One HTTP exchange with the server at `base`. */
export function request(base: string, path: string, options: RequestOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: Buffer | undefined;
  if (typeof options.body === 'string') payload = Buffer.from(options.body, 'utf8');
  else if (Buffer.isBuffer(options.body)) payload = options.body;
  else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body), 'utf8');
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  if (payload) headers['content-length'] = String(payload.length);
  const url = new URL(path, base);
  return new Promise((done, fail) => {
    let answered = false;
    const req = httpRequest(url, {
      method: options.method ?? (payload ? 'POST' : 'GET'),
      headers,
      agent: false,
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        done({ status: res.statusCode ?? 0, headers: res.headers, text, body, json });
      });
    });
    req.on('error', (error) => {
      // The server may answer (413) and close before reading all we send: the answer is what counts.
      if (!answered) fail(error);
    });
    if (payload) req.write(payload);
    req.end();
  });
}

/** The error code of an error answer (`{ error: { code } }`), or undefined. */
export function errorCode(answer: Answer): string | undefined {
  const error = (answer.json as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

export interface Signer {
  firstName: string;
  lastName: string;
  email: string;
  country: string;
  consent: true;
  optIn?: boolean;
  source?: string;
  [field: string]: unknown;
}

/** A new supporter with a unique email and a unique last name (to find them in a CSV). */
export function signer(overrides: Partial<Signer> = {}): Signer {
  const id = randomUUID().slice(0, 12);
  return {
    firstName: 'Thandi',
    lastName: `Tester${id.replace(/-/g, '')}`,
    email: `signer-${id}@example.org`,
    country: 'ZA',
    consent: true,
    ...overrides,
  };
}

export interface Stats {
  signatures: number;
  messages: number;
  letters: number;
  goal: number | null;
}

/** A client for one running endpoint. */
export class Api {
  constructor(readonly base: string) {}

  get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return request(this.base, path, { method: 'GET', headers });
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return request(this.base, path, { method: 'POST', headers, body });
  }

  send(path: string, options: RequestOptions): Promise<Answer> {
    return request(this.base, path, options);
  }

  admin(path: string, options: RequestOptions = {}): Promise<Answer> {
    return request(this.base, path, {
      ...options,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...options.headers },
    });
  }

  sign(caseId: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return this.post(`/v1/cases/${caseId}/signatures`, body, headers);
  }

  /** The exact stats (admin): what is stored. */
  async stats(caseId: string): Promise<Stats> {
    const answer = await this.admin(`/v1/admin/cases/${caseId}/stats`);
    if (answer.status !== 200) throw new Error(`stats of ${caseId}: ${answer.status} ${answer.text}`);
    return answer.json as Stats;
  }

  /** The public stats, whose signatures move in coarse steps. */
  async publicStats(caseId: string): Promise<Stats> {
    const answer = await this.get(`/v1/cases/${caseId}/stats`);
    if (answer.status !== 200) throw new Error(`stats of ${caseId}: ${answer.status} ${answer.text}`);
    return answer.json as Stats;
  }

  /** The delivery CSV as text (with emails when asked). */
  async csv(caseId: string, emails = false): Promise<string> {
    const answer = await this.admin(`/v1/admin/cases/${caseId}/signatures.csv${emails ? '?emails=1' : ''}`);
    if (answer.status !== 200) throw new Error(`CSV of ${caseId}: ${answer.status} ${answer.text}`);
    return answer.text;
  }

  /** How many messages wait for review (all cases). */
  async pendingTotal(): Promise<number> {
    const answer = await this.admin('/v1/admin/messages?status=pending');
    if (answer.status !== 200) throw new Error(`pending messages: ${answer.status} ${answer.text}`);
    return (answer.json as { total: number }).total;
  }
}

/** Parses RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF rows. Drops a trailing empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let index = 0; index < input.length; index++) {
    const char = input[index]!;
    if (quoted) {
      if (char === '"') {
        if (input[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the lower-cased header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.map((name) => name.trim().toLowerCase());
  return rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index] ?? ''])));
}

export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * A Server-Sent Events stream read with fetch: `next()` waits for the next event matching a test,
 * `comments` collects `: …` lines (heartbeats).
 */
export class EventStream {
  readonly events: ServerEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  contentType = '';
  private readonly controller = new AbortController();
  private waiters: { test: (event: ServerEvent) => boolean; done: (event: ServerEvent) => void }[] = [];
  private commentWaiters: (() => void)[] = [];
  private seen = 0;
  ended: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const stream = new EventStream();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: stream.controller.signal,
    });
    stream.status = response.status;
    stream.contentType = response.headers.get('content-type') ?? '';
    if (response.ok && response.body) stream.ended = stream.read(response.body);
    else await response.body?.cancel();
    return stream;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = 'message';
    let data: string[] = [];
    const reader = body.getReader();
    try {
      for (;;) {
        const { value: chunk, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (data.length > 0) this.push({ event, data: data.join('\n') });
            event = 'message';
            data = [];
          } else if (line.startsWith(':')) {
            this.comments.push(line.slice(1).trim());
            for (const wake of this.commentWaiters.splice(0)) wake();
          } else {
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'event') event = value;
            else if (name === 'data') data.push(value);
          }
        }
      }
    } catch {
      // aborted by close()
    }
  }

  private push(event: ServerEvent): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(event)) return true;
      waiter.done(event);
      return false;
    });
  }

  /**
   * The first event (from the start of the stream, or after the last one `next` returned) that passes
   * `test`. Waits as long as the test's own timeout allows.
   */
  next(test: (event: ServerEvent) => boolean = () => true): Promise<ServerEvent> {
    for (let index = this.seen; index < this.events.length; index++) {
      const event = this.events[index]!;
      if (test(event)) {
        this.seen = index + 1;
        return Promise.resolve(event);
      }
    }
    return new Promise((done) =>
      this.waiters.push({
        test,
        done: (event) => {
          this.seen = this.events.indexOf(event) + 1;
          done(event);
        },
      }),
    );
  }

  /** Resolves once at least `count` comment lines have arrived. */
  async comment(count = 1): Promise<string> {
    while (this.comments.length < count) await new Promise<void>((done) => this.commentWaiters.push(done));
    return this.comments[count - 1]!;
  }

  close(): void {
    this.controller.abort();
  }
}
