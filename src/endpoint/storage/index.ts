import { SqliteStorage } from './sqlite.js';
import type { Storage } from './types.js';

export * from './types.js';

/**
 * Opens the storage `W4R_DB` names: a file path (SQLite). A `postgres://` URL is where a PostgreSQL
 * implementation of the same interface plugs in.
 */
export function openStorage(location: string): Storage {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new Error('PostgreSQL storage is not available in this version; set W4R_DB to a file path.');
  }
  return new SqliteStorage(location);
}
