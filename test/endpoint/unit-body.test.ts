/** A client that goes away in the middle of its body: its doing, so the endpoint lets it go quietly. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from '../../src/endpoint/app.js';
import { buildCampaign } from '../../src/endpoint/config.js';
import { openStorage, type Storage } from '../../src/endpoint/storage/index.js';
import { Api, signer } from './support/http.js';
import { ADMIN_TOKEN } from './support/server.js';

const campaign = buildCampaign(JSON.parse(readFileSync('test/endpoint/fixtures/campaign.json', 'utf8')));
let storage: Storage;
let server: ReturnType<typeof createAdaptorServer>;
let base = '';
/** Called as the next request's handling starts, and as it ends. */
const started: (() => void)[] = [];
const handled: (() => void)[] = [];
const logged: unknown[][] = [];
const consoleError = console.error;

before(async () => {
  storage = await openStorage(':memory:');
  const app = createApp({ config: campaign, storage, adminToken: ADMIN_TOKEN });
  server = createAdaptorServer({
    fetch: async (request: Request, env: unknown) => {
      started.shift()?.();
      try {
        return await app.fetch(request, env as object);
      } finally {
        handled.shift()?.();
      }
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  console.error = (...args: unknown[]) => void logged.push(args);
});
after(async () => {
  console.error = consoleError;
  await new Promise((done) => server.close(done));
  await storage.close();
});

describe('a request cut off mid-body', () => {
  it('is not logged as an error, stores nothing, and the next request is served', async () => {
    const before = await new Api(base).stats('popi-and-bongeka');
    const arrived = new Promise<void>((resolve) => started.push(resolve));
    const done = new Promise<void>((resolve) => handled.push(resolve));
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const body = JSON.stringify(signer());
    socket.write(
      'POST /v1/cases/popi-and-bongeka/signatures HTTP/1.1\r\nHost: localhost\r\n' +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
    );
    // Once the server is handling the request, the client goes away.
    await arrived;
    socket.destroy();
    await done;

    assert.deepEqual(logged, [], 'nothing logged');
    const api = new Api(base);
    assert.deepEqual(await api.stats('popi-and-bongeka'), before);
    assert.equal((await api.sign('popi-and-bongeka', signer())).status, 201);
  });
});
