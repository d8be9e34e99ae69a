import { InvalidCursorError } from './types.js';

/**
 * A page cursor: the position (`seq`) of the last row given, opaque to clients. Both engines number
 * rows the same way, so a cursor means the same on either.
 */
export const encodeCursor = (seq: number): string => Buffer.from(`s${seq}`).toString('base64url');

/** The position a cursor stands for, null for none; throws InvalidCursorError for one not given out. */
export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match?.[1] || encodeCursor(Number(match[1])) !== cursor) throw new InvalidCursorError();
  return Number(match[1]);
}
