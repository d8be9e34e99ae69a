import { InvalidCursorError } from './types.js';

/**
 * A page cursor: the position (`seq`) of the last row given, opaque to clients. Both engines number
 * rows the same way, so a cursor means the same on either.
 */
export const encodeCursor = (seq: number): string => Buffer.from(`s${seq}`).toString('base64url');

/** A position in a soonest-first order: the start and the row, so equal starts page correctly. */
export const encodeStartCursor = (start: string, seq: number): string =>
  Buffer.from(`${start}|${seq}`).toString('base64url');

/** The position a start cursor stands for; throws InvalidCursorError for one not given out. */
export function decodeStartCursor(cursor: string | undefined): { start: string; seq: number } | null {
  if (cursor === undefined || cursor === '') return null;
  const text = Buffer.from(cursor, 'base64url').toString('latin1');
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(\d{1,15})$/.exec(text);
  if (!match || encodeStartCursor(match[1]!, Number(match[2])) !== cursor) throw new InvalidCursorError();
  return { start: match[1]!, seq: Number(match[2]) };
}

/** The position a cursor stands for, null for none; throws InvalidCursorError for one not given out. */
export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match?.[1] || encodeCursor(Number(match[1])) !== cursor) throw new InvalidCursorError();
  return Number(match[1]);
}
