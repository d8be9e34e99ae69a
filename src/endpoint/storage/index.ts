import { dirname, resolve } from 'node:path';
import { PostgresStorage } from './postgres.js';
import { SqliteStorage } from './sqlite.js';
import type { Storage, StorageOptions } from './types.js';

export * from './types.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export { PostgresOpenError } from './postgres.js';
export { redactUrl } from './postgres-errors.js';

/** True when `W4R_DB` names a PostgreSQL server rather than a SQLite file. */
export const isPostgresUrl = (location: string): boolean => POSTGRES_URL.test(location);

/**
 * Opens the storage `W4R_DB` names: a file path (SQLite) or a `postgres://` URL (PostgreSQL).
 * Resolves once the database is reachable and migrated, so a database that cannot be used stops the
 * start instead of failing requests later.
 */
export async function openStorage(location: string, options: StorageOptions = {}): Promise<Storage> {
  if (isPostgresUrl(location)) return PostgresStorage.open(location, options);
  return SqliteStorage.open(location, options);
}

/** Where uploaded photos go: beside the database file, or `./data/photos` for a database server. */
export function photosDirFor(location: string): string {
  return POSTGRES_URL.test(location) ? resolve('data/photos') : resolve(dirname(location), 'photos');
}
