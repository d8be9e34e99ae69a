import { dirname, resolve } from 'node:path';
import { SqliteStorage } from './sqlite.js';
import type { Storage, StorageOptions } from './types.js';

export * from './types.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * Opens the storage `W4R_DB` names: a file path (SQLite). A `postgres://` URL is where a PostgreSQL
 * implementation of the same interface plugs in. Resolves once the database is reachable and
 * migrated, so a database that cannot be used stops the start instead of failing requests later.
 */
export async function openStorage(location: string, options: StorageOptions = {}): Promise<Storage> {
  if (POSTGRES_URL.test(location)) {
    throw new Error('PostgreSQL storage is not available in this version; set W4R_DB to a file path.');
  }
  return SqliteStorage.open(location, options);
}

/** Where uploaded photos go: beside the database file, or `./data/photos` for a database server. */
export function photosDirFor(location: string): string {
  return POSTGRES_URL.test(location) ? resolve('data/photos') : resolve(dirname(location), 'photos');
}
