import { InvalidCursorError } from './types.js';

/** A page cursor: the last row's sequence number, opaque to clients. */
export const encodeCursor = (seq: number) => Buffer.from(`s${seq}`).toString('base64url');

/** The sequence number in a cursor this endpoint gave out; null for none; InvalidCursorError otherwise. */
export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match?.[1] || encodeCursor(Number(match[1])) !== cursor) throw new InvalidCursorError();
  return Number(match[1]);
}
