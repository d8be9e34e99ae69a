import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The signature count the public sees (stats, live stream, the answer to a signature), in coarse steps,
 * so that nobody can learn from it whether one more person signed. Signing with an email that already
 * signed is answered like a first signature; if the public count moved by exactly one on a first
 * signature and not on a repeat, signing as `victim@…` on a quiet case would tell whether the victim had
 * signed.
 *
 * The step grows with the count (10 below 1,000, 100 below 10,000, 1,000 below 100,000, …), so it
 * always hides a single signature and stays within about 1 to 10 % of the true number. A fixed offset
 * would not be enough: whoever adds signatures of their own until the count steps knows where every
 * later step falls. So each published value `v` is reached at its own secret point, `v` plus a jitter
 * from 0 to step − 1 drawn from a keyed hash of the case and `v`: the distance between two steps is
 * anywhere from 1 to 2 steps, and finding one step says next to nothing about the next. The published
 * count never exceeds the true one, never goes back unless signatures are erased, and reads the same
 * after a restart (the key is kept beside the database).
 */
export class PublicCounts {
  constructor(private readonly key: Uint8Array) {}

  /** The count to publish for `exact` signatures of `caseId`. */
  signatures(caseId: string, exact: number): number {
    let value = exact - (exact % stepAt(exact));
    while (value > 0 && value + this.jitter(caseId, value) > exact) value -= stepAt(value - 1);
    return Math.max(value, 0);
  }

  private jitter(caseId: string, value: number): number {
    const hash = createHmac('sha256', this.key).update(`${caseId}\0${value}`).digest();
    return hash.readUInt32BE(0) % stepAt(value);
  }
}

/** The step the published count moves by around `value`: 10 below 1,000, then a hundredth of its power of ten. */
export function stepAt(value: number): number {
  let step = 10;
  while (value >= step * 100) step *= 10;
  return step;
}

/**
 * The key of the published counts, kept in `file` (created with 32 random bytes on first start, only
 * the endpoint's user may read it). Losing it moves every published count by up to two steps once.
 */
export function loadCountKey(file: string): Uint8Array {
  try {
    const kept = readFileSync(file);
    if (kept.byteLength >= 32) return kept;
    throw new Error(`${file} holds ${kept.byteLength} bytes, not a key of 32; remove it to make a new one.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file);
    throw error;
  }
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  return key;
}
