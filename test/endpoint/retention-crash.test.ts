/**
 * A purge cut off by SIGKILL leaves every row either as it was or anonymised, never half of one, and
 * running it again finishes it with the counts unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openStorage } from '../../src/endpoint/storage/index.js';
import { Api, request } from './support/http.js';
import { ADMIN_TOKEN, TestServer } from './support/server.js';

const CASE = 'kept-short';
const SIGNERS = 60_000;
const AFTER_RETENTION = '2021-03-10T12:00:00Z';

let server: TestServer;

before(async () => {
  server = new TestServer({ config: 'delivery.json', env: { W4R_TEST_CLOCK: AFTER_RETENTION } });
  // Signed straight into the database: sixty thousand requests would take most of a minute.
  const storage = await openStorage(server.dbPath);
  await Promise.all(
    Array.from({ length: SIGNERS }, (_, i) =>
      storage.addSignature({
        caseId: CASE,
        firstName: 'Deniz',
        lastName: `Crashtest${i}`,
        email: `crash-${i}@example.org`,
        country: i % 2 ? 'TR' : 'ZA',
        optIn: true,
        source: null,
        consentVersion: '1',
        createdAt: '2021-01-15T12:00:00Z',
      }),
    ),
  );
  await storage.close();
  await server.start();
});
after(() => server.cleanup());

interface Row {
  first_name: string;
  last_name: string;
  email: string;
  email_norm: string;
  anonymised_at: string | null;
}

describe('an interrupted purge', () => {
  it('never half-anonymises a row and finishes when run again', { timeout: 120_000 }, async () => {
    const api = new Api(server.url);
    assert.equal((await api.stats(CASE)).signatures, SIGNERS);
    const reader = new Database(server.dbPath, { readonly: true });
    const anonymised = reader.prepare(
      `SELECT COUNT(*) AS n FROM signatures WHERE case_id = ? AND anonymised_at IS NOT NULL`,
    );
    const purge = request(server.url, '/v1/admin/retention', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    }).catch(() => undefined);
    let done = 0;
    while ((done = (anonymised.get(CASE) as { n: number }).n) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await server.kill();
    await purge;
    reader.close();
    // A new connection recovers the log as the next start will: a batch committed as the process died
    // may be in the log without the shared index saying so yet.
    const recovered = new Database(server.dbPath);
    done = (
      recovered
        .prepare('SELECT COUNT(*) AS n FROM signatures WHERE case_id = ? AND anonymised_at IS NOT NULL')
        .get(CASE) as { n: number }
    ).n;
    assert.ok(done > 0 && done < SIGNERS, `killed mid-purge: ${done} of ${SIGNERS} anonymised`);
    const rows = recovered.prepare('SELECT * FROM signatures WHERE case_id = ?').all(CASE) as Row[];
    recovered.close();
    const half = rows.filter((row) => {
      const blank = row.first_name === '' && row.last_name === '' && row.email === '';
      const kept =
        row.first_name === 'Deniz' && row.last_name.startsWith('Crashtest') && row.email.startsWith('crash-');
      return row.anonymised_at === null ? !kept : !blank || !row.email_norm.startsWith('anonymised:');
    });
    assert.deepEqual(half, [], 'every row is whole: as it was, or anonymised');

    await server.start();
    const again = new Api(server.url);
    const answer = await again.admin('/v1/admin/retention', { method: 'POST' });
    assert.equal(answer.status, 200, answer.text);
    const report = answer.json as { cases: { id: string; signatures: number }[] };
    assert.equal(report.cases.find((item) => item.id === CASE)?.signatures, SIGNERS - done);
    assert.equal((await again.stats(CASE)).signatures, SIGNERS, 'the count is unchanged');
    const check = new Database(server.dbPath, { readonly: true });
    const left = check
      .prepare(
        `SELECT COUNT(*) AS n FROM signatures WHERE case_id = ? AND (email <> '' OR anonymised_at IS NULL)`,
      )
      .get(CASE) as { n: number };
    check.close();
    assert.equal(left.n, 0, 'nobody is left');
  });
});
