/**
 * Letter-writing events over HTTP: hosted, moderated, listed soonest first with their filters, joined,
 * added to a calendar (parsed by ical.js), reported back into the cases' letter counts, exported and
 * erased with their host.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { gatheringPage, gatheringReceipt, publicGathering } from '../../src/schema/gathering.js';
import { Api, csvRecords, errorCode, EventStream, type Json, type Stats } from './support/http.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let api: Api;
const streams: EventStream[] = [];

before(async () => {
  server = await startServer();
  api = new Api(server.url);
});
after(async () => {
  for (const stream of streams) stream.close();
  await server.cleanup();
});

const DAY = 24 * 3600_000;

/** A valid event a week from now, for `cases`; `overrides` replace fields. */
function gathering(overrides: Json = {}): Json {
  const start = new Date(Date.now() + 7 * DAY);
  return {
    group: 'Book club of Valparaíso',
    title: 'Letters for Gustavo',
    description: 'We bring paper, pens and stamps.',
    start: start.toISOString(),
    end: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    timeZone: 'America/Santiago',
    place: { city: 'Valparaíso', country: 'CL' },
    cases: ['gustavo-gatica'],
    capacity: 12,
    email: 'host@example.org',
    lang: 'es',
    ...overrides,
  };
}

async function host(body: Json = gathering(), headers: Record<string, string> = {}) {
  const answer = await api.post('/v1/gatherings', body, headers);
  assert.equal(answer.status, 201, answer.text);
  return gatheringReceipt.parse(answer.json);
}

async function approve(id: string): Promise<void> {
  const answer = await api.admin(`/v1/admin/gatherings/${id}/approve`, { method: 'POST' });
  assert.equal(answer.status, 200, answer.text);
}

async function upcoming(path = '/v1/gatherings') {
  const answer = await api.get(path);
  assert.equal(answer.status, 200, answer.text);
  return gatheringPage.parse(answer.json);
}

describe("the campaign file's sample events", () => {
  it('are listed soonest first, and one that is over is not', async () => {
    const page = await upcoming();
    const ids = page.items.map((item) => item.id);
    assert.ok(ids.indexOf('sample-online') < ids.indexOf('sample-santiago'), ids.join());
    assert.ok(!ids.includes('sample-past'));
    const santiago = page.items.find((item) => item.id === 'sample-santiago')!;
    assert.deepEqual(santiago.place, { city: 'Santiago', country: 'CL' });
    assert.equal(santiago.start, '2040-12-10T22:00:00.000Z', 'stored in UTC');
    assert.equal(santiago.lang, 'es');
    assert.equal('email' in santiago, false, 'the contact email is never public');
  });

  it('are filtered by case, by country and to online ones', async () => {
    const forPopi = await upcoming('/v1/cases/popi-and-bongeka/gatherings');
    assert.deepEqual(
      forPopi.items.map((item) => item.id),
      ['sample-online'],
    );
    const chile = await upcoming('/v1/cases/gustavo-gatica/gatherings?country=CL');
    assert.deepEqual(
      chile.items.map((item) => item.id),
      ['sample-santiago'],
    );
    const online = await upcoming('/v1/gatherings?online=1');
    assert.ok(online.items.every((item) => 'online' in item.place));
    assert.ok(online.items.some((item) => item.id === 'sample-online'));
  });

  it('refuses a bad filter and an unknown case', async () => {
    assert.equal(errorCode(await api.get('/v1/gatherings?country=chile')), 'validation_failed');
    assert.equal(errorCode(await api.get('/v1/gatherings?online=maybe')), 'validation_failed');
    assert.equal(errorCode(await api.get('/v1/gatherings?cursor=forged')), 'validation_failed');
    assert.equal(errorCode(await api.get('/v1/cases/nobody/gatherings')), 'case_not_found');
  });
});

