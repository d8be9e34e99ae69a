import {
  letterReceipt,
  messageReceipt,
  photoReceipt,
  signatureReceipt,
  type LetterReceipt,
  type LetterReport,
  type MessageInput,
  type MessageReceipt,
  type PhotoReceipt,
  type SignatureInput,
  type SignatureReceipt,
} from '../../schema/index.js';
import * as z from 'zod/mini';
import { newActionKey } from './action-key.js';
import { EndpointReader, type RequestOptions } from './endpoint-reader.js';
import { perEndpoint } from './endpoint-url.js';

/** An action sent with a key the endpoint uses to count it once, however often it arrives. */
export interface KeyedRequest extends RequestOptions {
  idempotencyKey?: string;
}

/**
 * The one way the widgets write to the endpoint: what `EndpointReader` does for reads, plus one
 * `Idempotency-Key` per action, the same on every retry, so however often it arrives it is done once.
 */
export class ActionClient extends EndpointReader {
  sign(id: string, signature: SignatureInput, options: KeyedRequest = {}): Promise<SignatureReceipt> {
    return this.post(`cases/${encodeURIComponent(id)}/signatures`, json(signature), signatureReceipt, options);
  }

  postMessage(id: string, message: MessageInput, options: KeyedRequest = {}): Promise<MessageReceipt> {
    return this.post(`cases/${encodeURIComponent(id)}/messages`, json(message), messageReceipt, options);
  }

  reportLetters(id: string, report: LetterReport, options: KeyedRequest = {}): Promise<LetterReceipt> {
    return this.post(`cases/${encodeURIComponent(id)}/letters`, json(report), letterReceipt, options);
  }

  /** A keyed JSON POST under `/v1/` for an element's own routes; the caller reads the answer with its schema. */
  postJson(path: string, body: unknown, options: KeyedRequest = {}): Promise<unknown> {
    return this.post(path, json(body), z.unknown(), options);
  }

  /** Sends a photo of letters as multipart. */
  uploadPhoto(id: string, photo: Blob, options: KeyedRequest = {}): Promise<PhotoReceipt> {
    const body = new FormData();
    body.append('photo', photo);
    return this.post(`cases/${encodeURIComponent(id)}/photos`, { body }, photoReceipt, options);
  }

  private post<T>(path: string, init: RequestInit, schema: z.ZodMiniType<T>, options: KeyedRequest): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('Idempotency-Key', options.idempotencyKey ?? newActionKey());
    return this.request(schema, path, { ...init, method: 'POST', headers, signal: options.signal }, options);
  }
}

const json = (body: unknown): RequestInit => ({
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

/** The client for an endpoint, shared by every widget on the page that writes to it. */
export const actionClientFor = perEndpoint((endpoint) => new ActionClient(endpoint));
