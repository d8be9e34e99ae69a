/**
 * A PostgreSQL database the endpoint cannot use stops the start with one line a person can act on,
 * exit code 1 and no stack trace: a URL that is not one, nothing listening, a wrong password, a
 * database that does not exist, a user without the right to create the tables.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { admin, createDatabase, databaseUrl, dropDatabase, SKIP_PG, TEST_PG } from './support/postgres.js';
import { freePort, spawnEndpoint } from './support/server.js';

async function startFails(db: string): Promise<string> {
  const { exited, output } = spawnEndpoint({ PORT: String(await freePort()), HOST: '127.0.0.1', W4R_DB: db });
  const exit = await exited;
  assert.deepEqual(exit, { code: 1, signal: null }, output());
  const lines = output().trim().split('\n');
  assert.equal(lines.length, 1, `one line, no stack trace:\n${output()}`);
  assert.match(lines[0]!, /^w4r endpoint: cannot open the database at /);
  return lines[0]!;
}

describe('a PostgreSQL database that cannot be used stops the start', () => {
  it('names a URL that is not one', async () => {
    assert.match(await startFails('postgres://user:secret@[bad/db'), /not a valid PostgreSQL URL/);
  });

  it('says nothing answers when the server is not there, without the password', async () => {
    const line = await startFails(`postgres://w4r:secret-pass@127.0.0.1:${await freePort()}/w4r`);
    assert.match(line, /nothing answers at 127\.0\.0\.1:\d+/);
    assert.doesNotMatch(line, /secret-pass/);
  });

  describe('on the test server', { skip: SKIP_PG }, () => {
    let database: string;
    before(async () => {
      database = await createDatabase('faults');
      await admin('DROP ROLE IF EXISTS w4r_password');
      await admin("CREATE ROLE w4r_password LOGIN PASSWORD 'right-pass'");
      await admin('DROP ROLE IF EXISTS w4r_no_rights');
      await admin('CREATE ROLE w4r_no_rights LOGIN');
    });
    after(async () => {
      if (!TEST_PG) return;
      await dropDatabase(database);
      await admin('DROP ROLE IF EXISTS w4r_password');
      await admin('DROP ROLE IF EXISTS w4r_no_rights');
    });

    it('refuses a wrong password in words', async () => {
      const line = await startFails(databaseUrl(database, { name: 'w4r_password', password: 'wrong-pass' }));
      assert.match(line, /refused user "w4r_password": wrong password or no access/);
      assert.doesNotMatch(line, /wrong-pass/);
    });

    it('names a database that does not exist', async () => {
      assert.match(
        await startFails(databaseUrl('w4r_no_such_database')),
        /there is no database "w4r_no_such_database"/,
      );
    });

    it('says a user may not create the tables, and what to do', async () => {
      const line = await startFails(databaseUrl(database, { name: 'w4r_no_rights' }));
      assert.match(line, /user "w4r_no_rights" may not create the endpoint's tables/);
    });
  });
});
