/** Start-up checks, admin closed without a token, and a graceful stop that finishes what it started. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Api, EventStream, csvRecords, signer } from './support/http.js';
import { FIXTURES, TestServer, freePort, spawnEndpoint, startServer } from './support/server.js';

const scratch = mkdtempSync(join(tmpdir(), 'w4r-lifecycle-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts the endpoint on `config` expecting it to refuse; answers its exit code and output. */
async function refusedStart(config: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const spawned = spawnEndpoint({
    PORT: String(port),
    HOST: '127.0.0.1',
    W4R_DB: join(scratch, `db-${port}.sqlite`),
    W4R_CONFIG: config,
    W4R_SKIP_BUILD: '1',
    ...env,
  });
  const exit = await spawned.exited;
  return { ...exit, output: spawned.output() };
}

describe('an invalid campaign file stops the start and names the bad field', () => {
  const cases: [string, string, RegExp][] = [
    ['a negative petition goal', 'invalid-goal.json', /cases\W+1\W+petition\W+goal/],
    ['an origin with a path', 'invalid-origin.json', /origins\W+0/],
    ['a limit written in words', 'invalid-limits.json', /limits\W+signatures/],
    ['two cases with one id', 'invalid-duplicate-id.json', /cases\W+2\W+id/],
    ['a retention of ten million days', 'invalid-retention.json', /^\s+- retention\.personalDataDays: /m],
    ['a case kept minus one day', 'invalid-retention.json', /cases\[0\]\.retention\.personalDataDays: /],
  ];
  for (const [label, file, field] of cases) {
    it(label, async () => {
      const result = await refusedStart(join(FIXTURES, file));
      assert.notEqual(result.code, 0, result.output);
      assert.notEqual(result.code, null, 'it exits, it is not killed');
      assert.match(result.output, field);
      assert.doesNotMatch(result.output, /^\s+at /m, 'a message, not a stack trace');
    });
  }

  it('a file that is not JSON', async () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{ "name": "Broken campaign", "origins": ["*"], ');
    const result = await refusedStart(file);
    assert.notEqual(result.code, 0);
    assert.ok(result.output.includes(file), result.output);
    assert.match(result.output, /JSON/);
  });

  it('a file that does not exist', async () => {
    const file = join(scratch, 'missing.json');
    const result = await refusedStart(file);
    assert.notEqual(result.code, 0);
    assert.ok(result.output.includes(file), result.output);
  });

  it('a missing required field', async () => {
    const file = join(scratch, 'no-cases.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'No cases',
        origins: ['*'],
        limits: { windowSeconds: 60, signatures: 1, messages: 1, letters: 1, uploads: 1 },
      }),
    );
    const result = await refusedStart(file);
    assert.notEqual(result.code, 0);
    assert.match(result.output, /cases/);
  });
});

describe('a database that cannot be used stops the start', () => {
  it('a file that is not a database', async () => {
    const file = join(scratch, 'not-a-database.sqlite');
    writeFileSync(file, 'These are not the pages of a database. '.repeat(200));
    const result = await refusedStart(join(FIXTURES, 'campaign.json'), { W4R_DB: file });
    assert.equal(result.code, 1, result.output);
    assert.ok(result.output.includes(`cannot open the database at ${file}`), result.output);
    assert.doesNotMatch(result.output, /^\s+at /m, 'a message, not a stack trace');
  });
});

describe('a public URL that is not one stops the start', () => {
  for (const value of ['actions.example.org', 'ftp://actions.example.org']) {
    it(value, async () => {
      const result = await refusedStart(join(FIXTURES, 'campaign.json'), { W4R_PUBLIC_URL: value });
      assert.equal(result.code, 1, result.output);
      assert.match(result.output, /W4R_PUBLIC_URL=.* must be an http or https address/);
    });
  }
});

