import type Database from 'better-sqlite3';
import type { Counts, Keyed, Outcome } from './types.js';

/** What a write did, and the row its idempotency record is linked to, to be erased with it. */
export interface Done<T> {
  value: T;
  signatureSeq?: number;
  gatheringId?: string;
}

/**
 * What SQLite's modules share with the one connection that owns the group commit: the rest of the
 * engine's tables are kept in modules of their own (`sqlite-gatherings.ts`) on top of this.
 */
export interface SqliteCore {
  readonly db: Database.Database;
  /** Runs `run` in the next group commit; settles once it is durably committed. */
  enqueue<T>(run: () => T): Promise<T>;
  /** Like `enqueue`, answering a key seen before instead of running, and remembering the answer. */
  keyed<T>(run: () => Done<T>, keyed?: Keyed<T>): Promise<Outcome<T>>;
  /** A statement prepared once. */
  prepared(sql: string): Database.Statement;
  /** Adds `delta` to a case's letters total (inside a queued write). */
  addLetters(caseId: string, delta: number): void;
  countsNow(caseId: string): Counts;
  /** Empties the write-ahead log after an erasure, so nothing erased stays readable in it. */
  emptyWal(): void;
  stamp(): string;
}
