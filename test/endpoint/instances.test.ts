/**
 * Several endpoint instances on one PostgreSQL database, as behind a load balancer: what one
 * instance takes in, every other one shows and counts; a crash of one loses nothing it acknowledged;
 * the database going away turns writes into 503s and /readyz red until it is back.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  Api,
  csvRecords,
  errorCode,
  EventStream,
  signer,
  type ServerEvent,
  type Signer,
  type Stats,
} from './support/http.js';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  restartServer,
  SKIP_OUTAGE,
  SKIP_PG,
} from './support/postgres.js';
import { ADMIN_TOKEN, startServer, type ServerOptions, type TestServer } from './support/server.js';

const streams: EventStream[] = [];

/** The next matching event, or a failure naming what never came (a stuck stream must not hang CI). */
function within<T>(what: string, promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`${what}: nothing after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function open(url: string): Promise<EventStream> {
  const stream = await EventStream.open(url);
  streams.push(stream);
  assert.equal(stream.status, 200);
  return stream;
}

/** Two (or more) instances of the endpoint on one fresh database. */
async function instances(label: string, count: number, options: ServerOptions = {}) {
  const database = await createDatabase(label);
  const servers: TestServer[] = [];
  for (let i = 0; i < count; i++) {
    servers.push(await startServer({ ...options, env: { ...options.env, W4R_DB: databaseUrl(database) } }));
  }
  return {
    servers,
    apis: servers.map((server) => new Api(server.url)),
    async cleanup() {
      for (const server of servers) await server.cleanup();
      await dropDatabase(database);
    },
  };
}

describe('several instances on one PostgreSQL database', { skip: SKIP_PG }, () => {
  let cluster: Awaited<ReturnType<typeof instances>>;
  let a: Api;
  let b: Api;

  before(async () => {
    cluster = await instances('two', 2);
    [a, b] = cluster.apis as [Api, Api];
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await cluster?.cleanup();
  });

  it("shows a signature taken by A on B's counter stream", async () => {
    const stream = await open(`${cluster.servers[1]!.url}/v1/cases/live-case/events`);
    await stream.next();
    const before = await b.stats('live-case');
    assert.equal((await a.sign('live-case', signer())).status, 201);
    // Only A took the signature: B's stream hears of it from the database.
    const next = await within(
      "B's stats event",
      stream.next((event) => event.event === 'stats'),
    );
    assert.deepEqual(JSON.parse(next.data), await b.publicStats('live-case'));
    assert.equal((await b.stats('live-case')).signatures, before.signatures + 1);
  });

  it("puts a message approved on B on A's wall stream, through both moderation streams", async () => {
    const wall = await open(`${cluster.servers[0]!.url}/v1/cases/popi-and-bongeka/events`);
    await wall.next();
    // The moderators' page on A and on B.
    const moderators = await Promise.all(
      cluster.servers.map((server) =>
        EventStream.open(`${server.url}/v1/admin/events`, { authorization: `Bearer ${ADMIN_TOKEN}` }),
      ),
    );
    streams.push(...moderators);
    const event = (name: string, id: string) => (e: ServerEvent) =>
      e.event === name && (JSON.parse(e.data) as { id: string }).id === id;
    const posted = await a.post('/v1/cases/popi-and-bongeka/messages', {
      name: 'Ana',
      text: `Stay strong ${randomUUID()}`,
      elapsedMs: 5000,
    });
    assert.equal(posted.status, 201, posted.text);
    const { id, status } = posted.json as { id: string; status: string };
    assert.equal(status, 'pending', 'this case is moderated first');
    await within("B's moderators told of A's new message", moderators[1]!.next(event('pending', id)));
    const queue = (await b.admin('/v1/admin/messages?status=pending')).json as { items: { id: string }[] };
    assert.ok(
      queue.items.some((item) => item.id === id),
      "A's message waits in B's queue",
    );
    assert.equal((await b.admin(`/v1/admin/messages/${id}/approve`, { method: 'POST' })).status, 200);
    await within("A's moderators told of B's decision", moderators[0]!.next(event('decided', id)));
    const shown = await within(
      "A's wall event",
      wall.next((event) => event.event === 'message' && (JSON.parse(event.data) as { id: string }).id === id),
    );
    assert.equal((JSON.parse(shown.data) as { text: string }).text.startsWith('Stay strong'), true);
    assert.equal((await a.stats('popi-and-bongeka')).messages, (await b.stats('popi-and-bongeka')).messages);
  });

  it('counts a request once when its retry with the same key lands on the other instance', async () => {
    const before = await a.stats('gustavo-gatica');
    const person = signer();
    const key = { 'idempotency-key': randomUUID() };
    const first = await a.sign('gustavo-gatica', person, key);
    const retry = await b.sign('gustavo-gatica', person, key);
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers['idempotent-replay'], 'true');
    assert.deepEqual(retry.json, first.json, "B answers A's first answer");
    assert.equal((await b.stats('gustavo-gatica')).signatures, before.signatures + 1);
    const other = await b.sign('gustavo-gatica', signer(), key);
    assert.equal(other.status, 409, 'the key with another body is refused there too');
    assert.equal(errorCode(other), 'idempotency_conflict');
  });
});

describe('rate limits across instances (low-limits campaign)', { skip: SKIP_PG }, () => {
  let cluster: Awaited<ReturnType<typeof instances>>;

  before(async () => {
    cluster = await instances('limits', 2, { config: 'low-limits.json', env: { W4R_TRUST_PROXY: '1' } });
  });
  after(() => cluster?.cleanup());

  it('limits a flood split across A and B as one client, with 429 and Retry-After', async () => {
    const [a, b] = cluster.apis as [Api, Api];
    const client = { 'x-forwarded-for': '203.0.113.77' };
    const statuses: number[] = [];
    // Three signatures per window: alternate instances, so neither sees more than two by itself.
    for (let i = 0; i < 6; i++) {
      const api = i % 2 === 0 ? a : b;
      statuses.push((await api.sign('limited', signer({ elapsedMs: 5000 }), client)).status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429]);
    const limited = await a.sign('limited', signer({ elapsedMs: 5000 }), client);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${limited.headers['retry-after']}`);
    assert.equal((await b.stats('limited')).signatures, 3, 'the refused ones counted nothing');
    const other = await b.sign('limited', signer({ elapsedMs: 5000 }), { 'x-forwarded-for': '203.0.113.78' });
    assert.equal(other.status, 201, 'another client is not limited');
  });

  it('holds the live streams of one client to its cap across A and B', async () => {
    const [a, b] = cluster.servers as [TestServer, TestServer];
    const client = { 'x-forwarded-for': '203.0.113.90' };
    const first = await EventStream.open(`${a.url}/v1/cases/limited/events`, client);
    const second = await EventStream.open(`${b.url}/v1/cases/limited/events`, client);
    const third = await EventStream.open(`${a.url}/v1/cases/limited/events`, client);
    streams.push(first, second, third);
    assert.deepEqual([first.status, second.status, third.status], [200, 200, 429]);
    first.close();
    let again = third;
    for (let tries = 0; again.status === 429 && tries < 200; tries++) {
      await new Promise((done) => setTimeout(done, 25));
      again = await EventStream.open(`${b.url}/v1/cases/limited/events`, client);
      streams.push(again);
    }
    assert.equal(again.status, 200, 'a closed stream frees its place on every instance');
  });
});

