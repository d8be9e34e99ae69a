import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a confirmation link's token says, once its signature is checked. */
export type TokenReading =
  { kind: 'valid'; optInId: string; lang: string } | { kind: 'expired'; lang: string } | { kind: 'invalid' };

const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`w4r-opt-in:${payload}`).digest('base64url');

/**
 * `<payload>.<HMAC>`, both base64url: the payload names the signature's opt-in id, the time the link
 * stops working and the signer's language (for the page it opens). Single use comes from the stored
 * state: the opt-in is confirmed once.
 */
export function makeToken(secret: string, optInId: string, expiresAt: Date, lang: string): string {
  const payload = Buffer.from(`${optInId}.${Math.floor(expiresAt.getTime() / 1000)}.${lang}`).toString(
    'base64url',
  );
  return `${payload}.${mac(secret, payload)}`;
}

export function readToken(secret: string, token: string, now: Date): TokenReading {
  const match = /^([\w-]{1,200})\.([\w-]{43})$/.exec(token);
  if (!match) return { kind: 'invalid' };
  const [, payload, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(mac(secret, payload));
  if (!timingSafeEqual(Buffer.from(given), expected)) return { kind: 'invalid' };
  const [optInId, expires, lang] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
  if (!optInId || !expires || !lang) return { kind: 'invalid' };
  if (Number(expires) * 1000 <= now.getTime()) return { kind: 'expired', lang };
  return { kind: 'valid', optInId, lang };
}
