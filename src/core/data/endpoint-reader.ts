import * as z from 'zod/mini';
import {
  caseList,
  caseSchema,
  messagePage,
  statsSchema,
  type Case,
  type MessagePage,
  type Stats,
} from '../../schema/index.js';
import { httpError, invalidResponse, networkError, timeoutError } from './action-error.js';
import { perEndpoint, trimEndpoint } from './endpoint-url.js';

export interface RequestOptions {
  signal?: AbortSignal;
  locale?: string;
}

/** What the widgets read of `GET /v1/campaign`: how long a form must be open before it is sent. */
const campaignInfo = z.object({ minFillMs: z.optional(z.number().check(z.minimum(0))) });

export type CampaignInfo = z.infer<typeof campaignInfo>;

export interface ReadSettings {
  /** Milliseconds one attempt may take. */
  timeout?: number;
  /** Attempts after the first for an answer that may change (a lost connection, 408, 429, 5xx). */
  retries?: number;
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
/** Statuses whose `Retry-After` is honoured, up to `MAX_RETRY_AFTER_MS`. */
const RETRY_AFTER_STATUS = new Set([413, 429, 503]);
const MAX_RETRY_AFTER_MS = 30_000;
const BACKOFF_LIMIT_MS = 8_000;

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header || !RETRY_AFTER_STATUS.has(response.status)) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * How the widgets talk to the endpoint, over `fetch`: JSON with a timeout, retries with backoff
 * (honouring `Retry-After`), no credentials, every answer validated with the shared schemas. This
 * class reads — all a counter, share buttons or a case card need, so they carry no writer; the
 * `ActionClient` adds the writes. Reads carry no `Idempotency-Key`, which would cost a CORS preflight.
 */
export class EndpointReader {
  readonly endpoint: string;
  private readonly timeout: number;
  private readonly retries: number;

  constructor(endpoint: string, settings: ReadSettings = {}) {
    this.endpoint = trimEndpoint(endpoint);
    this.timeout = settings.timeout ?? 15_000;
    this.retries = settings.retries ?? 3;
  }

  getCampaign(options: RequestOptions = {}): Promise<CampaignInfo> {
    return this.get('campaign', campaignInfo, options);
  }

  getCases(options: RequestOptions = {}): Promise<Case[]> {
    return this.get('cases', caseList, options).then((list) => list.cases);
  }

  getCase(id: string, options: RequestOptions = {}): Promise<Case> {
    return this.get(`cases/${encodeURIComponent(id)}`, caseSchema, options);
  }

  getStats(id: string, options: RequestOptions = {}): Promise<Stats> {
    return this.get(`cases/${encodeURIComponent(id)}/stats`, statsSchema, options);
  }

  getMessages(
    id: string,
    cursor?: string | null,
    options: RequestOptions & { limit?: number } = {},
  ): Promise<MessagePage> {
    const query = new URLSearchParams();
    if (cursor) query.set('cursor', cursor);
    if (options.limit) query.set('limit', String(options.limit));
    return this.get(`cases/${encodeURIComponent(id)}/messages`, messagePage, options, query);
  }

  /** URL of a case's Server-Sent Events stream. */
  eventsUrl(id: string): string {
    return this.url(`cases/${encodeURIComponent(id)}/events`);
  }

  /** The full address of an API path (`cases/…`). */
  protected url(path: string): string {
    return `${this.endpoint}/v1/${path}`;
  }

  /** A GET under `/v1/` validated with `schema`: for an element's own routes (the events' list). */
  get<T>(
    path: string,
    schema: z.ZodMiniType<T>,
    options: RequestOptions,
    query = new URLSearchParams(),
  ): Promise<T> {
    if (options.locale) query.set('locale', options.locale);
    return this.request(schema, path + (query.size ? `?${query}` : ''), { signal: options.signal }, options);
  }

  /**
   * One exchange with the endpoint, tried again after a lost connection, 408, 425, 429 or a 5xx (after
   * `Retry-After` where the endpoint gave one), with the same `init` every time: its answer validated
   * with `schema`, else an `ActionError`.
   */
  protected async request<T>(
    schema: z.ZodMiniType<T>,
    path: string,
    init: RequestInit & { signal?: AbortSignal | undefined },
    options: RequestOptions,
  ): Promise<T> {
    const headers = new Headers(init.headers);
    if (options.locale) headers.set('Accept-Language', options.locale);
    for (let attempt = 0; ; attempt++) {
      const response = await this.attempt(this.url(path), { ...init, headers });
      if (response.ok) {
        const parsed = schema.safeParse(await response.json().catch(() => undefined));
        if (!parsed.success) throw invalidResponse();
        return parsed.data;
      }
      const lost = response.type === 'error';
      if (attempt >= this.retries || !(lost || RETRY_STATUS.has(response.status)))
        throw lost ? networkError() : await httpError(response);
      const backoff = Math.min(300 * 2 ** attempt, BACKOFF_LIMIT_MS);
      await pause((!lost && retryAfterMs(response)) || backoff, init.signal);
    }
  }

  /** One attempt: the endpoint's answer, or an error answer when the connection failed. */
  private async attempt(url: string, init: RequestInit & { signal?: AbortSignal | undefined }): Promise<Response> {
    const { signal } = init;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeout);
    const stop = () => timeout.abort(signal!.reason);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return await fetch(url, { ...init, signal: timeout.signal, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      if (timeout.signal.aborted) throw timeoutError();
      return Response.error();
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    }
  }
}

/** The reader for an endpoint, shared by every widget on the page that reads from it. */
export const readerFor = perEndpoint((endpoint) => new EndpointReader(endpoint));
