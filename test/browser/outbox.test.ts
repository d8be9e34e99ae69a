import { expect } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import type { Outcome, OutboxEntry } from '../../src/core/data/outbox.js';
import { outbox } from '../../src/core/data/default-outbox.js';
import { hasSigned } from '../../src/core/data/signed.js';
import type { MessagePage } from '../../src/schema/index.js';
import { waitUntil } from '../support/queries.js';
import { holdPosts } from '../support/offline.js';
import { anotherPage, RECORD_POSTS } from '../support/pages.js';
import { storedStats } from '../support/stats.js';
import { forgetWidgetStorage } from '../support/widget-storage.js';

const API = `${endpoint}/v1`;

const signature = (caseId = 'gustavo-gatica'): OutboxEntry<'signatures'> => ({
  key: crypto.randomUUID(),
  kind: 'signatures',
  endpoint: endpoint,
  caseId,
  body: {
    firstName: 'Outbox',
    lastName: 'Tester',
    email: `outbox-${crypto.randomUUID()}@example.org`,
    country: 'CL',
    consent: true,
  },
});

const message = (text = `Sent once ${crypto.randomUUID()}`): OutboxEntry<'messages'> => ({
  key: crypto.randomUUID(),
  kind: 'messages',
  endpoint,
  caseId: 'open-wall',
  body: { name: 'Outbox', text },
});

/** How many of the newest messages on the open wall read `text`. */
const onTheWall = async (text: string) => {
  const page = (await (await fetch(`${API}/cases/open-wall/messages?limit=100`)).json()) as MessagePage;
  return page.items.filter((item) => item.text === text).length;
};

/** Answers the endpoint's POSTs with `status` while `failing`, and records each attempt's key. */
function answerWith(status: number, headers: Record<string, string> = {}) {
  const realFetch = window.fetch;
  const state = { failing: true, keys: [] as string[] };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method === 'POST' && request.url.startsWith(endpoint)) {
      state.keys.push(request.headers.get('Idempotency-Key')!);
      if (state.failing) {
        const body = JSON.stringify({ error: { code: `status_${status}`, message: 'Simulated.' } });
        return new Response(body, { status, headers: { 'Content-Type': 'application/json', ...headers } });
      }
    }
    return realFetch(request);
  };
  return { state, restore: () => (window.fetch = realFetch) };
}

/** What waits for the test endpoint (stories may leave actions for their own pretend one). */
const outboxEntries = () => outbox.entries().filter((entry) => entry.endpoint === endpoint);

beforeEach(forgetWidgetStorage);