describe('without W4R_ADMIN_TOKEN', () => {
  it('keeps every admin route closed, whatever bearer is sent', async () => {
    const server = await startServer({ env: { W4R_ADMIN_TOKEN: undefined } });
    try {
      const api = new Api(server.url);
      for (const authorization of [undefined, 'Bearer ', 'Bearer undefined', 'Bearer null']) {
        const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
        for (const path of [
          '/v1/admin/messages?status=pending',
          '/v1/admin/cases/popi-and-bongeka/signatures.csv?emails=1',
        ]) {
          const answer = await api.get(path, headers);
          assert.equal(answer.status, 401, `${path} with ${authorization}`);
        }
      }
      assert.equal((await api.get('/healthz')).status, 200, 'the public API still runs');
    } finally {
      await server.cleanup();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes requests in flight on SIGTERM, takes no new ones, closes event streams and exits 0', async () => {
    const server = await startServer();
    try {
      const api = new Api(server.url);
      const stream = await EventStream.open(`${server.url}/v1/cases/popi-and-bongeka/events`);
      await stream.next();

      // Three signatures whose bodies are half sent when the signal comes.
      const people = [signer(), signer(), signer()];
      const url = new URL('/v1/cases/popi-and-bongeka/signatures', server.url);
      const inFlight = people.map((person) => {
        const body = Buffer.from(JSON.stringify(person));
        const req = httpRequest(url, {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        });
        const answered = new Promise<{ status: number; text: string }>((done, fail) => {
          req.on('response', (res: IncomingMessage) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => done({ status: res.statusCode ?? 0, text }));
          });
          req.on('error', fail);
        });
        req.write(body.subarray(0, 10));
        return { req, rest: body.subarray(10), answered };
      });
      // Let the server take the requests (headers read, handler waiting for the body).
      await new Promise((done) => setTimeout(done, 300));

      server.signal('SIGTERM');
      await new Promise((done) => setTimeout(done, 300));
      await assert.rejects(api.get('/healthz'), 'no new connections once stopping');

      for (const { req, rest } of inFlight) req.end(rest);
      const answers = await Promise.all(inFlight.map(({ answered }) => answered));
      for (const answer of answers) assert.equal(answer.status, 201, answer.text);

      await stream.ended;
      const exit = await server.exited();
      assert.deepEqual(exit, { code: 0, signal: null }, server.output);

      await server.start();
      const restarted = new Api(server.url);
      const emails = new Set(
        csvRecords(await restarted.csv('popi-and-bongeka', true)).map((row) => row.email),
      );
      for (const person of people) assert.ok(emails.has(person.email), 'the finished request was committed');
      stream.close();
    } finally {
      await server.cleanup();
    }
  });

  it('stops at once when idle, with keep-alive clients connected', async () => {
    const server = await startServer();
    try {
      // fetch keeps its connection alive after this answer.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      assert.deepEqual(await server.stop(), { code: 0, signal: null });
    } finally {
      await server.cleanup();
    }
  });

  it('answers a retry of a signature it counted with its first answer after the petition closed', async () => {
    const config = join(scratch, 'closing.json');
    const campaign = JSON.parse(readFileSync(join(FIXTURES, 'campaign.json'), 'utf8')) as {
      cases: { id: string; petition?: { closes?: string } }[];
    };
    writeFileSync(config, JSON.stringify(campaign));
    const server = new TestServer({ config });
    try {
      await server.start();
      const person = signer();
      const key = 'outbox-retry-after-closing';
      const first = await new Api(server.url).sign('popi-and-bongeka', person, { 'idempotency-key': key });
      assert.equal(first.status, 201, first.text);
      await server.stop();

      // The campaign closes the petition while the answer was lost on its way to the supporter.
      campaign.cases.find((entry) => entry.id === 'popi-and-bongeka')!.petition!.closes =
        '2020-01-01T00:00:00Z';
      writeFileSync(config, JSON.stringify(campaign));
      await server.start();
      const api = new Api(server.url);
      const retry = await api.sign('popi-and-bongeka', person, { 'idempotency-key': key });
      assert.equal(retry.status, 201, retry.text);
      assert.equal(retry.headers['idempotent-replay'], 'true');
      assert.deepEqual(retry.json, first.json);
      const late = await api.sign('popi-and-bongeka', signer(), { 'idempotency-key': 'a-new-one' });
      assert.equal(late.status, 410, 'a new signature is refused');
    } finally {
      await server.cleanup();
    }
  });

  it('keeps what was stored across a restart', async () => {
    const server = await startServer();
    try {
      const api = new Api(server.url);
      const person = signer();
      assert.equal((await api.sign('melike-and-ozgur', person)).status, 201);
      const stats = await api.stats('melike-and-ozgur');
      await server.restart();
      const after = new Api(server.url);
      assert.deepEqual(await after.stats('melike-and-ozgur'), stats);
      assert.equal((await after.sign('melike-and-ozgur', person)).status, 201);
      assert.deepEqual(await after.stats('melike-and-ozgur'), stats, 'still signed once');
    } finally {
      await server.cleanup();
    }
  });
});
