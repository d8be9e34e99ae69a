/** Live streams: a first stats event, coalesced bursts, and listeners gone when the client leaves. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/endpoint/app.js';
import { PublicCounts } from '../../src/endpoint/public-count.js';
import { buildCampaign } from '../../src/endpoint/config.js';
import { LiveHub } from '../../src/endpoint/live.js';
import { openStorage } from '../../src/endpoint/storage/index.js';

const campaign = buildCampaign(JSON.parse(readFileSync('test/fixtures/campaign.json', 'utf8')));

async function readFor(body: ReadableStream<Uint8Array>, ms: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const stop = setTimeout(() => void reader.cancel(), ms);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  clearTimeout(stop);
  return text;
}

describe('live streams', () => {
  it('start with stats, coalesce a burst of changes, and let go of clients that leave', async () => {
    const live = new LiveHub({ heartbeatMs: 60_000, statsIntervalMs: 100 });
    const storage = await openStorage(':memory:');
    const countKey = new Uint8Array(32).fill(7);
    const app = createApp({ config: campaign, storage, live, countKey });
    const controllers = Array.from({ length: 20 }, () => new AbortController());
    // Kept alive here: a Request follows its init signal only while something holds the Request.
    const requests = controllers.map(
      (c) => new Request('http://localhost/v1/cases/open-wall/events', { signal: c.signal }),
    );
    const responses = await Promise.all(requests.map((request) => app.request(request)));
    assert.equal(responses[0]!.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(live.size, 20);

    const reading = readFor(responses[0]!.body!, 400);
    const sign = (i: number) =>
      app.request('/v1/cases/open-wall/signatures', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          firstName: 'A',
          lastName: 'B',
          email: `u${i}@x.org`,
          country: 'ZA',
          consent: true,
        }),
      });
    await Promise.all(Array.from({ length: 30 }, (_, i) => sign(i)));
    const text = await reading;
    const stats = text.split('\n').filter((line) => line === 'event: stats');
    assert.ok(stats.length >= 2 && stats.length <= 3, `stats events: ${stats.length}`);
    // The last event carries the public count of all 30, in coarse steps.
    const published = new PublicCounts(countKey).signatures('open-wall', 30);
    assert.match(text, new RegExp(`"signatures":${published}[,}]`));

    for (const c of controllers) c.abort();
    assert.equal(requests.length, 20);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(live.size, 0);
    live.close();
    await storage.close();
  });
});

describe('live streams over HTTP', () => {
  it('open nothing for HEAD, and free the slot and the listener of every response that ends', async () => {
    const live = new LiveHub({ heartbeatMs: 60_000, maxStreamsPerClient: 2 });
    const storage = await openStorage(':memory:');
    const token = 'unit-live-admin-token-0123';
    const app = createApp({ config: campaign, storage, live, adminToken: token });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = { authorization: `Bearer ${token}` };
    try {
      for (let i = 0; i < 120; i++) {
        const [caseHead, adminHead] = await Promise.all([
          fetch(`${base}/v1/cases/open-wall/events`, { method: 'HEAD' }),
          fetch(`${base}/v1/admin/events`, { method: 'HEAD', headers: admin }),
        ]);
        assert.equal(caseHead.status, 200);
        assert.match(caseHead.headers.get('content-type') ?? '', /^text\/event-stream/);
        assert.equal(adminHead.status, 200);
      }
      assert.equal(live.size, 0, 'no listener is left by a HEAD');

      const leaving = new AbortController();
      const stream = await fetch(`${base}/v1/cases/open-wall/events`, { signal: leaving.signal });
      assert.equal(stream.status, 200, 'the address still has its streams');
      const reader = stream.body!.getReader();
      assert.match(new TextDecoder().decode((await reader.read()).value), /event: stats/);
      assert.equal(live.size, 1);
      leaving.abort();
      for (let tries = 0; live.size > 0 && tries < 200; tries++) await sleep(10);
      assert.equal(live.size, 0, 'a client that leaves takes its listener with it');
      const [a, b] = await Promise.all([
        fetch(`${base}/v1/cases/open-wall/events`),
        fetch(`${base}/v1/cases/open-wall/events`),
      ]);
      assert.deepEqual([a.status, b.status], [200, 200], 'and its slot');
      await Promise.all([a.body!.cancel(), b.body!.cancel()]);
    } finally {
      live.close();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await storage.close();
    }
  });
});
