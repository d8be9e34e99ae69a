/**
 * The outbox across a crash: the endpoint is SIGKILLed while deliveries hang in flight and others wait
 * in the outbox, restarted on the same database, and every event is delivered afterwards, each with
 * the id it had before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, signer, type Signer } from './support/http.js';
import { campaignWith, FAST_OUTBOX, Receiver, verifyW4rSignature } from './support/receiver.js';
import { startServer, type TestServer } from './support/server.js';

const SECRET = 'whsec-crash-0123456789abcdefghij';
const SIGNERS = 40;

let receiver: Receiver;
let server: TestServer;
let campaign: { file: string; remove: () => void };

before(async () => {
  receiver = await new Receiver().start();
  campaign = campaignWith({
    webhooks: [{ url: `${receiver.url}/hook`, events: ['signature.created'], secret: SECRET }],
  });
  // Attempts time out after a second, so a dead instance's claims end three seconds after it took them.
  server = await startServer({
    config: campaign.file,
    env: { ...FAST_OUTBOX, W4R_WEBHOOK_TIMEOUT_MS: '1000' },
  });
});
after(async () => {
  await server.cleanup();
  await receiver.close();
  campaign.remove();
});

describe('the outbox across a crash', () => {
  it('sends every event again after a SIGKILL mid-delivery, with the same id', async () => {
    receiver.answer = () => 'hang';
    const api = new Api(server.url);
    const people: Signer[] = Array.from({ length: SIGNERS }, () => signer());
    const answers = await Promise.all(people.map((person) => api.sign('crash-case', person)));
    assert.ok(answers.every((answer) => answer.status === 201));
    // Sixteen attempts hang in flight; the rest wait in the outbox.
    await receiver.until('deliveries in flight', (all) => all.length >= 10);
    const exit = await server.kill();
    assert.deepEqual(exit, { code: null, signal: 'SIGKILL' });
    const seenBefore = new Map(receiver.received.map((r) => [String(r.event.data.lastName), r.event.id]));
    assert.ok(seenBefore.size >= 10 && seenBefore.size < SIGNERS, `${seenBefore.size} sent before the crash`);

    receiver.release();
    receiver.answer = () => ({ status: 200 });
    await server.start();
    const delivered = (name: string) =>
      receiver.received.some((r) => r.answered === 200 && r.event.data.lastName === name);
    await receiver.until(
      'every event after the restart',
      () => people.every((p) => delivered(p.lastName)),
      30_000,
    );

    for (const person of people) {
      const requests = receiver.received.filter((r) => r.event.data.lastName === person.lastName);
      const ids = new Set(requests.map((r) => r.event.id));
      assert.equal(ids.size, 1, `one event id for ${person.lastName}, however often it was sent`);
      const before = seenBefore.get(person.lastName);
      if (before) assert.equal([...ids][0], before, 'the id it had before the crash');
      for (const r of requests)
        assert.ok(verifyW4rSignature(SECRET, String(r.headers['w4r-signature']), r.body));
    }
    const events = new Set(receiver.received.map((r) => r.event.id));
    assert.equal(events.size, SIGNERS, 'no event for anything that did not happen');
  });
});
