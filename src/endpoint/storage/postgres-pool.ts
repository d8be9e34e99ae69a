import type pg from 'pg';
import { mapError } from './postgres-errors.js';

/**
 * A connection from the pool for several statements (a transaction), or StorageUnavailableError.
 * While it is out, a connection error is also emitted as an event, and one nobody listens to would
 * end the process: it is listened to here, and the statement in progress fails with it anyway.
 */
export async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapError(error);
  }
  const ignore = () => undefined;
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (destroy?: Error | boolean) => {
    client.removeListener('error', ignore);
    release(destroy);
  };
  return client;
}