describe('the outbox', () => {
  it('keeps only what is needed to send, before sending, and drops it once acknowledged', async () => {
    const entry = signature();
    const before = await storedStats('gustavo-gatica');
    const sent = outbox.send(entry);
    const saved = (JSON.parse(localStorage.getItem('w4r-outbox')!) as OutboxEntry[]).filter(
      (waiting) => waiting.endpoint === endpoint,
    );
    expect(saved).to.deep.equal([entry]);
    expect(Object.keys(saved[0]!).sort()).to.deep.equal(['body', 'caseId', 'endpoint', 'key', 'kind']);
    const outcome = await sent;
    expect(outcome.status).to.equal('delivered');
    expect(outboxEntries()).to.deep.equal([]);
    expect(hasSigned('gustavo-gatica')).to.equal(true);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('w4r-signed:'))).to.deep.equal([
      'w4r-signed:gustavo-gatica',
    ]);
    expect((await storedStats('gustavo-gatica')).signatures).to.equal(before.signatures + 1);
  });

  it('keeps an action through server errors, with one key on every attempt, and sends it when the page is visible again', async () => {
    const server = answerWith(503);
    try {
      const entry = signature();
      const outcome = await outbox.send(entry);
      expect(outcome.status).to.equal('queued');
      expect(outboxEntries().map((saved) => saved.key)).to.deep.equal([entry.key]);
      expect(server.state.keys.length, 'retried').to.be.greaterThan(1);
      server.state.failing = false;
      const heard: Outcome[] = [];
      const stop = outbox.onOutcome((result) => heard.push(result));
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => heard.some((result) => result.status === 'delivered'), 'sent once visible');
      stop();
      expect(outboxEntries()).to.deep.equal([]);
      expect(new Set(server.state.keys)).to.deep.equal(new Set([entry.key]));
    } finally {
      server.restore();
    }
  });

  it('keeps a rate-limited action (429) and a timed-out one (408) to send later', async () => {
    for (const status of [429, 408]) {
      const server = answerWith(status, { 'Retry-After': '0' });
      try {
        const outcome = await outbox.send(signature());
        expect(outcome.status, String(status)).to.equal('queued');
        expect(outboxEntries()).to.have.length(1);
        server.state.failing = false;
        await outbox.flush();
        expect(outboxEntries()).to.deep.equal([]);
      } finally {
        server.restore();
      }
    }
  });

  it('drops an action the endpoint refuses for good, and says why', async () => {
    const entry = signature('closed-petition');
    const outcome = await outbox.send(entry);
    expect(outcome.status).to.equal('refused');
    expect((outcome as { error: { code: string } }).error.code).to.equal('petition_closed');
    expect(outboxEntries()).to.deep.equal([]);

    const first = await outbox.send(signature());
    expect(first.status).to.equal('delivered');
    const reused = await outbox.send({ ...signature(), key: first.entry.key });
    expect(reused.status, 'same key, another body: 409').to.equal('refused');
    expect(outboxEntries()).to.deep.equal([]);
  });

  it('sends what waits when the browser comes back online, counted once however often it is sent', async () => {
    const entry = signature('popi-and-bongeka');
    const before = await storedStats('popi-and-bongeka');
    localStorage.setItem('w4r-outbox', JSON.stringify([entry]));
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => outboxEntries().length === 0, 'sent when online');
    // The same action again, as another tab or copy of the script might send it.
    localStorage.setItem('w4r-outbox', JSON.stringify([entry]));
    await outbox.flush();
    expect(outboxEntries()).to.deep.equal([]);
    expect((await storedStats('popi-and-bongeka')).signatures).to.equal(before.signatures + 1);
  });

  it('does not send again what was delivered while a flush was on its way to it', async () => {
    const first = signature();
    const entry = message();
    localStorage.setItem('w4r-outbox', JSON.stringify([first, entry]));
    const slow = holdPosts(endpoint, first.key);
    try {
      const flushing = outbox.flush();
      await waitUntil(() => slow.state.keys.includes(first.key), 'the flush is sending the first action');
      // Meanwhile the form that wrote the message sends it itself.
      expect((await outbox.send(entry)).status).to.equal('delivered');
      slow.release();
      await flushing;
      expect(
        slow.state.keys.filter((key) => key === entry.key),
        'sent once',
      ).to.have.length(1);
      expect(outboxEntries()).to.deep.equal([]);
      expect(await onTheWall(entry.body.text)).to.equal(1);
    } finally {
      slow.restore();
    }
  });

  it('sends an action once when two tabs send what waits at the same time', async () => {
    const entry = message();
    localStorage.setItem('w4r-outbox', JSON.stringify([entry]));
    const slow = holdPosts(endpoint, entry.key);
    let frame: HTMLIFrameElement | undefined;
    try {
      const flushing = outbox.flush();
      await waitUntil(() => slow.state.keys.length > 0, 'this tab is sending it');
      frame = await anotherPage(
        '',
        `${RECORD_POSTS}<script type="module">
          import { outbox } from '/src/core/data/default-outbox.ts';
          window.flushOutbox = () => outbox.flush();
        </script>`,
      );
      const other = frame.contentWindow as Window & { flushOutbox(): Promise<void>; w4rPosted: string[] };
      await other.flushOutbox();
      slow.release();
      await flushing;
      expect([...slow.state.keys, ...other.w4rPosted], 'one attempt between the two tabs').to.deep.equal([
        entry.key,
      ]);
      expect(outboxEntries()).to.deep.equal([]);
      expect(await onTheWall(entry.body.text)).to.equal(1);
    } finally {
      slow.restore();
      frame?.remove();
    }
  });
});
