/** The moderation page as the endpoint serves it, and the admin stream that keeps every open page's queue current. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startServer, type TestServer } from './support/server.js';
import { Api, EventStream } from './support/http.js';

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

async function moderators(): Promise<EventStream> {
  const stream = await EventStream.open(`${server.url}/v1/admin/events`, {
    authorization: `Bearer ${ADMIN_TOKEN}`,
  });
  streams.push(stream);
  assert.equal(stream.status, 200);
  return stream;
}

async function held(text: string): Promise<string> {
  const answer = await api.post('/v1/cases/gustavo-gatica/messages', { name: 'Ana', text });
  assert.equal(answer.status, 201, answer.text);
  return (answer.json as { id: string }).id;
}

describe('the moderation page', () => {
  it('is served with a policy that lets it talk to this endpoint only', async () => {
    for (const path of ['/moderation.html', '/./moderation.html']) {
      const answer = await api.get(path);
      assert.equal(answer.status, 200, path);
      const policy = String(answer.headers['content-security-policy'] ?? '');
      const directives = policy.split(';').map((directive) => directive.trim());
      assert.ok(directives.includes("connect-src 'self'"), `${path}: ${policy}`);
      assert.ok(directives.includes("script-src 'self'"), `${path}: ${policy}`);
      assert.ok(directives.includes("form-action 'none'"), `${path}: ${policy}`);
    }
  });
});

describe('the moderators’ stream', () => {
  it('tells every moderator when a message is approved or rejected, once', { timeout: 10_000 }, async () => {
    const [one, other] = await Promise.all([moderators(), moderators()]);
    const approved = await held('Approve me.');
    const rejected = await held('Reject me.');
    assert.equal((await api.admin(`/v1/admin/messages/${approved}/approve`, { method: 'POST' })).status, 200);
    assert.equal((await api.admin(`/v1/admin/messages/${rejected}/reject`, { method: 'POST' })).status, 200);
    // Deciding again changes nothing, so it announces nothing.
    assert.equal((await api.admin(`/v1/admin/messages/${approved}/approve`, { method: 'POST' })).status, 200);

    for (const stream of [one, other]) {
      const decided = [
        await stream.next((event) => event.event === 'decided'),
        await stream.next((event) => event.event === 'decided'),
      ].map((event) => JSON.parse(event.data) as unknown);
      assert.deepEqual(decided, [
        { id: approved, caseId: 'gustavo-gatica', status: 'approved' },
        { id: rejected, caseId: 'gustavo-gatica', status: 'rejected' },
      ]);
    }
    // A message posted after the decisions arrives after them: nothing more was announced in between.
    const later = await held('After the decisions.');
    const next = await one.next((event) => event.event !== 'pending' || JSON.parse(event.data).id === later);
    assert.equal(next.event, 'pending');
  });
});
