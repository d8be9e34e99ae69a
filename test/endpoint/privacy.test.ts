/**
 * Whether an email signed cannot be learnt from anything a client reads: the answer to a repeat, the
 * public stats and the live stream are the same as for a first signature, and the public count moves in
 * coarse steps whose places are secret.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PublicCounts, stepAt } from '../../src/endpoint/public-count.js';
import { Api, EventStream, signer, type Answer } from './support/http.js';
import { TestServer } from './support/server.js';

const KEY = Buffer.alloc(32, 0x5a);

let server: TestServer;
let api: Api;
const streams: EventStream[] = [];

before(async () => {
  server = new TestServer();
  // The key of the public counts' steps, so the test knows where they fall.
  writeFileSync(join(server.dataDir, 'count.key'), KEY);
  await server.start();
  api = new Api(server.url);
});
after(async () => {
  for (const stream of streams) stream.close();
  await server.cleanup();
});

/** Everything about an answer a client can read, but the date. */
const observable = (answer: Answer) => ({
  status: answer.status,
  headers: Object.entries(answer.headers)
    .filter(([name]) => name !== 'date')
    .sort(([a], [b]) => (a < b ? -1 : 1)),
  body: answer.text,
});

describe('a repeat signature', () => {
  it('is answered, counted in public and announced exactly like a first one (victim@, VICTIM@, fresh)', async () => {
    const CASE = 'popi-and-bongeka';
    const stream = await EventStream.open(`${server.url}/v1/cases/${CASE}/events`);
    streams.push(stream);
    await stream.next();
    const victim = signer({ email: 'victim@example.org' });
    const seen = [];
    for (const person of [victim, { ...victim, email: 'VICTIM@example.org' }, signer()]) {
      const answer = await api.sign(CASE, person);
      assert.equal(answer.status, 201, answer.text);
      const event = await stream.next((one) => one.event === 'stats');
      const stats = await api.get(`/v1/cases/${CASE}/stats`);
      seen.push({ answer: observable(answer), event: event.data, stats: observable(stats) });
    }
    // The three are not the same to the campaign: the repeat was not counted.
    assert.equal((await api.stats(CASE)).signatures, 2);
    assert.deepEqual(seen[1], seen[0], 'the repeat reads as the first signature');
    assert.deepEqual(seen[2], seen[0], 'a fresh signature reads the same');
    const answered = JSON.parse(seen[0]!.answer.body) as { status: string; stats: { signatures: number } };
    assert.equal(answered.status, 'counted');
    assert.equal(answered.stats.signatures, 0, 'two signatures are below the first step');
    assert.deepEqual(JSON.parse(seen[0]!.event), JSON.parse(seen[0]!.stats.body));
  });

  it('is announced on the live stream too, the same way as a first signature', async () => {
    const CASE = 'nassima-al-sada';
    const person = signer();
    assert.equal((await api.sign(CASE, person)).status, 201);
    const stream = await EventStream.open(`${server.url}/v1/cases/${CASE}/events`);
    streams.push(stream);
    const first = await stream.next();
    assert.equal((await api.sign(CASE, { ...person, email: person.email.toUpperCase() })).status, 201);
    const event = await stream.next((one) => one.event === 'stats');
    assert.equal(event.data, first.data);
  });
});

describe('the public count', () => {
  it('moves in coarse steps at secret places, never above the true count, the same after a restart', async () => {
    const CASE = 'melike-and-ozgur';
    const counts = new PublicCounts(KEY);
    const moved: number[] = [];
    let last = 0;
    for (let exact = 1; exact <= 60; exact++) {
      const answer = await api.sign(CASE, signer());
      const published = (answer.json as { stats: { signatures: number } }).stats.signatures;
      assert.equal((await api.publicStats(CASE)).signatures, published);
      assert.equal(published, counts.signatures(CASE, exact), `after ${exact} signatures`);
      assert.ok(published <= exact && exact - published < 2 * stepAt(exact), `${published} for ${exact}`);
      assert.equal(published % 10, 0, 'a step hides one signature');
      assert.ok(published >= last, 'never goes back');
      if (published !== last) moved.push(exact);
      last = published;
    }
    assert.ok(moved.length >= 3, `moved at ${moved.join(', ')}`);
    // Finding where one step fell does not tell where the next falls.
    const gaps = new Set(moved.slice(1).map((at, index) => at - moved[index]!));
    assert.ok(gaps.size > 1, `steps every ${[...gaps].join(', ')} signatures`);

    const before = await api.publicStats(CASE);
    await server.restart();
    api = new Api(server.url);
    assert.deepEqual(await api.publicStats(CASE), before);
  });
});
