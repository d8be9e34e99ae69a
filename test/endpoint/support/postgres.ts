/**
 * The PostgreSQL server the tests may use: `W4R_TEST_PG` names it (a superuser's URL, as
 * scripts/pg-test-cluster.sh prints; CI always sets it). Without it the PostgreSQL tests are skipped
 * and say why. Each test gets databases of its own, dropped at the end.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export const TEST_PG = process.env.W4R_TEST_PG || undefined;

/** For `describe(name, { skip: SKIP_PG }, ...)`: false when there is a server, else the reason. */
export const SKIP_PG: string | false = TEST_PG
  ? false
  : 'W4R_TEST_PG is not set: no PostgreSQL server to test against (scripts/pg-test-cluster.sh start)';

/** The URL of `database` on the test server, as `user` (default: the URL's own user). */
export function databaseUrl(database: string, user?: { name: string; password?: string }): string {
  const url = new URL(TEST_PG!);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password ?? '';
  }
  return url.toString();
}

/** Runs SQL as the test server's superuser, on its maintenance database or on `database`. */
export async function admin<T = unknown>(
  sql: string,
  params: unknown[] = [],
  database?: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: database ? databaseUrl(database) : TEST_PG });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

let made = 0;

/** Creates an empty database and answers its name. */
export async function createDatabase(label: string): Promise<string> {
  const name = `w4r_${label.replace(/\W+/g, '_').toLowerCase()}_${process.pid}_${++made}`.slice(0, 63);
  await admin(`CREATE DATABASE ${name}`);
  return name;
}

/** Drops a database, closing whatever is still connected to it. */
export async function dropDatabase(name: string): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

const CLUSTER_SCRIPT = resolve(import.meta.dirname, '../../../scripts/pg-test-cluster.sh');

/** Why the outage test cannot run: it stops the server, so only a throw-away cluster will do. */
export const SKIP_OUTAGE: string | false =
  SKIP_PG || (process.env.W4R_TEST_PG_DIR ? false : 'W4R_TEST_PG_DIR is not set: not a throw-away cluster');

/** Stops the test cluster (keeping its data), runs `meanwhile`, and starts it again. */
export async function restartServer(meanwhile: () => Promise<void>): Promise<void> {
  const run = promisify(execFile);
  await run('bash', [CLUSTER_SCRIPT, 'pause']);
  try {
    await meanwhile();
  } finally {
    await run('bash', [CLUSTER_SCRIPT, 'resume']);
  }
}
