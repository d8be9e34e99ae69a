/** Live streams: a first stats event, coalesced bursts, and listeners gone when the client leaves. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createApp } from '../../src/endpoint/app.js';
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
    const app = createApp({ config: campaign, storage, live });
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
    assert.match(text, /"signatures":30/);

    for (const c of controllers) c.abort();
    assert.equal(requests.length, 20);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(live.size, 0);
    live.close();
    await storage.close();
  });
});
