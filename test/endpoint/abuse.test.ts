/**
 * CORS (public reads for any page, writes for the campaign's origins), per-IP rate limits, the
 * honeypot, the minimum fill time and the cap on live streams.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Api, EventStream, errorCode, signer, type Answer } from './support/http.js';
import { PNG, multipart } from './support/files.js';
import { startServer, type TestServer } from './support/server.js';

/** The status and headers of a GET, without waiting for a body that may never end (a live stream). */
function head(base: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders }>((done, fail) => {
    const req = httpRequest(new URL(path, base), { headers, agent: false });
    req.on('response', (res) => {
      done({ status: res.statusCode ?? 0, headers: res.headers });
      res.destroy();
    });
    req.on('error', fail);
    req.end();
  });
}

const PARTNER = 'https://partner.example';
const EVIL = 'https://evil.example';
const BLOGGER = 'https://someones-blog.example';

describe('CORS (origins: partner.example)', () => {
  let server: TestServer;
  let api: Api;
  before(async () => {
    server = await startServer();
    api = new Api(server.url);
  });
  after(() => server.cleanup());

  it('lets an allowed origin write, and tells its browser so', async () => {
    const answer = await api.sign('popi-and-bongeka', signer(), { origin: PARTNER });
    assert.equal(answer.status, 201, answer.text);
    assert.equal(answer.headers['access-control-allow-origin'], PARTNER);
    assert.equal(answer.headers['access-control-allow-credentials'], undefined, 'no cookies, no credentials');
    assert.match(String(answer.headers.vary), /origin/i);
  });

  it('lets the widgets read Retry-After and Idempotent-Replay', async () => {
    const answer = await api.get('/v1/cases/popi-and-bongeka/stats', { origin: PARTNER });
    const exposed = String(answer.headers['access-control-expose-headers']).toLowerCase();
    assert.match(exposed, /retry-after/);
    assert.match(exposed, /idempotent-replay/);
  });

  it('answers a preflight from an allowed origin with the methods and headers the widgets use', async () => {
    const answer = await api.send('/v1/cases/popi-and-bongeka/signatures', {
      method: 'OPTIONS',
      headers: {
        origin: PARTNER,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    });
    assert.ok(answer.status === 204 || answer.status === 200, String(answer.status));
    assert.equal(answer.headers['access-control-allow-origin'], PARTNER);
    assert.match(String(answer.headers['access-control-allow-methods']), /POST/);
    const allowed = String(answer.headers['access-control-allow-headers']).toLowerCase();
    assert.match(allowed, /content-type/);
    assert.match(allowed, /idempotency-key/);
  });

  it('refuses writes from any other origin with 403 origin_not_allowed, counting nothing', async () => {
    const before = await api.stats('popi-and-bongeka');
    const pendingBefore = await api.pendingTotal();
    for (const origin of [EVIL, 'null', 'https://partner.example.evil.example', 'http://partner.example']) {
      const signed = await api.sign('popi-and-bongeka', signer(), { origin });
      assert.equal(signed.status, 403, `${origin}: ${signed.text}`);
      assert.equal(errorCode(signed), 'origin_not_allowed');
      assert.notEqual(signed.headers['access-control-allow-origin'], origin);
      const message = await api.post(
        '/v1/cases/popi-and-bongeka/messages',
        { name: 'X', text: 'Hi' },
        { origin },
      );
      assert.equal(message.status, 403);
      const letters = await api.post('/v1/cases/popi-and-bongeka/letters', { count: 1 }, { origin });
      assert.equal(letters.status, 403);
    }
    assert.deepEqual(await api.stats('popi-and-bongeka'), before);
    assert.equal(await api.pendingTotal(), pendingBefore);
  });

  it('gives a disallowed origin no CORS grant on a preflight', async () => {
    const answer = await api.send('/v1/cases/popi-and-bongeka/signatures', {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    assert.ok(answer.status >= 400 || answer.headers['access-control-allow-origin'] === undefined);
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
  });

  it('lets a page on any origin read the public API, so a counter works on a site nobody listed', async () => {
    const reads = [
      '/v1/cases',
      '/v1/cases/popi-and-bongeka',
      '/v1/cases/popi-and-bongeka/stats',
      '/v1/cases/popi-and-bongeka/messages',
      '/v1/cases/popi-and-bongeka/events',
      '/v1/campaign',
    ];
    for (const path of reads) {
      const answer = await head(server.url, path, { origin: BLOGGER });
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers['access-control-allow-origin'], '*', path);
      assert.equal(answer.headers['access-control-allow-credentials'], undefined, path);
      assert.match(String(answer.headers['access-control-expose-headers']), /Retry-After/, path);
    }
    const preflight = await api.send('/v1/cases/popi-and-bongeka/stats', {
      method: 'OPTIONS',
      headers: { origin: BLOGGER, 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.doesNotMatch(String(preflight.headers['access-control-allow-methods']), /POST/);
  });

  it('gives an unlisted origin no CORS grant on the admin routes, reads included', async () => {
    for (const path of ['/v1/admin/messages?status=pending', '/v1/admin/events']) {
      const answer = await head(server.url, path, { origin: EVIL });
      assert.equal(answer.headers['access-control-allow-origin'], undefined, path);
    }
    const preflight = await api.send('/v1/admin/messages', {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  it('takes writes without an Origin (servers, curl): CORS is a browser matter', async () => {
    assert.equal((await api.sign('popi-and-bongeka', signer())).status, 201);
  });
});

describe("the endpoint's own pages", () => {
  const servers: TestServer[] = [];
  after(() => Promise.all(servers.map((server) => server.cleanup())));
  const start = async (env: Record<string, string> = {}) => {
    const server = await startServer({ env });
    servers.push(server);
    return { server, api: new Api(server.url), port: new URL(server.url).port };
  };

  /** A write from `origin` naming `host`, and whether its signer reached the delivery export. */
  async function signFrom(api: Api, origin: string, host?: string) {
    const person = signer();
    const answer = await api.sign('popi-and-bongeka', person, { origin, ...(host ? { host } : {}) });
    const stored = (await api.csv('popi-and-bongeka')).includes(person.lastName);
    return { answer, stored };
  }

  it('are the listen address by default, and never whatever Host the request names (DNS rebinding)', async () => {
    const { api, port } = await start();
    const own = await signFrom(api, `http://127.0.0.1:${port}`);
    assert.equal(own.answer.status, 201, own.answer.text);
    assert.ok(own.stored);
    assert.equal((await signFrom(api, `http://localhost:${port}`)).answer.status, 201);

    const rebound = await signFrom(api, `http://rebind.example:${port}`, `rebind.example:${port}`);
    assert.equal(rebound.answer.status, 403, rebound.answer.text);
    assert.equal(errorCode(rebound.answer), 'origin_not_allowed');
    assert.equal(rebound.stored, false, 'nothing stored');
    const message = await api.post(
      '/v1/cases/popi-and-bongeka/messages',
      { name: 'Ann', text: 'Rebound' },
      { origin: `http://rebind.example:${port}`, host: `rebind.example:${port}` },
    );
    assert.equal(message.status, 403);
  });

  it('are the origin of W4R_PUBLIC_URL when it is set', async () => {
    const { api, port } = await start({ W4R_PUBLIC_URL: 'https://actions.example.org/' });
    const own = await signFrom(api, 'https://actions.example.org', 'actions.example.org');
    assert.equal(own.answer.status, 201, own.answer.text);
    const local = await signFrom(api, `http://127.0.0.1:${port}`);
    assert.equal(local.answer.status, 403, 'the listen address is not a public page then');
    assert.equal(local.stored, false);
  });
});

describe('rate limits, honeypot and minimum fill time (low-limits campaign)', () => {
  let server: TestServer;
  let api: Api;
  let ip = 10;
  /** Each test its own client address, through one trusted proxy hop. */
  const from = () => ({ 'x-forwarded-for': `203.0.113.${ip++}` });
  const human = () => signer({ elapsedMs: 5000 });

  before(async () => {
    server = await startServer({ config: 'low-limits.json', env: { W4R_TRUST_PROXY: '1' } });
    api = new Api(server.url);
  });
  after(() => server.cleanup());

  it('answers the signature over the limit with 429 rate_limited and a Retry-After, counting nothing', async () => {
    const client = from();
    for (let index = 0; index < 3; index++) {
      assert.equal((await api.sign('limited', human(), client)).status, 201);
    }
    const before = await api.stats('limited');
    const limited = await api.sign('limited', human(), client);
    assert.equal(limited.status, 429, limited.text);
    assert.equal(errorCode(limited), 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After ${retryAfter}`,
    );
    assert.deepEqual(await api.stats('limited'), before);
  });

  it('limits each client address on its own', async () => {
    const first = from();
    for (let index = 0; index < 3; index++) await api.sign('limited', human(), first);
    assert.equal((await api.sign('limited', human(), first)).status, 429);
    assert.equal((await api.sign('limited', human(), from())).status, 201);
  });

  it('limits each kind of action on its own', async () => {
    const client = from();
    for (let index = 0; index < 3; index++) await api.sign('limited', human(), client);
    assert.equal((await api.sign('limited', human(), client)).status, 429);
    const letters = await api.post('/v1/cases/limited/letters', { count: 1 }, client);
    assert.equal(letters.status, 201, letters.text);
  });

  it('answers a retry of a counted signature with its first answer, even over the limit', async () => {
    const client = from();
    const person = human();
    const key = randomUUID();
    const first = await api.sign('limited', person, { ...client, 'idempotency-key': key });
    assert.equal(first.status, 201, first.text);
    for (let index = 0; index < 2; index++)
      assert.equal((await api.sign('limited', human(), client)).status, 201);
    assert.equal((await api.sign('limited', human(), client)).status, 429, 'the limit is reached');
    const retry = await api.sign('limited', person, { ...client, 'idempotency-key': key });
    assert.equal(retry.status, 201, retry.text);
    assert.equal(retry.headers['idempotent-replay'], 'true');
    assert.deepEqual(retry.json, first.json);
  });

  it('charges only new actions: not replays, nor requests refused as invalid', async () => {
    const client = from();
    const person = human();
    const key = randomUUID();
    assert.equal((await api.sign('limited', person, { ...client, 'idempotency-key': key })).status, 201);
    const refused: Answer[] = [];
    for (let index = 0; index < 3; index++) {
      refused.push(await api.sign('limited', person, { ...client, 'idempotency-key': key }));
      refused.push(await api.sign('limited', { ...human(), email: 'not-an-email' }, client));
      refused.push(await api.sign('limited', { ...human(), website: 'https://spam.example' }, client));
      refused.push(await api.sign('limited', human(), { ...client, 'idempotency-key': key }));
    }
    assert.deepEqual(
      refused.map((answer) => answer.status),
      Array.from({ length: 3 }, () => [201, 400, 400, 409]).flat(),
    );
    // One counted, so two more are within the limit of three.
    assert.equal((await api.sign('limited', human(), client)).status, 201);
    assert.equal((await api.sign('limited', human(), client)).status, 201);
    assert.equal((await api.sign('limited', human(), client)).status, 429);
  });

  it('limits photo uploads, and still answers a retry of a stored one', async () => {
    const client = from();
    const key = randomUUID();
    const upload = async (headers: Record<string, string>) => {
      const { body, contentType } = await multipart('photo', PNG, 'image/png');
      return api.send('/v1/cases/limited/photos', {
        method: 'POST',
        body,
        headers: { ...client, ...headers, 'content-type': contentType },
      });
    };
    const first = await upload({ 'idempotency-key': key });
    assert.equal(first.status, 201, first.text);
    assert.equal((await upload({})).status, 201);
    const limited = await upload({});
    assert.equal(limited.status, 429, limited.text);
    assert.equal(errorCode(limited), 'rate_limited');
    const retry = await upload({ 'idempotency-key': key });
    assert.equal(retry.status, 201, retry.text);
    assert.equal(retry.headers['idempotent-replay'], 'true');
    assert.deepEqual(retry.json, first.json);
  });

  it('limits messages too', async () => {
    const client = from();
    const post = () =>
      api.post('/v1/cases/wall/messages', { name: 'Ann', text: 'Hello', elapsedMs: 5000 }, client);
    assert.equal((await post()).status, 201);
    assert.equal((await post()).status, 201);
    const limited = await post();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
  });

  it('refuses a filled honeypot with 400 looks_automated, counting nothing', async () => {
    const before = await api.stats('guarded');
    const signed = await api.sign('guarded', { ...human(), website: 'https://spam.example' }, from());
    assert.equal(signed.status, 400, signed.text);
    assert.equal(errorCode(signed), 'looks_automated');
    const message = await api.post(
      '/v1/cases/wall/messages',
      { name: 'Bot', text: 'Buy now', website: 'x', elapsedMs: 5000 },
      from(),
    );
    assert.equal(message.status, 400);
    assert.equal(errorCode(message), 'looks_automated');
    assert.deepEqual(await api.stats('guarded'), before);
  });

  it('refuses a letter report with a filled honeypot, and takes one sent at once (no fill time)', async () => {
    const before = await api.stats('limited');
    const bot = await api.post('/v1/cases/limited/letters', { count: 5, website: 'x' }, from());
    assert.equal(bot.status, 400, bot.text);
    assert.equal(errorCode(bot), 'looks_automated');
    assert.deepEqual(await api.stats('limited'), before);
    // A supporter comes back days after writing and reports in one click.
    for (const report of [{ count: 1, website: '', elapsedMs: 0 }, { count: 1 }]) {
      const answer = await api.post('/v1/cases/limited/letters', report, from());
      assert.equal(answer.status, 201, answer.text);
    }
    assert.equal((await api.stats('limited')).letters, before.letters + 2);
  });

  it('takes an empty honeypot', async () => {
    assert.equal((await api.sign('guarded', { ...human(), website: '' }, from())).status, 201);
  });

  it('refuses a form sent faster than minFillMs with 400 looks_automated, and takes one at minFillMs', async () => {
    const before = await api.stats('guarded');
    const fast = await api.sign('guarded', signer({ elapsedMs: 200 }), from());
    assert.equal(fast.status, 400, fast.text);
    assert.equal(errorCode(fast), 'looks_automated');
    assert.deepEqual(await api.stats('guarded'), before);
    assert.equal((await api.sign('guarded', signer({ elapsedMs: 1500 }), from())).status, 201);
  });

  it('refuses a form that does not say how long it was open when the campaign sets minFillMs', async () => {
    const answer = await api.sign('guarded', signer(), from());
    assert.equal(answer.status, 400, answer.text);
    assert.equal(errorCode(answer), 'looks_automated');
  });

  it('holds messages with blocked words (any case) or links, shows clean ones', async () => {
    const cases: [string, string][] = [
      ['We stand with you.', 'approved'],
      ['Such a BLOCKEDWORD thing', 'pending'],
      ['a forbidden phrase inside', 'pending'],
      ['see www.spam.example now', 'pending'],
    ];
    for (const [text, status] of cases) {
      const answer = await api.post(
        '/v1/cases/wall/messages',
        { name: 'Ann', text, elapsedMs: 5000 },
        from(),
      );
      assert.equal(answer.status, 201, answer.text);
      assert.equal((answer.json as { status: string }).status, status, text);
    }
  });
});

describe('live streams per client (low-limits campaign: two at once)', () => {
  let server: TestServer;
  const streams: EventStream[] = [];
  const open = async (ip: string) => {
    const stream = await EventStream.open(`${server.url}/v1/cases/wall/events`, { 'x-forwarded-for': ip });
    streams.push(stream);
    return stream;
  };

  before(async () => {
    server = await startServer({ config: 'low-limits.json', env: { W4R_TRUST_PROXY: '1' } });
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await server.cleanup();
  });

  it('refuses a third stream from one address with 429 rate_limited, and serves other addresses', async () => {
    const [first, second] = [await open('198.51.100.7'), await open('198.51.100.7')];
    assert.deepEqual([first.status, second.status], [200, 200]);
    await Promise.all([first.next(), second.next()]);
    const refused = await new Api(server.url).get('/v1/cases/wall/events', {
      'x-forwarded-for': '198.51.100.7',
    });
    assert.equal(refused.status, 429, refused.text);
    assert.equal(errorCode(refused), 'rate_limited');
    assert.match((refused.json as { error: { message: string } }).error.message, /live streams/);
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.equal((await open('198.51.100.8')).status, 200, 'another address has its own streams');

    // Once one closes, the address may open another.
    first.close();
    let again = await open('198.51.100.7');
    for (let tries = 0; again.status === 429 && tries < 200; tries++) {
      await new Promise((done) => setTimeout(done, 10));
      again = await open('198.51.100.7');
    }
    assert.equal(again.status, 200);
  });
});

describe('HEAD on a live stream (low-limits campaign: two streams per address)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ config: 'low-limits.json' });
  });
  after(() => server.cleanup());

  it('answers the headers, holds no slot, and leaves the address its streams', async () => {
    const api = new Api(server.url);
    for (let index = 0; index < 110; index++) {
      const path = index % 2 ? '/v1/admin/events' : '/v1/cases/wall/events';
      const answer = await api.admin(path, { method: 'HEAD' });
      assert.equal(answer.status, 200, `${path}: ${answer.text}`);
      assert.match(String(answer.headers['content-type']), /^text\/event-stream/);
      assert.equal(answer.text, '');
    }
    const streams = [await EventStream.open(`${server.url}/v1/cases/wall/events`)];
    streams.push(await EventStream.open(`${server.url}/v1/cases/wall/events`));
    try {
      assert.deepEqual(
        streams.map((stream) => stream.status),
        [200, 200],
      );
      for (const stream of streams) assert.equal((await stream.next()).event, 'stats');
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});

describe('rate limits without a trusted proxy', () => {
  let server: TestServer;
  let api: Api;
  before(async () => {
    server = await startServer({ config: 'low-limits.json' });
    api = new Api(server.url);
  });
  after(() => server.cleanup());

  it('does not let a forged X-Forwarded-For escape the limit', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index++) {
      const answer = await api.sign('limited', signer({ elapsedMs: 5000 }), {
        'x-forwarded-for': `198.51.100.${index}`,
      });
      statuses.push(answer.status);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
  });
});