describe('hosting an event', () => {
  it('waits for a moderator, then is listed; the moderators see it arrive live', async () => {
    const moderators = await EventStream.open(`${server.url}/v1/admin/events`, {
      authorization: `Bearer endpoint-test-admin-token-4f9c2a`,
    });
    streams.push(moderators);
    const receipt = await host(gathering({ title: 'Waits for review' }));
    assert.equal(receipt.status, 'pending');
    const arrived = await moderators.next((event) => event.event === 'gathering-pending');
    assert.equal(JSON.parse(arrived.data).id, receipt.id);
    assert.equal(JSON.parse(arrived.data).email, undefined);

    assert.ok(!(await upcoming()).items.some((item) => item.id === receipt.id));
    assert.equal((await api.get(`/v1/gatherings/${receipt.id}`)).status, 404);
    const queue = await api.admin('/v1/admin/gatherings?status=pending');
    assert.ok((queue.json as { items: { id: string }[] }).items.some((item) => item.id === receipt.id));

    await approve(receipt.id);
    const decided = await moderators.next((event) => event.event === 'gathering-decided');
    assert.deepEqual(JSON.parse(decided.data), { id: receipt.id, status: 'approved' });
    const listed = (await upcoming('/v1/cases/gustavo-gatica/gatherings')).items.find(
      (item) => item.id === receipt.id,
    );
    assert.equal(listed?.title, 'Waits for review');
    publicGathering.parse((await api.get(`/v1/gatherings/${receipt.id}`)).json);
  });

  it('shows at once on a case moderated afterwards, unless the description holds a link', async () => {
    const plain = await host(gathering({ cases: ['open-wall'] }));
    assert.equal(plain.status, 'approved');
    const linked = await host(
      gathering({ cases: ['open-wall'], description: 'Details on evil . com, come along' }),
    );
    assert.equal(linked.status, 'pending');
    const both = await host(gathering({ cases: ['open-wall', 'gustavo-gatica'] }));
    assert.equal(both.status, 'pending', 'held when one of its cases holds everything');
  });

  it('is stored once for one Idempotency-Key, with the same edit token', async () => {
    const body = gathering({ title: 'Keyed event' });
    const first = await api.post('/v1/gatherings', body, { 'idempotency-key': 'host-once' });
    const again = await api.post('/v1/gatherings', body, { 'idempotency-key': 'host-once' });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replay'], 'true');
    assert.deepEqual(again.json, first.json);
    const other = await api.post('/v1/gatherings', gathering({ title: 'Other' }), {
      'idempotency-key': 'host-once',
    });
    assert.equal(errorCode(other), 'idempotency_conflict');
    const queue = await api.admin('/v1/admin/gatherings?status=pending&limit=200');
    const keyed = (queue.json as { items: { title: string }[] }).items.filter(
      (item) => item.title === 'Keyed event',
    );
    assert.equal(keyed.length, 1);
  });

  it('pages the list with a cursor, soonest first', async () => {
    for (let day = 1; day <= 3; day++) {
      const start = new Date(Date.now() + (30 + day) * DAY);
      const receipt = await host(
        gathering({
          cases: ['melike-and-ozgur'],
          title: `Day ${day}`,
          start: start.toISOString(),
          end: new Date(start.getTime() + 3600_000).toISOString(),
        }),
      );
      await approve(receipt.id);
    }
    const first = await upcoming('/v1/cases/melike-and-ozgur/gatherings?limit=2');
    assert.deepEqual(
      first.items.map((item) => item.title),
      ['Day 1', 'Day 2'],
    );
    assert.equal(first.total, 3);
    const second = await upcoming(`/v1/cases/melike-and-ozgur/gatherings?limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual(
      second.items.map((item) => item.title),
      ['Day 3'],
    );
    assert.equal(second.nextCursor, null);
  });
});

describe("joining: I'll come", () => {
  it('counts a participant, once per Idempotency-Key', async () => {
    const receipt = await host();
    await approve(receipt.id);
    const path = `/v1/gatherings/${receipt.id}/participants`;
    assert.deepEqual((await api.post(path, {})).json, { participants: 1 });
    assert.deepEqual((await api.post(path, {}, { 'idempotency-key': 'come-1' })).json, { participants: 2 });
    assert.deepEqual((await api.post(path, {}, { 'idempotency-key': 'come-1' })).json, { participants: 2 });
    const read = publicGathering.parse((await api.get(`/v1/gatherings/${receipt.id}`)).json);
    assert.equal(read.participants, 2);
  });

  it('refuses someone more than the event has room for, with 409 gathering_full, and counts them not', async () => {
    const receipt = await host({ ...gathering(), capacity: 2 });
    await approve(receipt.id);
    const path = `/v1/gatherings/${receipt.id}/participants`;
    assert.equal((await api.post(path, {})).status, 201);
    assert.deepEqual((await api.post(path, {})).json, { participants: 2 });
    const third = await api.post(path, {}, { 'idempotency-key': 'come-full' });
    assert.equal(third.status, 409, third.text);
    assert.equal(errorCode(third), 'gathering_full');
    assert.equal((await api.post(path, {}, { 'idempotency-key': 'come-full' })).status, 409);
    const read = publicGathering.parse((await api.get(`/v1/gatherings/${receipt.id}`)).json);
    assert.equal(read.participants, 2);
  });

  it('refuses an event waiting for review, an unknown one and a filled honeypot', async () => {
    const pending = await host();
    assert.equal((await api.post(`/v1/gatherings/${pending.id}/participants`, {})).status, 404);
    assert.equal((await api.post('/v1/gatherings/nope/participants', {})).status, 404);
    const approved = await host();
    await approve(approved.id);
    const bot = await api.post(`/v1/gatherings/${approved.id}/participants`, { website: 'x' });
    assert.equal(errorCode(bot), 'looks_automated');
    const email = await api.post(`/v1/gatherings/${approved.id}/participants`, { email: 'a@b.org' });
    assert.equal(errorCode(email), 'validation_failed', 'no email is taken');
    assert.equal(
      publicGathering.parse((await api.get(`/v1/gatherings/${approved.id}`)).json).participants,
      0,
    );
  });
});

describe('GET /v1/gatherings/:id/calendar.ics', () => {
  it('is an iCalendar file a real parser reads, with the times in UTC', async () => {
    const answer = await api.get('/v1/gatherings/sample-santiago/calendar.ics');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^text\/calendar/);
    assert.match(
      String(answer.headers['content-disposition']),
      /attachment; filename="event-sample-santiago.ics"/,
    );
    assert.ok(
      answer.text.split('\n').every((line) => Buffer.byteLength(line) <= 76),
      'folded at 75 octets',
    );
    const calendar = new ICAL.Component(ICAL.parse(answer.text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    assert.equal(event.summary, 'Cartas por Gustavo');
    assert.equal(event.startDate.toJSDate().toISOString(), '2040-12-10T22:00:00.000Z');
    assert.equal(event.endDate.toJSDate().toISOString(), '2040-12-11T00:30:00.000Z');
    assert.equal(event.location, 'Santiago, Chile');
    // An event in a place links to its details on the endpoint, which a calendar opens.
    const details = String(event.component.getFirstPropertyValue('url'));
    assert.equal(details, `${server.url}/v1/gatherings/sample-santiago`);
    assert.equal(
      publicGathering.parse((await api.get(new URL(details).pathname)).json).title,
      'Cartas por Gustavo',
    );
    assert.match(event.description, /Gustavo Gatica/);
    assert.match(event.description, /America\/Santiago/);
  });

  it("carries an online event's link, and text with commas, semicolons and line breaks intact", async () => {
    const title = 'Letters; cards, and a long title ✍️ '.repeat(3).trim();
    const receipt = await host(
      gathering({
        title: title.slice(0, 120).trim(),
        description: 'Line one,\nline two; with a backslash \\ too',
        place: { online: 'https://meet.example.org/room?id=1' },
        cases: ['open-wall'],
      }),
    );
    const event = new ICAL.Event(
      new ICAL.Component(
        ICAL.parse((await api.get(`/v1/gatherings/${receipt.id}/calendar.ics`)).text),
      ).getFirstSubcomponent('vevent')!,
    );
    assert.equal(event.summary, title.slice(0, 120).trim());
    assert.match(event.description, /Line one,\nline two; with a backslash \\ too$/);
    assert.equal(event.component.getFirstPropertyValue('url'), 'https://meet.example.org/room?id=1');
  });

  it('is 404 for an event nobody approved', async () => {
    const pending = await host();
    assert.equal((await api.get(`/v1/gatherings/${pending.id}/calendar.ics`)).status, 404);
  });
});

describe('reporting back', () => {
  it("adds the letters to each case's total once, corrects them, and moves every open counter", async () => {
    const receipt = await host(gathering({ cases: ['gustavo-gatica', 'nassima-al-sada'] }));
    await approve(receipt.id);
    const stream = await EventStream.open(`${server.url}/v1/cases/gustavo-gatica/events`);
    streams.push(stream);
    const initial = JSON.parse((await stream.next()).data) as Stats;
    const nassima = (await stats('nassima-al-sada')).letters;
    const path = `/v1/gatherings/${receipt.id}/report`;
    const report = {
      token: receipt.editToken,
      letters: [
        { case: 'gustavo-gatica', count: 25 },
        { case: 'nassima-al-sada', count: 3 },
      ],
    };
    const first = await api.post(path, report, { 'idempotency-key': 'report-1' });
    assert.equal(first.status, 200, first.text);
    const moved = await stream.next(
      (event) =>
        event.event === 'stats' && (JSON.parse(event.data) as Stats).letters === initial.letters + 25,
    );
    assert.ok(moved);
    assert.equal((await stats('nassima-al-sada')).letters, nassima + 3);

    // A retry of the same report, and the same numbers again: nothing moves.
    assert.equal(
      (await api.post(path, report, { 'idempotency-key': 'report-1' })).headers['idempotent-replay'],
      'true',
    );
    assert.equal((await api.post(path, report)).status, 200);
    assert.equal((await stats('gustavo-gatica')).letters, initial.letters + 25);

    // A correction replaces the report: the total moves by the difference.
    const corrected = await api.post(path, {
      token: receipt.editToken,
      letters: [{ case: 'gustavo-gatica', count: 30 }],
    });
    assert.deepEqual(corrected.json, {
      letters: [
        { case: 'gustavo-gatica', count: 30 },
        { case: 'nassima-al-sada', count: 3 },
      ],
    });
    assert.equal((await stats('gustavo-gatica')).letters, initial.letters + 30);
    const read = publicGathering.parse((await api.get(`/v1/gatherings/${receipt.id}`)).json);
    assert.deepEqual(read.letters, [
      { case: 'gustavo-gatica', count: 30 },
      { case: 'nassima-al-sada', count: 3 },
    ]);

    // Rejected later, the event's letters leave the totals; approved again, they come back once.
    await api.admin(`/v1/admin/gatherings/${receipt.id}/reject`, { method: 'POST' });
    assert.equal((await stats('gustavo-gatica')).letters, initial.letters);
    await approve(receipt.id);
    assert.equal((await stats('gustavo-gatica')).letters, initial.letters + 30);
  });

  it('refuses a wrong token, a case the event does not write for and an event not approved', async () => {
    const receipt = await host(gathering({ cases: ['melike-and-ozgur'] }));
    const before = (await stats('melike-and-ozgur')).letters;
    const path = `/v1/gatherings/${receipt.id}/report`;
    const letters = [{ case: 'melike-and-ozgur', count: 5 }];
    assert.equal(errorCode(await api.post(path, { token: receipt.editToken, letters })), 'not_approved');
    await approve(receipt.id);
    const wrong = await api.post(path, { token: 'x'.repeat(32), letters });
    assert.equal(wrong.status, 403);
    assert.equal(errorCode(wrong), 'forbidden');
    assert.equal(
      errorCode(await api.post('/v1/gatherings/nope/report', { token: receipt.editToken, letters })),
      'forbidden',
    );
    const otherCase = await api.post(path, {
      token: receipt.editToken,
      letters: [{ case: 'gustavo-gatica', count: 5 }],
    });
    assert.equal(errorCode(otherCase), 'validation_failed');
    for (const count of [-1, 1.5, 1e9]) {
      const bad = await api.post(path, {
        token: receipt.editToken,
        letters: [{ case: 'melike-and-ozgur', count }],
      });
      assert.equal(bad.status, 400, `count ${count}`);
    }
    assert.equal((await stats('melike-and-ozgur')).letters, before);
  });
});

describe('the events export and erasure', () => {
  it('exports every event as CSV, emails only when asked', async () => {
    const receipt = await host(gathering({ group: '=HYPERLINK("x")', email: 'csv-host@example.org' }));
    const plain = await api.admin('/v1/admin/gatherings.csv');
    assert.equal(plain.status, 200);
    assert.match(String(plain.headers['content-type']), /^text\/csv/);
    const rows = csvRecords(plain.text);
    const row = rows.find((entry) => entry.id === receipt.id);
    assert.equal(row?.group, `'=HYPERLINK("x")`, 'a formula is shown as text');
    assert.equal(row?.status, 'pending');
    assert.equal(row?.email, undefined);
    assert.ok(rows.some((entry) => entry.id === 'sample-santiago'));
    const withEmails = csvRecords((await api.admin('/v1/admin/gatherings.csv?emails=1')).text);
    assert.equal(withEmails.find((entry) => entry.id === receipt.id)?.email, 'csv-host@example.org');
    assert.equal((await api.get('/v1/admin/gatherings.csv')).status, 401);
  });

  it("erases a host's events with the supporter's data, leaving their letters counted", async () => {
    const receipt = await host(gathering({ email: 'Erase-Host@example.org', cases: ['popi-and-bongeka'] }), {
      'idempotency-key': 'erase-host',
    });
    await approve(receipt.id);
    await api.post(`/v1/gatherings/${receipt.id}/report`, {
      token: receipt.editToken,
      letters: [{ case: 'popi-and-bongeka', count: 7 }],
    });
    const letters = (await stats('popi-and-bongeka')).letters;
    const erased = await api.admin('/v1/admin/supporters/erase-host@example.org', { method: 'DELETE' });
    assert.equal(erased.status, 200, erased.text);
    assert.equal((erased.json as { erased: { gatherings: number } }).erased.gatherings, 1);
    assert.equal((await api.get(`/v1/gatherings/${receipt.id}`)).status, 404);
    assert.ok(
      !csvRecords((await api.admin('/v1/admin/gatherings.csv?emails=1')).text).some(
        (row) => row.id === receipt.id,
      ),
    );
    assert.equal((await stats('popi-and-bongeka')).letters, letters);
    // The key's record went too: the same request again is a new event, with a new token.
    const again = await host(gathering({ email: 'Erase-Host@example.org', cases: ['popi-and-bongeka'] }), {
      'idempotency-key': 'erase-host',
    });
    assert.notEqual(again.id, receipt.id);
  });
});

async function stats(id: string): Promise<Stats> {
  return api.stats(id);
}

describe("the demo campaign's sample events", () => {
  it('include Spanish ones for Gustavo Gatica and some for each of the four cases, stored once', async () => {
    const demo = await startServer({
      config: resolve(import.meta.dirname, '../../campaigns/write-for-rights-2020.json'),
    });
    try {
      const total = async () =>
        gatheringPage.parse((await new Api(demo.url).get('/v1/gatherings')).json).total;
      const demoApi = new Api(demo.url);
      const page = gatheringPage.parse((await demoApi.get('/v1/cases/gustavo-gatica/gatherings')).json);
      assert.ok(
        page.items.some((item) => item.lang === 'es' && 'city' in item.place && item.place.country === 'CL'),
      );
      for (const id of ['popi-and-bongeka', 'gustavo-gatica', 'nassima-al-sada', 'melike-and-ozgur']) {
        const forCase = gatheringPage.parse((await demoApi.get(`/v1/cases/${id}/gatherings`)).json);
        assert.ok(forCase.total > 0, id);
      }
      const before = await total();
      await demo.restart();
      assert.equal(await total(), before, 'started again on the same database, no sample is added twice');
    } finally {
      await demo.cleanup();
    }
  });
});
