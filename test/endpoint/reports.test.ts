/**
 * The numbers per day, source and country: what the admin sees, what a partner's token sees (its own
 * source only, never a name or an email, no admin route), and bad queries refused in JSON.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Api, errorCode, signer, type Json } from './support/http.js';
import { campaignWith } from './support/receiver.js';
import { startServer, type TestServer } from './support/server.js';

const PARTNER_TOKEN = 'partner-a-reports-token-0123456789';
const OTHER_TOKEN = 'partner-b-reports-token-9876543210';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let server: TestServer;
let api: Api;
let campaign: { file: string; remove: () => void };
const today = new Date().toISOString().slice(0, 10);

before(async () => {
  campaign = campaignWith({
    partners: [
      { source: 'partner-a', tokenHash: sha256(PARTNER_TOKEN) },
      { source: 'partner-b', tokenHash: sha256(OTHER_TOKEN) },
    ],
  });
  server = await startServer({ config: campaign.file });
  api = new Api(server.url);
  const people = [
    signer({ source: 'partner-a', country: 'DE' }),
    signer({ source: 'partner-a', country: 'DE' }),
    signer({ source: 'partner-a', country: 'AT' }),
    signer({ source: 'partner-b', country: 'FR' }),
    signer({ country: 'ZA' }),
  ];
  for (const person of people) assert.equal((await api.sign('popi-and-bongeka', person)).status, 201);
  await api.sign('gustavo-gatica', signer({ source: 'partner-a', country: 'CL' }));
  await api.post('/v1/cases/popi-and-bongeka/letters', { count: 4, country: 'DE', source: 'partner-a' });
  await api.post('/v1/cases/open-wall/messages', { name: 'Ana', text: 'Stay strong', source: 'partner-a' });
  await api.post('/v1/cases/open-wall/messages', {
    name: 'Bo',
    text: 'Held for a link: www.example.com',
    source: 'partner-b',
    country: 'FR',
  });
});
after(async () => {
  await server.cleanup();
  campaign.remove();
});

const reports = (query: string, token: string) =>
  api.get(`/v1/admin/reports${query}`, { authorization: `Bearer ${token}` });

const counts = (row: Json | undefined) => row && [row.signatures, row.messages, row.letters];

describe('reports', () => {
  it('counts per day, source and country for the admin', async () => {
    const answer = await api.admin('/v1/admin/reports?case=popi-and-bongeka');
    assert.equal(answer.status, 200, answer.text);
    const body = answer.json as Json & { days: Json[]; sources: Json[]; countries: Json[]; rows: Json[] };
    assert.equal(body.reader, 'admin');
    assert.equal(body.to, today);
    assert.equal(body.days.length, 30, 'the last 30 days, zeros included');
    assert.deepEqual(body.totals, { signatures: 5, messages: 0, letters: 4 });
    assert.deepEqual(counts(body.days.at(-1)), [5, 0, 4]);
    assert.deepEqual(
      body.sources.map((s) => [s.source, s.signatures]),
      [
        ['partner-a', 3],
        ['partner-b', 1],
        [null, 1],
      ],
    );
    assert.deepEqual(counts(body.countries.find((c) => c.country === 'DE')), [2, 0, 4]);
    assert.deepEqual((body.signaturesByDay as Json[]).at(-1)?.bySource, {
      'partner-a': 3,
      'partner-b': 1,
      '': 1,
    });

    const all = (await api.admin('/v1/admin/reports')).json as Json & { totals: Json };
    assert.deepEqual(all.totals, { signatures: 6, messages: 1, letters: 4 }, 'approved messages only');
  });

  it('shows a partner its own source only, and nothing personal', async () => {
    const answer = await reports('', PARTNER_TOKEN);
    assert.equal(answer.status, 200, answer.text);
    const body = answer.json as Json & { sources: Json[]; rows: Json[] };
    assert.equal(body.reader, 'partner');
    assert.equal(body.source, 'partner-a');
    assert.deepEqual(body.totals, { signatures: 4, messages: 1, letters: 4 });
    assert.ok(body.rows.every((row) => row.source === 'partner-a'));
    assert.deepEqual(
      body.sources.map((s) => s.source),
      ['partner-a'],
    );
    assert.ok(!answer.text.includes('@'), 'no email');
    assert.ok(!answer.text.includes('Tester'), 'no name');
    assert.ok(!answer.text.includes('Stay strong'), 'no message text');
    const same = await reports('?source=partner-a', PARTNER_TOKEN);
    assert.equal(same.status, 200);
    const other = await reports('?source=partner-b', PARTNER_TOKEN);
    assert.equal(other.status, 403);
    assert.equal(errorCode(other), 'forbidden');
    assert.deepEqual(((await reports('', OTHER_TOKEN)).json as Json).totals, {
      signatures: 1,
      messages: 0,
      letters: 0,
    });
  });

  it('keeps partner tokens out of every admin route', async () => {
    for (const path of [
      '/v1/admin/messages',
      '/v1/admin/cases/popi-and-bongeka/signatures.csv',
      '/v1/admin/webhooks/deliveries',
      '/v1/admin/photos',
    ]) {
      const answer = await api.get(path, { authorization: `Bearer ${PARTNER_TOKEN}` });
      assert.equal(answer.status, 401, path);
    }
    const erase = await api.send('/v1/admin/supporters/someone%40example.org', {
      method: 'DELETE',
      headers: { authorization: `Bearer ${PARTNER_TOKEN}` },
    });
    assert.equal(erase.status, 401);
  });

  it('refuses a missing or unknown token and bad queries, in JSON', async () => {
    assert.equal((await api.get('/v1/admin/reports')).status, 401);
    const wrong = await reports('', 'not-a-token-of-anyone');
    assert.equal(wrong.status, 401);
    assert.equal(errorCode(wrong), 'unauthorized');
    for (const [query, status, code] of [
      ['?from=2026-13-01', 400, 'validation_failed'],
      ['?from=2026-02-30', 400, 'validation_failed'],
      ['?from=yesterday', 400, 'validation_failed'],
      ['?from=2026-05-02&to=2026-05-01', 400, 'validation_failed'],
      ['?from=2024-01-01&to=2026-01-01', 400, 'validation_failed'],
      ['?limit=5', 400, 'validation_failed'],
      ['?case=no-such-case', 404, 'case_not_found'],
    ] as const) {
      const answer = await api.admin(`/v1/admin/reports${query}`);
      assert.equal(answer.status, status, query);
      assert.equal(errorCode(answer), code, query);
    }
    const ranged = (await api.admin(`/v1/admin/reports?from=2026-01-01&to=2026-01-07`)).json as {
      days: Json[];
    };
    assert.deepEqual(
      ranged.days.map((d) => d.day),
      ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07'],
    );
  });

  it("serves reports.html with the moderation page's policy", async () => {
    const answer = await api.get('/reports.html');
    assert.equal(answer.status, 200);
    const moderation = await api.get('/moderation.html');
    assert.equal(answer.headers['content-security-policy'], moderation.headers['content-security-policy']);
    assert.ok(!/<script[^>]+src="https?:/.test(answer.text), 'no script from elsewhere');
  });
});

describe('partner settings', () => {
  it('refuses a token hash that is not a SHA-256, naming the field', async () => {
    const { spawnEndpoint } = await import('./support/server.js');
    const bad = campaignWith({ partners: [{ source: 'partner-a', tokenHash: 'secret' }] });
    try {
      const endpoint = spawnEndpoint({
        PORT: '0',
        HOST: '127.0.0.1',
        W4R_DB: ':memory:',
        W4R_CONFIG: bad.file,
      });
      assert.equal((await endpoint.exited).code, 1);
      assert.match(endpoint.output(), /partners\[0\]\.tokenHash: The hex SHA-256/);
    } finally {
      bad.remove();
    }
  });
});
