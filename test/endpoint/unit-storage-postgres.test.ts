/**
 * The storage contract run on PostgreSQL (a database per name on the W4R_TEST_PG server), and what
 * only PostgreSQL has: several instances migrating one database at once, and a database whose user
 * may not create tables.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openStorage, PostgresOpenError } from '../../src/endpoint/storage/index.js';
import { admin, createDatabase, databaseUrl, dropDatabase, SKIP_PG } from './support/postgres.js';
import { storageContract } from './support/storage-contract.js';

if (SKIP_PG) {
  describe('storage contract: PostgreSQL', { skip: SKIP_PG }, () => {});
} else {
  const databases = new Map<string, string>();
  after(async () => {
    for (const name of databases.values()) await dropDatabase(name);
  });

  storageContract('PostgreSQL', async (name, options) => {
    let database = databases.get(name);
    if (!database) databases.set(name, (database = await createDatabase(name)));
    return openStorage(databaseUrl(database), options);
  });

  describe('PostgreSQL engine', () => {
    it('migrates once when several instances open a new database at the same moment', async () => {
      const database = await createDatabase('race');
      databases.set('race', database);
      const opened = await Promise.all(Array.from({ length: 4 }, () => openStorage(databaseUrl(database))));
      const versions = await admin<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
        [],
        database,
      );
      assert.deepEqual(
        versions.map((row) => row.version),
        [1, 2, 3],
        'each migration applied once',
      );
      await opened[0]!.addSignature({
        caseId: 'c1',
        firstName: 'Ana',
        lastName: 'Díaz',
        email: 'ana@x.org',
        country: 'CL',
        optIn: false,
        source: null,
        consentVersion: '1',
        createdAt: new Date().toISOString(),
      });
      assert.equal((await opened[3]!.counts('c1')).signatures, 1, 'one database under them all');
      for (const storage of opened) await storage.close();
    });

    it('refuses, in one sentence, a user that may not create the tables', async () => {
      const database = await createDatabase('rights');
      databases.set('rights', database);
      await admin(`DROP ROLE IF EXISTS w4r_reader`);
      await admin(`CREATE ROLE w4r_reader LOGIN PASSWORD 'reader-pass'`);
      try {
        await assert.rejects(
          openStorage(databaseUrl(database, { name: 'w4r_reader', password: 'reader-pass' })),
          (error) => {
            assert.ok(error instanceof PostgresOpenError);
            assert.match(error.message, /may not create the endpoint's tables/);
            assert.doesNotMatch(error.message, /\n/);
            return true;
          },
        );
      } finally {
        await dropDatabase(database);
        databases.delete('rights');
        await admin(`DROP ROLE IF EXISTS w4r_reader`);
      }
    });
  });
}
