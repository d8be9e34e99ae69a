import { request as httpRequest, Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { isIP } from 'node:net';
import type { ClaimedDelivery } from '../storage/index.js';
import { bareHost, guardedLookup, refusedAddress } from './address.js';
import { retryAfterMs, type SendResult } from './schedule.js';
import type { WebhookSettings } from './settings.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

/** Sends one delivery and says what came of it. */
export type Channel = (delivery: ClaimedDelivery) => Promise<SendResult>;

/** Answers worth trying again: the receiver is busy or broken for now. */
const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * POSTs a delivery's body to one webhook with a fresh `W4R-Signature`. Redirects are not followed
 * (a 3xx is a refusal); every address the host resolves to is checked at each connection, so a name
 * that now points into a private network is never reached; an answer not complete within
 * `timeoutMs` counts as a timeout.
 */
export function webhookChannel(hook: WebhookSettings, timeoutMs: number, now: () => Date): Channel {
  const url = new URL(hook.url);
  const secure = url.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 8 })
    : new HttpAgent({ keepAlive: true, maxSockets: 8 });
  const literal = isIP(bareHost(url)) !== 0 ? refusedAddress(url, bareHost(url)) : undefined;

  return (delivery) =>
    new Promise<SendResult>((settle) => {
      if (literal) {
        settle({ ok: false, retryable: false, status: null, error: `Refused: ${literal}.` });
        return;
      }
      const signedAt = Math.floor(now().getTime() / 1000);
      const body = Buffer.from(delivery.body, 'utf8');
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent,
        lookup: guardedLookup(url),
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(body.length),
          'User-Agent': 'w4r-endpoint-webhooks/1',
          'W4R-Event-Id': delivery.eventId,
          'W4R-Event-Type': delivery.type,
          [SIGNATURE_HEADER]: signatureHeader(hook.secret, delivery.body, signedAt),
        },
      });
      const timer = setTimeout(
        () =>
          request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'TIMEOUT' })),
        timeoutMs,
      );
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        // The answer's body says nothing the outbox keeps: read and dropped, so the socket can be reused.
        response.resume();
        response.on('end', () => clearTimeout(timer));
        response.on('error', () => clearTimeout(timer));
        if (status >= 200 && status < 300) settle({ ok: true, status });
        else
          settle({
            ok: false,
            retryable: retryableStatus(status),
            status,
            error:
              status >= 300 && status < 400
                ? `answered ${status} (redirects are not followed)`
                : `answered ${status}`,
            retryAfterMs: retryAfterMs(response.headers['retry-after'], now()),
          });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        settle({
          ok: false,
          retryable: error.code !== 'W4R_ADDRESS_REFUSED',
          status: null,
          error: error.code === 'TIMEOUT' ? error.message : `${error.code ?? 'error'}: ${error.message}`,
        });
      });
      request.end(body);
    });
}
