/**
 * Clients that send too much or too slowly: an upload over the limit is refused by its Content-Length
 * before its body is read, and a chunked one as soon as it passes the limit; a client that trickles its
 * headers or its body (slow loris) is cut off. The endpoint runs with short timeouts here so the test
 * stays quick; by default they are 10 s for the headers and 30 s for the whole request.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Api } from './support/http.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let api: Api;
before(async () => {
  server = await startServer({ env: { W4R_HEADERS_TIMEOUT_MS: '400', W4R_REQUEST_TIMEOUT_MS: '800' } });
  api = new Api(server.url);
});
after(() => server.cleanup());

const PHOTOS = '/v1/cases/melike-and-ozgur/photos';
const BOUNDARY = 'w4r-boundary';

/** A raw connection to the endpoint: everything it answers, and whether it has closed. */
async function open(): Promise<{ socket: Socket; answer: () => string; closed: Promise<void> }> {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((done) => socket.once('connect', done));
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((done) => socket.once('close', () => done()));
  return { socket, answer: () => text, closed };
}

/** Resolves once `test` holds for what the server sent, or rejects when the connection closes first. */
function until(connection: Awaited<ReturnType<typeof open>>, test: (text: string) => boolean) {
  return new Promise<void>((done, fail) => {
    const check = () => {
      if (test(connection.answer())) {
        connection.socket.off('data', check);
        done();
      }
    };
    connection.socket.on('data', check);
    void connection.closed.then(() => (test(connection.answer()) ? done() : fail(new Error('closed'))));
    check();
  });
}

const jsonOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as unknown;
const pendingPhotos = async () =>
  ((await api.admin('/v1/admin/photos?status=pending')).json as { total: number }).total;

describe('an upload over the limit', { timeout: 30_000 }, () => {
  it('is refused by its Content-Length with 413 before its body is sent', async () => {
    const before = await pendingPhotos();
    const connection = await open();
    connection.socket.write(
      `POST ${PHOTOS} HTTP/1.1\r\nHost: localhost\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n` +
        `--${BOUNDARY}\r\n`,
    );
    // Nothing more is sent: an endpoint that read the body before answering would never answer.
    await until(connection, (text) => text.includes('\r\n\r\n{') && text.endsWith('}'));
    assert.match(connection.answer(), /^HTTP\/1\.1 413 /);
    assert.match(connection.answer(), /content-type: application\/json/i);
    assert.deepEqual(jsonOf(connection.answer()), {
      error: { code: 'payload_too_large', message: 'The request body is larger than 5184 KB.' },
    });
    connection.socket.destroy();
    assert.equal(await pendingPhotos(), before, 'nothing stored');
  });

  it('is refused with 413 as soon as a chunked body passes the limit, before it ends', async () => {
    const before = await pendingPhotos();
    const connection = await open();
    connection.socket.write(
      `POST ${PHOTOS} HTTP/1.1\r\nHost: localhost\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    let sent = 0;
    const answered = until(connection, (text) => text.includes('\r\n\r\n'));
    let stop = false;
    void answered.then(() => (stop = true));
    // Up to 8 MB, never the final chunk: the answer has to come while the body is still open.
    while (!stop && sent < 8 * 1024 * 1024) {
      connection.socket.write(`${chunk.byteLength.toString(16)}\r\n`);
      connection.socket.write(chunk);
      connection.socket.write('\r\n');
      sent += chunk.byteLength;
      await new Promise((done) => setImmediate(done));
    }
    await answered;
    assert.match(connection.answer(), /^HTTP\/1\.1 413 /);
    connection.socket.destroy();
    assert.equal(await pendingPhotos(), before, 'nothing stored');
  });

  it('is refused for a JSON route by its Content-Length too', async () => {
    const before = await api.stats('melike-and-ozgur');
    const connection = await open();
    connection.socket.write(
      'POST /v1/cases/melike-and-ozgur/signatures HTTP/1.1\r\nHost: localhost\r\n' +
        'Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"firstName":',
    );
    await until(connection, (text) => text.includes('\r\n\r\n{') && text.endsWith('}'));
    assert.match(connection.answer(), /^HTTP\/1\.1 413 /);
    connection.socket.destroy();
    assert.deepEqual(await api.stats('melike-and-ozgur'), before);
  });
});

describe('a slow client', { timeout: 60_000 }, () => {
  /** Sends `piece` every 50 ms until the server closes the connection, at most `most` times. */
  async function trickle(connection: Awaited<ReturnType<typeof open>>, piece: string, most: number) {
    let closed = false;
    void connection.closed.then(() => (closed = true));
    let sent = 0;
    while (!closed && sent < most) {
      connection.socket.write(piece);
      sent++;
      await new Promise((done) => setTimeout(done, 50));
    }
    return { closed, sent };
  }

  it('that trickles its headers is cut off before it finishes them (slow loris)', async () => {
    const connection = await open();
    connection.socket.write('GET /v1/cases HTTP/1.1\r\nHost: localhost\r\n');
    // 400 headers 50 ms apart would take 20 s: far past the limit, never finished.
    const { closed, sent } = await trickle(connection, 'X-Slow: a\r\n', 400);
    assert.ok(closed, 'the endpoint closed the connection');
    assert.ok(sent < 400, `cut off after ${sent} headers`);
    assert.doesNotMatch(connection.answer(), /^HTTP\/1\.1 200/, 'never served');
  });

  it('that trickles its body is cut off before it finishes it, and nothing is stored', async () => {
    const before = await api.stats('melike-and-ozgur');
    const connection = await open();
    const body = JSON.stringify({
      firstName: 'Slow',
      lastName: 'Loris',
      email: 'slow-loris@example.org',
      country: 'ZA',
      consent: true,
    });
    connection.socket.write(
      'POST /v1/cases/melike-and-ozgur/signatures HTTP/1.1\r\nHost: localhost\r\n' +
        `Content-Type: application/json\r\nContent-Length: ${body.length + 400}\r\n\r\n${body}`,
    );
    // The 400 bytes still owed, one per 50 ms.
    const { closed, sent } = await trickle(connection, ' ', 400);
    assert.ok(closed, 'the endpoint closed the connection');
    assert.ok(sent < 400, `cut off after ${sent} bytes`);
    assert.deepEqual(await api.stats('melike-and-ozgur'), before, 'nothing stored');
    assert.equal((await api.get('/healthz')).status, 200);
  });
});