interface Sent {
  person: Signer;
  key: string;
}

describe('one instance crashes under load', { skip: SKIP_PG }, () => {
  let cluster: Awaited<ReturnType<typeof instances>>;
  before(async () => {
    cluster = await instances('crash', 2);
  });
  after(() => cluster?.cleanup());

  it('keeps every signature acknowledged by either, once, and the survivor keeps answering', async () => {
    const [a, b] = cluster.apis as [Api, Api];
    const [serverA] = cluster.servers as [TestServer, TestServer];
    const acknowledged: Sent[] = [];
    let killed: Promise<unknown> | null = null;
    let afterKill = 0;

    // 40 writers, half on each instance; once A is killed its writers move to B, as a balancer would.
    async function writer(index: number): Promise<void> {
      let api = index % 2 === 0 ? a : b;
      for (let sent = 0; sent < 40; sent++) {
        const attempt: Sent = { person: signer(), key: randomUUID() };
        try {
          const answer = await api.sign('crash-case', attempt.person, { 'idempotency-key': attempt.key });
          assert.equal(answer.status, 201, answer.text);
          acknowledged.push(attempt);
          if (killed && api === b) afterKill++;
        } catch (error) {
          if (!killed || api !== a) throw error;
          api = b; // the connection died with A: not acknowledged; retry elsewhere with the same key
          const answer = await b.sign('crash-case', attempt.person, { 'idempotency-key': attempt.key });
          assert.equal(answer.status, 201, answer.text);
          acknowledged.push(attempt);
        }
        if (acknowledged.length >= 300 && !killed) killed = serverA.kill();
      }
    }

    await Promise.all(Array.from({ length: 40 }, (_, index) => writer(index)));
    assert.deepEqual(await killed, { code: null, signal: 'SIGKILL' });
    assert.ok(afterKill > 0, 'B answered after A was killed');

    const rows = csvRecords(await b.csv('crash-case', true));
    const emails = new Set(rows.map((row) => row.email));
    const lost = acknowledged.filter((sent) => !emails.has(sent.person.email));
    assert.deepEqual(
      lost.map((sent) => sent.person.email),
      [],
      'no acknowledged signature is lost',
    );
    assert.equal(emails.size, rows.length, 'no signature is stored twice');
    assert.equal((await b.stats('crash-case')).signatures, rows.length, 'the count matches the rows');
  });
});

