/**
 * How the endpoint serves the widgets' files and its answers: compressed for clients that accept it,
 * cached where that is safe, and never a file outside dist/. Reads the built dist/ (`npm run build`).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, type TestServer } from './support/server.js';
import { EventStream, request } from './support/http.js';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(() => server.cleanup());

const get = (path: string, headers: Record<string, string> = {}) => request(server.url, path, { headers });
const chunk = readdirSync('dist/chunks').find((name) => /^case-card-.*\.js$/.test(name))!;
const localeFile = readdirSync('dist/locales').find((name) => /^fr-.*\.js$/.test(name))!;

describe('serving the widgets', () => {
  for (const path of ['/w4r.js', '/w4r.all.js', '/w4r.css', `/chunks/${chunk}`, `/locales/${localeFile}`]) {
    it(`sends ${path} brotli, gzip or plain, as the client asks, with Vary`, async () => {
      const plain = readFileSync(`dist${path}`);
      const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.status, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.vary, 'Accept-Encoding');
      assert.ok(br.body.length < plain.length * 0.6, `${br.body.length} of ${plain.length} bytes`);
      assert.deepEqual(brotliDecompressSync(br.body), plain);

      const gzip = await get(path, { 'accept-encoding': 'gzip;q=1, br;q=0' });
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.deepEqual(gunzipSync(gzip.body), plain);

      for (const refused of [undefined, 'identity', 'compress, x-unknown', 'br;q=0, gzip;q=0']) {
        const answer = await get(path, refused ? { 'accept-encoding': refused } : {});
        assert.equal(answer.headers['content-encoding'], undefined, `Accept-Encoding: ${refused}`);
        assert.equal(answer.headers.vary, 'Accept-Encoding');
        assert.deepEqual(answer.body, plain);
      }
    });
  }

  it('gives /w4r.js a short max-age and a strong ETag per coding, and answers 304 to a page that has it', async () => {
    const br = await get('/w4r.js', { 'accept-encoding': 'br' });
    const plain = await get('/w4r.js');
    assert.equal(br.headers['cache-control'], 'public, max-age=300');
    const etag = String(br.headers.etag);
    assert.match(etag, /^"[\w-]+"$/, 'a strong ETag');
    assert.notEqual(etag, plain.headers.etag, 'each coding its own ETag');

    const again = await get('/w4r.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, etag);
    assert.equal(again.headers['cache-control'], 'public, max-age=300');
    const listed = await get('/w4r.js', { 'if-none-match': `"old", ${String(plain.headers.etag)}` });
    assert.equal(listed.status, 304);
    const stale = await get('/w4r.js', { 'accept-encoding': 'br', 'if-none-match': '"an-older-release"' });
    assert.equal(stale.status, 200);
    assert.equal(stale.headers['content-encoding'], 'br');
  });

  it('caches hashed chunks and language files for a year, immutable, for any page', async () => {
    for (const path of [`/chunks/${chunk}`, `/locales/${localeFile}`]) {
      const answer = await get(path, { 'accept-encoding': 'br' });
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(answer.headers['access-control-allow-origin'], '*');
      assert.equal(answer.headers['content-type'], 'text/javascript; charset=utf-8');
    }
  });

  it('answers an unknown or stale chunk name with 404 and no body', async () => {
    for (const path of ['/chunks/case-card-00000000.js', '/chunks/release.json', '/locales/fr.js']) {
      const answer = await get(path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.length, 0, path);
    }
  });

  it('never reads outside dist/ or the demo, whatever the path spells', async () => {
    const secrets = [
      readFileSync('package.json', 'utf8').slice(0, 40),
      readFileSync('tsconfig.json', 'utf8').slice(0, 40),
    ];
    for (const path of [
      '/chunks/..%2f..%2fpackage.json',
      '/chunks/%2e%2e%2f%2e%2e%2fpackage.json',
      '/locales/..%5c..%5cpackage.json',
      '/chunks/case-card.js%00.map',
      '/..%2fpackage.json',
      '/%2e%2e/tsconfig.json',
      '/..%5ctsconfig.json',
      '/demo.js%00',
      '/chunks/../../package.json',
    ]) {
      const answer = await get(path);
      assert.ok([400, 404].includes(answer.status), `${path}: ${answer.status}`);
      for (const secret of secrets) assert.ok(!answer.text.includes(secret), path);
    }
  });

  it('compresses the demo and moderation pages', async () => {
    for (const path of ['/', '/moderation.html']) {
      const answer = await get(path, { 'accept-encoding': 'br' });
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers['content-encoding'], 'br', path);
      assert.match(brotliDecompressSync(answer.body).toString(), /^<!doctype html>/i);
    }
  });
});

describe('compressing answers', () => {
  it('compresses a large JSON answer for a client that accepts it, and sends it plain to one that does not', async () => {
    const plain = await get('/v1/cases');
    const br = await get('/v1/cases', { 'accept-encoding': 'br, gzip' });
    const gzip = await get('/v1/cases', { 'accept-encoding': 'gzip' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.ok(br.body.length < plain.body.length / 2, `${br.body.length} of ${plain.body.length} bytes`);
    assert.deepEqual(JSON.parse(brotliDecompressSync(br.body).toString()), plain.json);
    assert.deepEqual(JSON.parse(gunzipSync(gzip.body).toString()), plain.json);
    for (const answer of [plain, br, gzip]) assert.match(String(answer.headers.vary), /Accept-Encoding/);
  });

  it('leaves a small JSON answer plain, where compressing it would save nothing', async () => {
    const answer = await get('/v1/cases/gustavo-gatica/stats', { 'accept-encoding': 'br, gzip' });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-encoding'], undefined);
    assert.match(String(answer.headers.vary), /Accept-Encoding/);
    assert.equal(typeof (answer.json as { signatures: number }).signatures, 'number');
  });

  it('never holds a live stream back to compress it: its first event arrives while it stays open', async () => {
    // fetch sends Accept-Encoding: gzip, deflate, br.
    const stream = await EventStream.open(`${server.url}/v1/cases/gustavo-gatica/events`);
    try {
      assert.equal(stream.status, 200);
      assert.match(stream.contentType, /^text\/event-stream/);
      await new Promise<void>((done) => {
        const check = () => (stream.comments.length > 0 ? done() : setTimeout(check, 20));
        check();
      });
      assert.ok(stream.comments.includes('connected'));
    } finally {
      stream.close();
    }
  });
});
