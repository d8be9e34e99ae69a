/**
 * What a PostgreSQL failure means for the endpoint: a database it cannot reach for now (answer 503
 * and try again later), or, at start, one line a person can act on.
 */
import { StorageUnavailableError } from './types.js';

interface PgError {
  code?: string;
  message?: string;
}

/** Node socket errors and SQLSTATEs of a server that is gone, restarting or refusing connections. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);

const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|connection is closed/i;

/** True when the error says the database is out of reach, not that the request was wrong. */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const { code, message } = (error ?? {}) as PgError;
  if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.test(message);
}

/** The error as the routes should see it: StorageUnavailableError when the database is out of reach. */
export function mapError(error: unknown): unknown {
  return isUnreachable(error) && !(error instanceof StorageUnavailableError)
    ? new StorageUnavailableError(error)
    : error;
}

/**
 * True when a transaction failed only because another one got there first: an idempotency key
 * committed meanwhile, a deadlock or a serialization failure. Run again, it succeeds or replays.
 */
export function lostRace(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as PgError & { constraint?: string };
  return code === '40P01' || code === '40001' || (code === '23505' && constraint === 'idempotency_pkey');
}

/** The URL with its password hidden, for messages. */
export function redactUrl(location: string): string {
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/** Why a PostgreSQL database could not be opened, in one line; `where` is user@host:port/db. */
export function describeOpenError(
  error: unknown,
  where: { user: string; host: string; database: string },
): string {
  const cause = error instanceof StorageUnavailableError ? error.cause : error;
  const { code, message } = (cause ?? {}) as PgError;
  const server = where.host;
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing answers at ${server}: is PostgreSQL running there, on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host in ${server} is not known.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${server} cannot be reached (${code}).`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${server} refused user "${where.user}": wrong password or no access (${message}).`;
    case '3D000':
      return `there is no database "${where.database}" at ${server} (createdb ${where.database}).`;
    case '42501':
      return `user "${where.user}" may not create the endpoint's tables in "${where.database}" (${message}): grant it CREATE on the schema, or let the database owner start the endpoint once to migrate.`;
    case '57P03':
      return `PostgreSQL at ${server} is starting up or shutting down; try again in a moment.`;
    default:
      return `${message ?? String(error)}${code ? ` (${code})` : ''}`;
  }
}
