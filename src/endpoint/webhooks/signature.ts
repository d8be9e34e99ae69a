import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a receiver checks, as Stripe's webhooks have it. */
export const SIGNATURE_HEADER = 'W4R-Signature';

const hmac = (secret: string, signedAt: number, body: string) =>
  createHmac('sha256', secret).update(`${signedAt}.${body}`).digest('hex');

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` */
export function signatureHeader(secret: string, body: string, signedAt: number): string {
  return `t=${signedAt},v1=${hmac(secret, signedAt, body)}`;
}

/**
 * Whether `header` signs `body` with `secret` no longer than `toleranceSeconds` before `now`: what a
 * receiver runs (the README has the same few lines). A replayed request carries an old `t`.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const signedAt = Number(parts.get('t'));
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  if (!Number.isInteger(signedAt) || Math.abs(now / 1000 - signedAt) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, signedAt, body), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
