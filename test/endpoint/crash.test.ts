/**
 * A 2xx is a promise: the server is SIGKILLed in the middle of concurrent signing, restarted on the
 * same database, and every signature it acknowledged is there, counted once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Api, csvRecords, signer, type Signer } from './support/http.js';
import { startServer, type TestServer } from './support/server.js';

const CASE = 'crash-case';
const WORKERS = 32;
/** Kill once this many signatures are acknowledged. */
const KILL_AFTER = 150;

let server: TestServer;

before(async () => {
  server = await startServer();
});
after(() => server.cleanup());

interface Sent {
  person: Signer;
  key: string;
  body: unknown;
}

describe('crash safety', () => {
  it('keeps every acknowledged signature through a SIGKILL mid-load', async () => {
    const api = new Api(server.url);
    const acknowledged: Sent[] = [];
    const attempted: Sent[] = [];
    let killed: Promise<unknown> | null = null;

    async function worker(): Promise<void> {
      for (;;) {
        const sent: Sent = { person: signer(), key: randomUUID(), body: undefined };
        attempted.push(sent);
        try {
          const answer = await api.sign(CASE, sent.person, { 'idempotency-key': sent.key });
          sent.body = answer.json;
          if (answer.status >= 200 && answer.status < 300) acknowledged.push(sent);
          else assert.fail(`unexpected ${answer.status}: ${answer.text}`);
        } catch (error) {
          if (killed) return; // the connection died with the server: not acknowledged
          throw error;
        }
        if (acknowledged.length >= KILL_AFTER && !killed) killed = server.kill();
        if (killed) return;
      }
    }

    await Promise.all(Array.from({ length: WORKERS }, worker));
    const exit = await killed;
    assert.deepEqual(exit, { code: null, signal: 'SIGKILL' });
    assert.ok(acknowledged.length >= KILL_AFTER);

    await server.start();
    const after = new Api(server.url);
    const rows = csvRecords(await after.csv(CASE, true));
    const emails = new Set(rows.map((row) => row.email));
    const lost = acknowledged.filter((sent) => !emails.has(sent.person.email));
    assert.deepEqual(
      lost.map((sent) => sent.person.email),
      [],
      'no acknowledged signature is lost',
    );
    assert.equal(emails.size, rows.length, 'no signature is stored twice');
    assert.ok(rows.length <= attempted.length, 'nothing stored that was not sent');
    const stats = await after.stats(CASE);
    assert.equal(stats.signatures, rows.length, 'the count matches the stored signatures');

    // The keys survived too: retrying an acknowledged request replays it and counts nothing new.
    const retried = acknowledged.slice(-5);
    for (const sent of retried) {
      const replay = await after.sign(CASE, sent.person, { 'idempotency-key': sent.key });
      assert.equal(replay.status, 201);
      assert.equal(replay.headers['idempotent-replay'], 'true');
      assert.deepEqual(replay.json, sent.body);
    }
    // A request cut off by the crash may or may not have been committed; retrying it counts it once.
    const unanswered = attempted.filter((sent) => sent.body === undefined);
    for (const sent of unanswered) {
      const retry = await after.sign(CASE, sent.person, { 'idempotency-key': sent.key });
      assert.ok(retry.status === 201, `${retry.status} ${retry.text}`);
    }
    const final = csvRecords(await after.csv(CASE, true));
    assert.equal((await after.stats(CASE)).signatures, final.length);
    assert.equal(new Set(final.map((row) => row.email)).size, final.length);
    for (const sent of unanswered) assert.ok(final.some((row) => row.email === sent.person.email));
  });
});
