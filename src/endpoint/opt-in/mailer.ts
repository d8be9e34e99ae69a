import { createTransport } from 'nodemailer';
import type { SendResult } from '../webhooks/schedule.js';
import type { Channel } from '../webhooks/send.js';
import type { OptInMail } from './double-opt-in.js';

/**
 * Sends confirmation emails through the SMTP relay `W4R_SMTP_URL` names (`smtp://user:pass@host:587`,
 * `smtps://…:465`). The Message-ID is the outbox row's event id, so should a crash fall between the
 * relay's acceptance and the outbox's record, the copy sent again is the same message, which mail
 * programs show once. A 5xx from the relay is final; anything else is retried.
 */
export function emailChannel(smtpUrl: string, from: string, timeoutMs: number): Channel {
  const url = new URL(smtpUrl);
  const transport = createTransport({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return async (delivery): Promise<SendResult> => {
    const mail = JSON.parse(delivery.body) as OptInMail;
    try {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        textEncoding: 'base64',
        messageId: `<${delivery.eventId}@w4r.endpoint>`,
        headers: { 'Content-Language': mail.lang, 'Auto-Submitted': 'auto-generated' },
      });
      return { ok: true, status: 250 };
    } catch (error) {
      const { responseCode, message } = error as { responseCode?: number; message: string };
      return {
        ok: false,
        retryable: !(responseCode && responseCode >= 500),
        status: responseCode ?? null,
        error: message.slice(0, 300),
      };
    }
  };
}