describe('the database goes away under load and comes back', { skip: SKIP_OUTAGE }, () => {
  let cluster: Awaited<ReturnType<typeof instances>>;
  before(async () => {
    cluster = await instances('outage', 2);
  });
  after(() => cluster?.cleanup());

  it('answers 503 with Retry-After meanwhile, fails /readyz, then recovers with nothing acknowledged lost', async () => {
    const [api, other] = cluster.apis as [Api, Api];
    // B's counter stream: its listening connection drops with the database and must catch up.
    const counter = await open(`${cluster.servers[1]!.url}/v1/cases/load-case/events`);
    const acknowledged: Signer[] = [];
    const refusals: { status: number; retryAfter: string | undefined }[] = [];
    let stopped = false;
    let restarted = false;
    let sawNotReady = false;
    const failures: string[] = [];

    async function writer(): Promise<void> {
      for (let sent = 0; sent < 400 && !(restarted && acknowledged.length > 600); sent++) {
        const person = signer();
        let answer;
        try {
          answer = await api.sign('load-case', person, { 'idempotency-key': randomUUID() });
        } catch (error) {
          failures.push(String(error));
          continue;
        }
        if (answer.status === 201) acknowledged.push(person);
        else refusals.push({ status: answer.status, retryAfter: answer.headers['retry-after'] });
        if (!restarted && stopped) await new Promise((done) => setTimeout(done, 20));
      }
    }

    const writers = Promise.all(Array.from({ length: 20 }, writer));
    while (acknowledged.length < 100) await new Promise((done) => setTimeout(done, 10));
    const outage = (async () => {
      await restartServer(async () => {
        stopped = true;
        for (let tries = 0; tries < 100 && !sawNotReady; tries++) {
          sawNotReady = (await api.get('/readyz')).status === 503;
          if (!sawNotReady) await new Promise((done) => setTimeout(done, 50));
        }
        const health = await api.get('/healthz');
        assert.equal(health.status, 200, '/healthz is liveness: the instance itself is fine');
      });
      restarted = true;
    })();
    await outage;
    await writers;

    assert.deepEqual(failures, [], `every request is answered:\n${cluster.servers[0]!.output}`);
    assert.ok(sawNotReady, '/readyz failed while the database was away');
    assert.ok(refusals.length > 0, 'some writes came while the database was away');
    for (const refusal of refusals) {
      assert.equal(refusal.status, 503);
      assert.ok(Number(refusal.retryAfter) >= 1, 'a 503 says when to try again');
    }
    let ready = await api.get('/readyz');
    for (let tries = 0; ready.status !== 200 && tries < 100; tries++) {
      await new Promise((done) => setTimeout(done, 100));
      ready = await api.get('/readyz');
    }
    assert.equal(ready.status, 200, '/readyz is green again');
    const after = await api.sign('load-case', signer());
    assert.equal(after.status, 201, 'writes work again without a restart of the endpoint');

    const emails = new Set(csvRecords(await api.csv('load-case', true)).map((row) => row.email));
    const lost = acknowledged.filter((person) => !emails.has(person.email));
    assert.deepEqual(
      lost.map((person) => person.email),
      [],
      'nothing acknowledged is lost',
    );
    assert.equal(
      (await other.stats('load-case')).signatures,
      emails.size,
      'the count is every stored signature',
    );
    const shown = (await other.publicStats('load-case')).signatures;
    await within(
      "B's stream showing the final count after the gap",
      counter.next(
        (event) => event.event === 'stats' && (JSON.parse(event.data) as Stats).signatures === shown,
      ),
    );
  });
});
