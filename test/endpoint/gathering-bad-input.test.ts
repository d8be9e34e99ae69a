/**
 * Bad events, one row each: the endpoint answers a 4xx with its JSON error naming the field, and
 * stores nothing — no new event in the moderators' queue, none in the export.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorBody } from '../../src/schema/index.js';
import { Api, csvRecords, type Json } from './support/http.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let api: Api;

before(async () => {
  server = await startServer();
  api = new Api(server.url);
});
after(() => server.cleanup());

const HOUR = 3600_000;
const inDays = (days: number, hours = 0) =>
  new Date(Date.now() + days * 24 * HOUR + hours * HOUR).toISOString();

function event(overrides: Json = {}): Json {
  return {
    group: 'Escuela Nº 5',
    title: 'Cartas por Gustavo',
    start: inDays(3),
    end: inDays(3, 2),
    timeZone: 'America/Santiago',
    place: { city: 'Santiago', country: 'CL' },
    cases: ['gustavo-gatica'],
    email: 'host@example.org',
    ...overrides,
  };
}

interface Row {
  name: string;
  body: unknown;
  status?: number;
  /** The field an issue must name. */
  field?: string;
}

const rows: Row[] = [
  { name: 'a start in the past', body: event({ start: inDays(-1), end: inDays(-1, 2) }), field: 'start' },
  { name: 'an end before the start', body: event({ end: inDays(3, -1) }), field: 'end' },
  { name: 'an end equal to the start', body: event({ end: event().start }), field: 'end' },
  { name: 'an event four days long', body: event({ end: inDays(7) }), field: 'end' },
  { name: 'a start years ahead', body: event({ start: inDays(900), end: inDays(900, 1) }), field: 'start' },
  { name: 'a date that does not exist', body: event({ start: '2031-02-30T18:00:00Z' }), field: 'start' },
  { name: 'a date without an offset', body: event({ start: '2031-02-03T18:00:00' }), field: 'start' },
  { name: 'an impossible time zone', body: event({ timeZone: 'Mars/Olympus_Mons' }), field: 'timeZone' },
  { name: 'an offset for a time zone', body: event({ timeZone: '+02:00' }), field: 'timeZone' },
  { name: 'a time zone with a path in it', body: event({ timeZone: '../../etc/passwd' }), field: 'timeZone' },
  {
    name: 'a 10,000-character description',
    body: event({ description: 'a'.repeat(10_000) }),
    field: 'description',
  },
  { name: 'a title of control characters', body: event({ title: 'Cartas\u0000\u0007' }), field: 'title' },
  { name: 'a group of invisible characters', body: event({ group: '\u200b\u200d\u2060 ' }), field: 'group' },
  { name: 'a lone surrogate in the title', body: event({ title: 'Cartas \ud800' }), field: 'title' },
  {
    name: 'a javascript: link to join',
    body: event({ place: { online: 'javascript:alert(1)' } }),
    field: 'place.online',
  },
  {
    name: 'a data: link to join',
    body: event({ place: { online: 'data:text/html,<script>1</script>' } }),
    field: 'place.online',
  },
  {
    name: 'a link with a line break',
    body: event({ place: { online: 'https://x.org/\r\nX: 1' } }),
    field: 'place.online',
  },
  {
    name: 'a place and a link at once',
    body: event({ place: { city: 'Santiago', country: 'CL', online: 'https://x.org/' } }),
    field: 'place',
  },
  {
    name: 'a country that is not a code',
    body: event({ place: { city: 'Santiago', country: 'Chile' } }),
    field: 'place.country',
  },
  { name: 'an unknown case', body: event({ cases: ['gustavo-gatica', 'nobody'] }), field: 'cases.1' },
  { name: 'no case', body: event({ cases: [] }), field: 'cases' },
  {
    name: 'the same case twice',
    body: event({ cases: ['gustavo-gatica', 'gustavo-gatica'] }),
    field: 'cases',
  },
  { name: 'a case id with a path in it', body: event({ cases: ['../admin'] }), field: 'cases.0' },
  { name: 'a capacity of -1', body: event({ capacity: -1 }), field: 'capacity' },
  { name: 'a capacity of 1e9', body: event({ capacity: 1e9 }), field: 'capacity' },
  { name: 'a capacity of 2.5', body: event({ capacity: 2.5 }), field: 'capacity' },
  { name: 'a capacity as text', body: event({ capacity: '12' }), field: 'capacity' },
  { name: 'no contact email', body: event({ email: undefined }), field: 'email' },
  { name: 'a contact that is not an email', body: event({ email: 'host at example' }), field: 'email' },
  { name: 'a field nobody asked for', body: event({ status: 'approved' }) },
  { name: 'a filled honeypot', body: event({ website: 'spam.example' }), status: 400 },
  { name: 'an array', body: [event()] },
];

async function stored(): Promise<number> {
  const answer = await api.admin('/v1/admin/gatherings.csv');
  return csvRecords(answer.text).length;
}

describe('POST /v1/gatherings refuses bad events and stores nothing', () => {
  for (const row of rows) {
    it(`refuses ${row.name}`, async () => {
      const before = await stored();
      const answer = await api.post('/v1/gatherings', row.body);
      assert.equal(answer.status, row.status ?? 400, answer.text);
      const body = errorBody.parse(answer.json);
      if (row.field) {
        assert.ok(
          body.error.issues?.some((issue) => issue.path === row.field),
          `an issue for ${row.field}: ${answer.text}`,
        );
      }
      assert.equal(await stored(), before, 'nothing stored');
    });
  }

  it('takes the same event once the fields are right (the rows above fail for their own reason)', async () => {
    const before = await stored();
    const answer = await api.post('/v1/gatherings', event({ description: '<img src=x onerror=alert(1)>' }));
    assert.equal(answer.status, 201, answer.text);
    assert.equal(await stored(), before + 1);
  });

  it('refuses a body that is not JSON, or too large, with its own code', async () => {
    const notJson = await api.send('/v1/gatherings', {
      method: 'POST',
      body: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(errorBody.parse(notJson.json).error.code, 'invalid_json');
    const form = await api.send('/v1/gatherings', {
      method: 'POST',
      body: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 415);
    const huge = await api.post('/v1/gatherings', event({ description: 'a'.repeat(40_000) }));
    assert.equal(huge.status, 413);
  });
});
