/**
 * Signed webhooks through a real receiver: what arrives and how it is signed, retries, dead letters
 * and their replay, erasure notices, the admin listing, and bad settings refused at start.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lookup } from 'node:dns/promises';
import { Api, errorCode, signer, type Json } from './support/http.js';
import {
  campaignWith,
  FAST_OUTBOX,
  Receiver,
  verifyW4rSignature,
  type Received,
} from './support/receiver.js';
import { spawnEndpoint, startServer, TestServer } from './support/server.js';

const SECRET = 'whsec-test-0123456789abcdefghij';
const OTHER_SECRET = 'whsec-crm-abcdefghij0123456789';
const ALL = [
  'signature.created',
  'message.approved',
  'letter.reported',
  'photo.approved',
  'supporter.erased',
];

let receiver: Receiver;
let server: TestServer;
let api: Api;
let campaign: { file: string; remove: () => void };

before(async () => {
  receiver = await new Receiver().start();
  campaign = campaignWith({
    webhooks: [
      { url: `${receiver.url}/plain`, events: ALL, secret: SECRET },
      {
        url: `${receiver.url}/crm`,
        events: ['signature.created', 'supporter.erased'],
        secret: OTHER_SECRET,
        includeEmail: true,
      },
      { url: `${receiver.url}/flaky`, events: ['letter.reported'], secret: SECRET },
    ],
  });
  server = await startServer({ config: campaign.file, env: FAST_OUTBOX });
  api = new Api(server.url);
});
after(async () => {
  await server.cleanup();
  await receiver.close();
  campaign.remove();
});

const ofType = (type: string, path: string) => (r: Received) => r.event.type === type && r.path === path;

async function deliveries(query = ''): Promise<Json[]> {
  const answer = await api.admin(`/v1/admin/webhooks/deliveries${query}`);
  assert.equal(answer.status, 200, answer.text);
  return (answer.json as { items: Json[] }).items;
}

describe('webhooks', () => {
  it('sends a signed signature.created, with the email only where includeEmail is set', async () => {
    const person = signer({ source: 'partner-a', optIn: true });
    assert.equal((await api.sign('popi-and-bongeka', person)).status, 201);
    const mine = (r: Received) => r.event.type === 'signature.created' && r.body.includes(person.lastName);
    await receiver.until('both signature.created', (all) => all.filter(mine).length === 2);
    const plain = receiver.received.find((r) => mine(r) && r.path === '/plain')!;
    const crm = receiver.received.find((r) => mine(r) && r.path === '/crm')!;

    assert.equal(plain.headers['content-type'], 'application/json');
    assert.equal(plain.event.id, crm.event.id, 'one event, one id, for every receiver');
    assert.equal(plain.headers['w4r-event-id'], plain.event.id);
    assert.equal(plain.event.case, 'popi-and-bongeka');
    assert.equal(plain.event.source, 'partner-a');
    assert.ok(Math.abs(Date.parse(plain.event.time) - Date.now()) < 60_000);
    assert.deepEqual(plain.event.data, {
      firstName: person.firstName,
      lastName: person.lastName,
      country: 'ZA',
      optIn: 'confirmed',
      optInAt: plain.event.time,
      consentVersion: 'test-1',
    });
    assert.equal(crm.event.data.email, person.email);

    const header = String(plain.headers['w4r-signature']);
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.ok(verifyW4rSignature(SECRET, header, plain.body), 'a valid signature');
    assert.ok(verifyW4rSignature(OTHER_SECRET, String(crm.headers['w4r-signature']), crm.body));
    assert.ok(!verifyW4rSignature(OTHER_SECRET, header, plain.body), 'signed with another secret: forged');
    const tampered = plain.body.replace(person.lastName, 'Mallory');
    assert.ok(!verifyW4rSignature(SECRET, header, tampered), 'a changed body: forged');
    const forged = header.replace(/v1=([0-9a-f])/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    assert.ok(!verifyW4rSignature(SECRET, forged, plain.body), 'a changed signature: forged');
    // A replay: the same request, sent again ten minutes later, is outside the tolerance.
    const signedAt = Number(/t=(\d+)/.exec(header)![1]);
    const realNow = Date.now;
    Date.now = () => (signedAt + 600) * 1000;
    try {
      assert.ok(!verifyW4rSignature(SECRET, header, plain.body), 'an old signature: a replay');
    } finally {
      Date.now = realNow;
    }
    // A repeat of the same signature is not a new one: no second event.
    assert.equal((await api.sign('popi-and-bongeka', person)).status, 201);
    await api.sign('popi-and-bongeka', signer()); // something after it, to wait for
    await receiver.until(
      'the next signature',
      (all) => all.filter((r) => r.event.type === 'signature.created').length >= 4,
    );
    assert.equal(receiver.received.filter(mine).length, 2);
  });

  it('reports approved messages and photos and letters, only to receivers listening', async () => {
    const posted = await api.post('/v1/cases/open-wall/messages', { name: 'Ana', text: 'Stay strong' });
    assert.equal(posted.status, 201);
    const held = await api.post('/v1/cases/popi-and-bongeka/messages', { name: 'Bo', text: 'Held for now' });
    const heldId = (held.json as { id: string }).id;
    await receiver.until('the auto-approved message', (all) =>
      all.some((r) => r.event.data.text === 'Stay strong'),
    );
    assert.ok(
      !receiver.received.some((r) => r.event.data.text === 'Held for now'),
      'pending is not approved',
    );
    assert.equal((await api.admin(`/v1/admin/messages/${heldId}/approve`, { method: 'POST' })).status, 200);
    await receiver.until('the moderated message', (all) =>
      all.some((r) => r.event.data.messageId === heldId),
    );
    const approved = receiver.received.find((r) => r.event.data.messageId === heldId)!;
    assert.equal(approved.event.type, 'message.approved');
    assert.equal(approved.path, '/plain');

    const letters = await api.post('/v1/cases/popi-and-bongeka/letters', { count: 3, country: 'DE' });
    assert.equal(letters.status, 201);
    await receiver.until('letter.reported', (all) => all.some(ofType('letter.reported', '/plain')));
    const letter = receiver.received.find(ofType('letter.reported', '/plain'))!;
    assert.deepEqual(letter.event.data, { count: 3, country: 'DE', kind: 'appeal' });
    assert.ok(!receiver.received.some(ofType('letter.reported', '/crm')), '/crm does not listen for letters');
  });

  it('retries 5xx and 429 with the same event id, honouring Retry-After, until delivered', async () => {
    let flaky = 0;
    // Only this test's letter, on its own case: an earlier one may still be on its way.
    const mine = () => receiver.at('/flaky').filter((r) => r.event.case === 'gustavo-gatica');
    receiver.answer = (path, event) => {
      if (path !== '/flaky' || event.case !== 'gustavo-gatica') return { status: 200 };
      flaky++;
      if (flaky === 1) return { status: 503 };
      if (flaky === 2) return { status: 429, headers: { 'Retry-After': '86400' } };
      return { status: 200 };
    };
    try {
      await api.post('/v1/cases/gustavo-gatica/letters', { count: 1 });
      await receiver.until('a 429', () => mine().length === 2);
      let failing: Json | undefined;
      for (let i = 0; i < 200 && failing?.lastStatus !== 429; i++) {
        const listed = await api.admin('/v1/admin/webhooks/failures');
        failing = (listed.json as { items: Json[] }).items.find(
          (f) => f.target === `${receiver.url}/flaky` && f.caseId === 'gustavo-gatica',
        );
        await new Promise((done) => setTimeout(done, 5));
      }
      assert.equal(failing?.lastStatus, 429);
      assert.equal(failing?.state, 'pending');
      // A day's Retry-After at this test's 100,000-fold speed: at least 864 ms, far over the backoff.
      const waited = Date.parse(String(failing?.nextAttemptAt)) - Date.parse(String(failing?.lastAttemptAt));
      assert.ok(waited >= 864, `next attempt ${waited} ms after the 429`);
      await receiver.until('the third try', () => mine().length === 3);
      const tries = mine();
      assert.deepEqual(
        tries.map((r) => r.answered),
        [503, 429, 200],
      );
      assert.equal(new Set(tries.map((r) => r.event.id)).size, 1, 'every try carries the same event id');
      for (const t of tries)
        assert.ok(verifyW4rSignature(SECRET, String(t.headers['w4r-signature']), t.body));
      const [delivered] = (await deliveries('?state=delivered')).filter(
        (d) => d.eventId === tries[0]!.event.id,
      );
      assert.equal(delivered?.attempts, 3);
    } finally {
      receiver.answer = () => ({ status: 200 });
    }
  });

  it('dead-letters after 72 hours of failures (or at once for a 4xx), and replays them', async () => {
    receiver.answer = (path, event) =>
      path === '/flaky' && event.case === 'nassima-al-sada' ? { status: 500 } : { status: 200 };
    await api.post('/v1/cases/nassima-al-sada/letters', { count: 2 });
    let dead: Json[] = [];
    for (let i = 0; i < 500 && dead.length === 0; i++) {
      dead = await deliveries('?state=dead');
      await new Promise((done) => setTimeout(done, 20));
    }
    assert.equal(dead.length, 1, 'dead-lettered once the (scaled) 72 hours are over');
    const [letter] = dead;
    assert.match(String(letter?.lastError), /answered 500; given up after \d+ attempts over 72 hours/);
    const attempts = receiver.at('/flaky').filter((r) => r.event.case === 'nassima-al-sada').length;
    assert.ok(attempts >= 5, `${attempts} attempts`);
    assert.equal(letter?.attempts, attempts);
    const failures = (await api.admin('/v1/admin/webhooks/failures').then((a) => a.json as { items: Json[] }))
      .items;
    assert.ok(failures.some((f) => f.eventId === letter?.eventId && f.state === 'dead'));

    // A 4xx other than 408/429 says the receiver refuses it: no retry.
    receiver.answer = (path) => (path === '/flaky' ? { status: 410 } : { status: 200 });
    await api.post('/v1/cases/melike-and-ozgur/letters', { count: 1 });
    for (let i = 0; i < 200 && dead.length < 2; i++) {
      dead = await deliveries('?state=dead');
      await new Promise((done) => setTimeout(done, 20));
    }
    assert.equal(dead.length, 2);
    const refused = dead.find((d) => d.eventId !== letter?.eventId)!;
    assert.equal(refused.attempts, 1);
    assert.equal(refused.lastStatus, 410);

    receiver.answer = () => ({ status: 200 });
    const unknown = await api.admin('/v1/admin/webhooks/dead/no-such-event/replay', { method: 'POST' });
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'not_found');
    const one = await api.admin(`/v1/admin/webhooks/dead/${String(letter?.eventId)}/replay`, {
      method: 'POST',
    });
    assert.deepEqual(one.json, { replayed: 1 });
    await receiver.until('the replayed letter', (all) =>
      all.some((r) => r.event.id === letter?.eventId && r.answered === 200),
    );
    const all = await api.admin('/v1/admin/webhooks/dead/replay', { method: 'POST' });
    assert.deepEqual(all.json, { replayed: 1 });
    await receiver.until('the other replayed', (got) =>
      got.some((r) => r.event.id === refused.eventId && r.answered === 200),
    );
    assert.deepEqual(await deliveries('?state=dead'), []);
    const bad = await api.admin('/v1/admin/webhooks/deliveries?state=lost');
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad), 'validation_failed');
    assert.equal((await api.get('/v1/admin/webhooks/deliveries')).status, 401, 'admin only');
  });

  it('tells receivers of an erasure, with the email only where includeEmail is set', async () => {
    const person = signer();
    await api.sign('erasure-a', person);
    await api.sign('erasure-b', person);
    const erased = await api.admin(`/v1/admin/supporters/${encodeURIComponent(person.email)}`, {
      method: 'DELETE',
    });
    assert.equal(erased.status, 200);
    await receiver.until(
      'both erasure notices',
      (all) => all.filter((r) => r.event.type === 'supporter.erased').length >= 2,
    );
    const notices = receiver.received.filter((r) => r.event.type === 'supporter.erased');
    const crm = notices.find((r) => r.path === '/crm')!;
    const plain = notices.find((r) => r.path === '/plain')!;
    assert.equal(crm.event.data.email, person.email);
    assert.deepEqual((crm.event.data.cases as string[]).sort(), ['erasure-a', 'erasure-b']);
    assert.equal(crm.event.data.signatures, 2);
    assert.equal(plain.event.data.email, undefined);
    assert.ok(!plain.body.includes(person.email));
    assert.ok(verifyW4rSignature(OTHER_SECRET, String(crm.headers['w4r-signature']), crm.body));
  });

  it('keeps no body of a delivered event in the listing', async () => {
    const items = await deliveries('?limit=200');
    assert.ok(items.length > 0);
    for (const item of items) assert.equal(item.body, undefined);
    assert.ok(items.every((item) => typeof item.target === 'string' && typeof item.attempts === 'number'));
  });
});

describe('webhook settings', () => {
  const refused = async (webhooks: unknown, field: RegExp) => {
    const bad = campaignWith({ webhooks });
    try {
      const endpoint = spawnEndpoint({
        PORT: '0',
        HOST: '127.0.0.1',
        W4R_DB: ':memory:',
        W4R_CONFIG: bad.file,
      });
      const exit = await endpoint.exited;
      assert.equal(exit.code, 1, endpoint.output());
      assert.match(endpoint.output(), field);
    } finally {
      bad.remove();
    }
  };
  const hook = { url: 'https://crm.example.org/w4r', events: ['signature.created'], secret: SECRET };

  it('refuses to start with a bad webhook, naming the field', async () => {
    await refused(
      [{ ...hook, url: 'http://crm.example.org/w4r' }],
      /webhooks\[0\]\.url: An https:\/\/ address/,
    );
    await refused(
      [{ ...hook, url: 'https://10.1.2.3/w4r' }],
      /webhooks\[0\]\.url: Refused: 10\.1\.2\.3 is a private address/,
    );
    await refused(
      [{ ...hook, url: 'https://[fd00::1]/w4r' }],
      /webhooks\[0\]\.url: Refused: fd00::1 is a private/,
    );
    await refused([{ ...hook, url: 'https://169.254.169.254/latest' }], /webhooks\[0\]\.url: Refused/);
    await refused([{ ...hook, url: 'https://[::ffff:192.168.0.1]/' }], /webhooks\[0\]\.url: Refused/);
    await refused([hook, { ...hook, events: ['signature.signed'] }], /webhooks\[1\]\.events\[0\]/);
    await refused([{ ...hook, secret: 'short' }], /webhooks\[0\]\.secret/);
    await refused([hook, hook], /webhooks\[1\]\.url: .* is listed twice/);
  });

  it('refuses at start a host name that resolves into this machine or a private network', async (t) => {
    const name = hostname();
    const addresses = await lookup(name, { all: true }).catch(() => []);
    if (addresses.length === 0 || name === 'localhost') return t.skip(`${name} does not resolve here`);
    await refused(
      [{ ...hook, url: `https://${name}/w4r` }],
      new RegExp(`webhooks\\[0\\]\\.url: ${name} resolves to`),
    );
  });

  it('never follows a redirect: a 3xx is a refusal', async () => {
    const target = await new Receiver().start();
    target.answer = (path) =>
      path === '/moved' ? { status: 302, headers: { Location: `${target.url}/ok` } } : { status: 200 };
    const file = campaignWith({
      webhooks: [{ url: `${target.url}/moved`, events: ['letter.reported'], secret: SECRET }],
    });
    const endpoint = await startServer({ config: file.file, env: FAST_OUTBOX });
    try {
      const client = new Api(endpoint.url);
      await client.post('/v1/cases/popi-and-bongeka/letters', { count: 1 });
      let dead: Json[] = [];
      for (let i = 0; i < 200 && dead.length === 0; i++) {
        dead = (
          await client
            .admin('/v1/admin/webhooks/deliveries?state=dead')
            .then((a) => a.json as { items: Json[] })
        ).items;
        await new Promise((done) => setTimeout(done, 20));
      }
      assert.equal(dead[0]?.lastStatus, 302);
      assert.match(String(dead[0]?.lastError), /redirects are not followed/);
      assert.deepEqual(
        target.received.map((r) => r.path),
        ['/moved'],
        'the redirect target is never asked',
      );
    } finally {
      await endpoint.cleanup();
      await target.close();
      file.remove();
    }
  });
});

describe('README', () => {
  it('shows the receiver check the tests use', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const source = readFileSync(resolve(import.meta.dirname, 'support/receiver.ts'), 'utf8');
    const check = /\/\/ --- verify begins ---\n([\s\S]*?)\/\/ --- verify ends ---/.exec(source)![1]!;
    // The README's copy is the same code without its type annotations.
    const untyped = check
      .replace(/: string/g, '')
      .replace(/: boolean/g, '')
      .replace(/toleranceSeconds = 300/, 'toleranceSeconds = 300');
    assert.ok(readme.includes(untyped.trim()), `README lacks:\n${untyped}`);
  });
});
