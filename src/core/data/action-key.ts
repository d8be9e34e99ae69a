/**
 * A new `Idempotency-Key` for an action, the same on every attempt to send it. Pages on plain http are
 * not secure contexts and have no `crypto.randomUUID`, but every browser has `getRandomValues`.
 */
export function newActionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
