/** Server-Sent Events: the stats on connect, a stats event per change, a message event per approval. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { publicMessage } from '../../src/schema/index.js';
import { ADMIN_TOKEN, startServer, type TestServer } from './support/server.js';
import { Api, EventStream, signer, type ServerEvent, type Stats } from './support/http.js';

const CASE = 'live-case';

let server: TestServer;
let api: Api;
const streams: EventStream[] = [];

async function open(path: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const stream = await EventStream.open(`${server.url}${path}`, headers);
  streams.push(stream);
  return stream;
}

const statsEvent = (test: (stats: Stats) => boolean) => (event: ServerEvent) =>
  event.event === 'stats' && test(JSON.parse(event.data) as Stats);

before(async () => {
  server = await startServer({ env: { W4R_HEARTBEAT_MS: '100' } });
  api = new Api(server.url);
});
after(async () => {
  for (const stream of streams) stream.close();
  await server.cleanup();
});

describe('GET /v1/cases/:id/events', () => {
  it('is an event stream that starts with the current stats', async () => {
    assert.equal((await api.sign(CASE, signer())).status, 201);
    const stats = await api.publicStats(CASE);
    const stream = await open(`/v1/cases/${CASE}/events`);
    assert.equal(stream.status, 200);
    assert.match(stream.contentType, /^text\/event-stream/);
    const first = await stream.next();
    assert.equal(first.event, 'stats');
    assert.deepEqual(JSON.parse(first.data), stats);
  });

  it('sends a stats event when someone signs, with the public stats, and only for its own case', async () => {
    const stream = await open(`/v1/cases/${CASE}/events`);
    await stream.next();
    assert.equal((await api.sign('popi-and-bongeka', signer())).status, 201);
    assert.equal((await api.sign(CASE, signer())).status, 201);
    const next = await stream.next((event) => event.event === 'stats');
    assert.deepEqual(JSON.parse(next.data), await api.publicStats(CASE));
  });

  it('sends a stats event when letters are reported', async () => {
    const stream = await open(`/v1/cases/${CASE}/events`);
    const initial = JSON.parse((await stream.next()).data) as Stats;
    assert.equal((await api.post(`/v1/cases/${CASE}/letters`, { count: 4 })).status, 201);
    await stream.next(statsEvent((stats) => stats.letters === initial.letters + 4));
  });

  it('sends a message event and new stats when a message goes on the wall', async () => {
    const stream = await open(`/v1/cases/${CASE}/events`);
    const initial = JSON.parse((await stream.next()).data) as Stats;
    const posted = await api.post(`/v1/cases/${CASE}/messages`, {
      name: 'Kwame',
      country: 'GH',
      text: 'You are not alone.',
    });
    assert.equal((posted.json as { status: string }).status, 'approved');
    const event = await stream.next((one) => one.event === 'message');
    const message = publicMessage.parse(JSON.parse(event.data));
    assert.equal(message.id, (posted.json as { id: string }).id);
    assert.equal(message.text, 'You are not alone.');
    assert.equal(event.data.includes('source'), false);
    await stream.next(statsEvent((stats) => stats.messages === initial.messages + 1));
  });

  it('sends a message event when a moderator approves a held message, not before', async () => {
    const stream = await open('/v1/cases/popi-and-bongeka/events');
    await stream.next();
    const posted = await api.post('/v1/cases/popi-and-bongeka/messages', {
      name: 'Nia',
      text: 'Held, then shown.',
    });
    const id = (posted.json as { id: string }).id;
    assert.equal((posted.json as { status: string }).status, 'pending');
    const approved = await api.admin(`/v1/admin/messages/${id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200, approved.text);
    const event = await stream.next((one) => one.event === 'message');
    assert.equal(JSON.parse(event.data).id, id, 'the first message event is the approved one');
  });

  it('sends heartbeat comments', async () => {
    const stream = await open(`/v1/cases/${CASE}/events`);
    const heartbeats = async (wanted: number) => {
      for (let count = 1; ; count++) {
        await stream.comment(count);
        if (stream.comments.filter((line) => line === 'heartbeat').length >= wanted) return;
      }
    };
    await heartbeats(2);
  });

  it('answers an unknown case with 404 case_not_found', async () => {
    const stream = await open('/v1/cases/no-such-case/events');
    assert.equal(stream.status, 404);
  });

  it('keeps serving after many streams come and go', async () => {
    const many = await Promise.all(Array.from({ length: 100 }, () => open(`/v1/cases/${CASE}/events`)));
    await Promise.all(many.map((stream) => stream.next()));
    for (const stream of many) stream.close();
    const stream = await open(`/v1/cases/${CASE}/events`);
    await stream.next();
    assert.equal((await api.sign(CASE, signer())).status, 201);
    await stream.next((event) => event.event === 'stats');
    assert.equal((await api.get('/healthz')).status, 200);
  });
});

describe('GET /v1/admin/events', () => {
  it('refuses a stream without the token', async () => {
    const stream = await open('/v1/admin/events');
    assert.equal(stream.status, 401);
  });

  it('sends a pending event with the held message for moderators', async () => {
    const stream = await open('/v1/admin/events', { authorization: `Bearer ${ADMIN_TOKEN}` });
    assert.equal(stream.status, 200);
    assert.match(stream.contentType, /^text\/event-stream/);
    const posted = await api.post('/v1/cases/gustavo-gatica/messages', {
      name: 'Ana',
      text: 'Fuerza, Gustavo.',
    });
    const id = (posted.json as { id: string }).id;
    const event = await stream.next((one) => one.event === 'pending');
    const message = JSON.parse(event.data) as Record<string, unknown>;
    assert.equal(message.id, id);
    assert.equal(message.caseId, 'gustavo-gatica');
    assert.equal(message.status, 'pending');
    assert.equal(message.text, 'Fuerza, Gustavo.');
  });
});
