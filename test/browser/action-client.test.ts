import { expect } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import { actionClientFor } from '../../src/core/data/action-client.js';

/** Records every request to the endpoint: its method and its `Idempotency-Key`, if any. */
function recordRequests() {
  const realFetch = window.fetch;
  const seen: { method: string; key: string | null }[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.url.startsWith(endpoint))
      seen.push({ method: request.method, key: request.headers.get('Idempotency-Key') });
    return realFetch(request);
  };
  return { seen, restore: () => (window.fetch = realFetch) };
}

describe('the action client', () => {
  it('sends an Idempotency-Key with writes only: a read with one would cost a CORS preflight', async () => {
    const requests = recordRequests();
    try {
      const client = actionClientFor(endpoint);
      await client.getCase('gustavo-gatica', { locale: 'es' });
      await client.getStats('gustavo-gatica');
      await client.getMessages('open-wall');
      await client.getCampaign();
      await client.postMessage('open-wall', { name: 'Client', text: `Keyed ${crypto.randomUUID()}` });
    } finally {
      requests.restore();
    }
    const reads = requests.seen.filter((request) => request.method === 'GET');
    expect(reads).to.have.length(4);
    expect(reads.map((read) => read.key)).to.deep.equal([null, null, null, null]);
    const [write] = requests.seen.filter((request) => request.method === 'POST');
    expect(write!.key).to.be.a('string').and.not.equal('');
  });

  it('reads and writes on a page without crypto.randomUUID, as on plain http', async () => {
    // Pages that are not secure contexts (http://192.0.2.2:8787) have no randomUUID.
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    const requests = recordRequests();
    try {
      const client = actionClientFor(endpoint);
      expect((await client.getCase('gustavo-gatica')).id).to.equal('gustavo-gatica');
      const receipt = await client.postMessage('open-wall', { name: 'Plain', text: `On http ${Date.now()}` });
      expect(receipt.status).to.equal('approved');
    } finally {
      requests.restore();
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID, 'the browser’s own is back').to.equal('function');
    const [write] = requests.seen.filter((request) => request.method === 'POST');
    expect(write!.key, '128 random bits in hex').to.match(/^[0-9a-f]{32}$/);
  });
});
