/** Exact counts under concurrency: idempotency keys and email dedupe with 50 requests at once. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Api, csvRecords, errorCode, signer } from './support/http.js';
import { startServer, type TestServer } from './support/server.js';

const CASE = 'load-case';
const N = 50;

let server: TestServer;
let api: Api;

before(async () => {
  server = await startServer();
  api = new Api(server.url);
});
after(() => server.cleanup());

function times<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => make(index)));
}

describe('idempotency under concurrency', () => {
  it('counts one signature sent 50 times at once under one key, and replays the first answer', async () => {
    const before = await api.stats(CASE);
    const person = signer();
    const key = randomUUID();
    const answers = await times(N, () => api.sign(CASE, person, { 'idempotency-key': key }));
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
    const first = answers.find((answer) => answer.headers['idempotent-replay'] === undefined);
    assert.ok(first, 'one answer is the original');
    assert.equal(answers.filter((answer) => answer.headers['idempotent-replay'] === 'true').length, N - 1);
    for (const answer of answers)
      assert.deepEqual(answer.json, first.json, 'every replay is the first answer');
    assert.equal((first.json as { status: string }).status, 'counted');
    assert.equal((await api.stats(CASE)).signatures, before.signatures + 1);
  });

  it('replays the first answer later too, even after the counts moved on', async () => {
    const person = signer();
    const key = randomUUID();
    const first = await api.sign(CASE, person, { 'idempotency-key': key });
    assert.equal(first.status, 201);
    assert.equal((await api.sign(CASE, signer())).status, 201);
    const replay = await api.sign(CASE, person, { 'idempotency-key': key });
    assert.equal(replay.status, 201);
    assert.equal(replay.headers['idempotent-replay'], 'true');
    assert.deepEqual(replay.json, first.json);
  });

  it('takes the same JSON with other spacing, key order or fill time under one key as the same request', async () => {
    const before = await api.stats(CASE);
    const person = signer({ elapsedMs: 4000 });
    const key = randomUUID();
    const first = await api.sign(CASE, person, { 'idempotency-key': key });
    assert.equal(first.status, 201, first.text);
    const reordered = Object.fromEntries(Object.entries({ ...person, elapsedMs: 9000 }).reverse());
    for (const body of [JSON.stringify(person, null, 2), ` ${JSON.stringify(reordered)}\n`]) {
      const again = await api.sign(CASE, body, {
        'idempotency-key': key,
        'content-type': 'application/json',
      });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.headers['idempotent-replay'], 'true');
      assert.deepEqual(again.json, first.json);
    }
    assert.equal((await api.stats(CASE)).signatures, before.signatures + 1);
  });

  it('refuses the same key with a different body: 409 idempotency_conflict, nothing counted', async () => {
    const key = randomUUID();
    assert.equal((await api.sign(CASE, signer(), { 'idempotency-key': key })).status, 201);
    const before = await api.stats(CASE);
    const conflicts = await times(10, () => api.sign(CASE, signer(), { 'idempotency-key': key }));
    for (const answer of conflicts) {
      assert.equal(answer.status, 409, answer.text);
      assert.equal(errorCode(answer), 'idempotency_conflict');
    }
    assert.deepEqual(await api.stats(CASE), before);
  });

  it('counts one message posted 20 times at once under one key', async () => {
    const before = await api.pendingTotal();
    const key = randomUUID();
    const body = { name: 'Ama', text: `Solidarity ${key}` };
    const answers = await times(20, () =>
      api.post(`/v1/cases/${CASE}/messages`, body, { 'idempotency-key': key }),
    );
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
    assert.equal(new Set(answers.map((answer) => (answer.json as { id: string }).id)).size, 1);
    assert.equal(await api.pendingTotal(), before + 1);
  });

  it('counts letters reported 20 times at once under one key once', async () => {
    const before = await api.stats(CASE);
    const key = randomUUID();
    const answers = await times(20, () =>
      api.post(`/v1/cases/${CASE}/letters`, { count: 7 }, { 'idempotency-key': key }),
    );
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
    assert.equal((await api.stats(CASE)).letters, before.letters + 7);
  });
});

describe('dedupe under concurrency', () => {
  it('counts one person signing 50 times at once under 50 keys once, answering each the same', async () => {
    const before = await api.stats(CASE);
    const person = signer();
    const answers = await times(N, (index) =>
      api.sign(
        CASE,
        { ...person, email: index % 2 ? ` ${person.email.toUpperCase()} ` : person.email },
        { 'idempotency-key': randomUUID() },
      ),
    );
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
    for (const answer of answers) assert.equal((answer.json as { status: string }).status, 'counted');
    assert.equal((await api.stats(CASE)).signatures, before.signatures + 1);
    const rows = csvRecords(await api.csv(CASE, true)).filter((row) => row.email === person.email);
    assert.equal(rows.length, 1, 'one row in the export');
  });

  it('counts 50 different people signing at once exactly 50 times, in the stats and the export', async () => {
    const before = await api.stats(CASE);
    const rowsBefore = csvRecords(await api.csv(CASE, true)).length;
    const people = Array.from({ length: N }, () => signer());
    const answers = await Promise.all(
      people.map((person) => api.sign(CASE, person, { 'idempotency-key': randomUUID() })),
    );
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
    const counts = answers.map(
      (answer) => (answer.json as { stats: { signatures: number } }).stats.signatures,
    );
    // Each answer carries the public count, in coarse steps: never more than what is stored.
    for (const count of counts) assert.ok(count <= before.signatures + N, `a count in range: ${count}`);
    assert.equal((await api.stats(CASE)).signatures, before.signatures + N);
    const rows = csvRecords(await api.csv(CASE, true));
    assert.equal(rows.length, rowsBefore + N);
    const emails = new Set(rows.map((row) => row.email));
    for (const person of people) assert.ok(emails.has(person.email), person.email);
  });
});
