import ky, { HTTPError, TimeoutError, type KyInstance, type Options } from 'ky';
import * as z from 'zod/mini';
import {
  caseList,
  caseSchema,
  errorBody,
  letterReceipt,
  messagePage,
  messageReceipt,
  signatureReceipt,
  statsSchema,
  type Case,
  type ErrorIssue,
  type LetterReceipt,
  type LetterReport,
  type MessageInput,
  type MessagePage,
  type MessageReceipt,
  type SignatureInput,
  type SignatureReceipt,
  type Stats,
} from '../../schema/index.js';
import { newActionKey } from './action-key.js';

/** Why an action did not go through. `network` and `timeout` mean it may still be sent later. */
export type ActionErrorKind = 'network' | 'timeout' | 'http' | 'invalid-response';

export class ActionError extends Error {
  constructor(
    readonly kind: ActionErrorKind,
    /** The endpoint's error code (`validation_failed`, `petition_closed`, …) or the kind. */
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly issues: readonly ErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'ActionError';
  }

  /** True when sending the same action again later may succeed. */
  get retryable(): boolean {
    return (
      this.kind === 'network' || this.kind === 'timeout' || this.status === 429 || (this.status ?? 0) >= 500
    );
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  locale?: string;
}

/** An action sent with a key the endpoint uses to count it once, however often it arrives. */
export interface KeyedRequest extends RequestOptions {
  idempotencyKey?: string;
}

/** What the widgets read of `GET /v1/campaign`: how long a form must be open before it is sent. */
const campaignInfo = z.object({ minFillMs: z.optional(z.number().check(z.minimum(0))) });

export type CampaignInfo = z.infer<typeof campaignInfo>;

const RETRY: Options['retry'] = {
  limit: 3,
  methods: ['get', 'post', 'delete'],
  statusCodes: [408, 425, 429, 500, 502, 503, 504],
  afterStatusCodes: [413, 429, 503],
  maxRetryAfter: 30_000,
  backoffLimit: 8_000,
};

/**
 * The one way the widgets talk to the endpoint: JSON over ky with timeouts, retries with backoff
 * (honouring `Retry-After`), one `Idempotency-Key` per action kept across retries, and every answer
 * validated with the shared schemas.
 */
export class ActionClient {
  private readonly http: KyInstance;

  constructor(
    readonly endpoint: string,
    options: { timeout?: number; retry?: Options['retry'] } = {},
  ) {
    this.http = ky.create({
      prefixUrl: `${endpoint.replace(/\/+$/, '')}/v1`,
      timeout: options.timeout ?? 15_000,
      retry: options.retry ?? RETRY,
      credentials: 'omit',
      cache: 'no-store',
    });
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
    const searchParams = new URLSearchParams();
    if (cursor) searchParams.set('cursor', cursor);
    if (options.limit) searchParams.set('limit', String(options.limit));
    return this.get(`cases/${encodeURIComponent(id)}/messages`, messagePage, options, searchParams);
  }

  sign(id: string, signature: SignatureInput, options: KeyedRequest = {}): Promise<SignatureReceipt> {
    return this.post(`cases/${encodeURIComponent(id)}/signatures`, signature, signatureReceipt, options);
  }

  postMessage(id: string, message: MessageInput, options: KeyedRequest = {}): Promise<MessageReceipt> {
    return this.post(`cases/${encodeURIComponent(id)}/messages`, message, messageReceipt, options);
  }

  reportLetters(id: string, report: LetterReport, options: KeyedRequest = {}): Promise<LetterReceipt> {
    return this.post(`cases/${encodeURIComponent(id)}/letters`, report, letterReceipt, options);
  }

  /** Sends a multipart form (a photo of letters, say) under one idempotency key. */
  upload<T>(path: string, form: FormData, schema: z.ZodMiniType<T>, options: KeyedRequest = {}): Promise<T> {
    return this.send(schema, () =>
      this.http
        .post(path, { body: form, signal: options.signal, headers: this.writeHeaders(options) })
        .json(),
    );
  }

  /** URL of a case's Server-Sent Events stream. */
  eventsUrl(id: string): string {
    return `${this.endpoint.replace(/\/+$/, '')}/v1/cases/${encodeURIComponent(id)}/events`;
  }

  private get<T>(
    path: string,
    schema: z.ZodMiniType<T>,
    options: RequestOptions,
    searchParams?: URLSearchParams,
  ): Promise<T> {
    if (options.locale) (searchParams ??= new URLSearchParams()).set('locale', options.locale);
    return this.send(schema, () =>
      this.http.get(path, { signal: options.signal, searchParams, headers: this.headers(options) }).json(),
    );
  }

  private post<T>(path: string, body: unknown, schema: z.ZodMiniType<T>, options: KeyedRequest): Promise<T> {
    return this.send(schema, () =>
      this.http
        .post(path, { json: body, signal: options.signal, headers: this.writeHeaders(options) })
        .json(),
    );
  }

  private headers(options: RequestOptions): Record<string, string> {
    return options.locale ? { 'Accept-Language': options.locale } : {};
  }

  /** A write's headers: its key, so however often it arrives it is done once. Reads need none. */
  private writeHeaders(options: KeyedRequest): Record<string, string> {
    return { ...this.headers(options), 'Idempotency-Key': options.idempotencyKey ?? newActionKey() };
  }

  private async send<T>(schema: z.ZodMiniType<T>, request: () => Promise<unknown>): Promise<T> {
    let body: unknown;
    try {
      body = await request();
    } catch (error) {
      throw await toActionError(error);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ActionError(
        'invalid-response',
        'invalid_response',
        'The endpoint sent an answer we do not understand.',
      );
    }
    return parsed.data;
  }
}

async function toActionError(error: unknown): Promise<unknown> {
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  if (error instanceof TimeoutError)
    return new ActionError('timeout', 'timeout', 'The endpoint took too long to answer.');
  if (error instanceof HTTPError) {
    const status = error.response.status;
    const parsed = errorBody.safeParse(await error.response.json().catch(() => undefined));
    if (parsed.success) {
      const { code, message, issues } = parsed.data.error;
      return new ActionError('http', code, message, status, issues);
    }
    return new ActionError('http', `http_${status}`, `The endpoint answered ${status}.`, status);
  }
  if (error instanceof ActionError) return error;
  return new ActionError('network', 'network', 'The endpoint could not be reached.');
}

const clients = new Map<string, ActionClient>();

/** The client for an endpoint, shared by every widget on the page that talks to it. */
export function actionClientFor(endpoint: string): ActionClient {
  const key = endpoint.replace(/\/+$/, '');
  let client = clients.get(key);
  if (!client) {
    client = new ActionClient(key);
    clients.set(key, client);
  }
  return client;
}
