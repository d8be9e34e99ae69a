/** Staff routes: bearer auth, moderation, the delivery export and erasure. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { messagePage } from '../../src/schema/index.js';
import { ADMIN_TOKEN, startServer, type TestServer } from './support/server.js';
import { Api, csvRecords, errorCode, signer, type Answer } from './support/http.js';
import { PNG, jpegWithApp0, multipart } from './support/files.js';

let server: TestServer;
let api: Api;

interface AdminMessage {
  id: string;
  caseId: string;
  status: string;
  text: string;
  heldFor?: string[];
}

before(async () => {
  server = await startServer();
  api = new Api(server.url);
});
after(() => server.cleanup());

async function postMessage(caseId: string, text: string): Promise<string> {
  const answer = await api.post(`/v1/cases/${caseId}/messages`, { name: 'Ama', country: 'GH', text });
  assert.equal(answer.status, 201, answer.text);
  return (answer.json as { id: string }).id;
}

async function adminList(
  query: string,
): Promise<{ items: AdminMessage[]; nextCursor: string | null; total: number }> {
  const answer = await api.admin(`/v1/admin/messages?${query}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.json as { items: AdminMessage[]; nextCursor: string | null; total: number };
}

describe('admin auth', () => {
  const routes: [string, string][] = [
    ['GET', '/v1/admin/messages?status=pending'],
    ['POST', '/v1/admin/messages/some-id/approve'],
    ['POST', '/v1/admin/messages/some-id/reject'],
    ['GET', '/v1/admin/photos?status=pending'],
    ['GET', '/v1/admin/photos/PHOTO'],
    ['POST', '/v1/admin/photos/PHOTO/approve'],
    ['POST', '/v1/admin/photos/PHOTO/reject'],
    ['GET', '/v1/admin/cases/popi-and-bongeka/signatures.csv'],
    ['GET', '/v1/admin/cases/popi-and-bongeka/signatures.csv?emails=1'],
    ['DELETE', '/v1/admin/supporters/someone%40example.org'],
    ['GET', '/v1/admin/events'],
  ];
  const credentials: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token-wrong-token-00' }],
    ['the token with one character more', { authorization: `Bearer ${ADMIN_TOKEN}x` }],
    ['the token less its last character', { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
    ['the token without the Bearer scheme', { authorization: ADMIN_TOKEN }],
    [
      'the token as Basic credentials',
      { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
    ],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['the token in a query parameter', {}],
  ];
  let photoId = '';

  before(async () => {
    const { body, contentType } = await multipart('photo', PNG, 'image/png');
    const answer = await api.send('/v1/cases/popi-and-bongeka/photos', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    photoId = (answer.json as { id: string }).id;
  });

  it('answers 401 unauthorized with one and the same message whatever is wrong, on every admin route', async () => {
    const messages = new Set<string>();
    const failures: string[] = [];
    for (const [method, route] of routes) {
      for (const [label, headers] of credentials) {
        let path = route.replace('PHOTO', photoId);
        if (label === 'the token in a query parameter')
          path += `${path.includes('?') ? '&' : '?'}token=${ADMIN_TOKEN}`;
        const answer: Answer = await api.send(path, { method, headers });
        if (answer.status !== 401 || errorCode(answer) !== 'unauthorized') {
          failures.push(`${method} ${route} with ${label}: ${answer.status} ${answer.text.slice(0, 80)}`);
          continue;
        }
        messages.add((answer.json as { error: { message: string } }).error.message);
        assert.ok(
          answer.headers['www-authenticate']?.startsWith('Bearer'),
          'WWW-Authenticate names the scheme',
        );
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(messages.size, 1, `one message: ${[...messages].join(' | ')}`);
  });

  it('lets the right token in, whatever the case of the scheme name', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const answer = await api.send('/v1/admin/messages?status=pending', {
        headers: { authorization: `${scheme} ${ADMIN_TOKEN}` },
      });
      assert.equal(answer.status, 200, scheme);
    }
  });
});

describe('moderation', () => {
  it('lists pending messages with their case, status and why they were held, filtered by case', async () => {
    const id = await postMessage('gustavo-gatica', 'Justicia para Gustavo.');
    const held = await postMessage('open-wall', 'A blockedword in here');
    const all = await adminList('status=pending');
    const mine = all.items.find((item) => item.id === id);
    assert.ok(mine);
    assert.equal(mine.caseId, 'gustavo-gatica');
    assert.equal(mine.status, 'pending');
    assert.equal(mine.text, 'Justicia para Gustavo.');
    const blocked = all.items.find((item) => item.id === held);
    assert.ok(blocked?.heldFor && blocked.heldFor.length > 0, 'a held message says why');
    const filtered = await adminList('status=pending&case=gustavo-gatica');
    assert.ok(filtered.items.length > 0);
    assert.ok(filtered.items.every((item) => item.caseId === 'gustavo-gatica'));
    assert.ok(!filtered.items.some((item) => item.id === held));
  });

  it('approves: the message goes on the wall and counts; rejects: it leaves the wall and the count', async () => {
    const before = await api.stats('melike-and-ozgur');
    const id = await postMessage('melike-and-ozgur', 'Dayanışmayla.');
    const approved = await api.admin(`/v1/admin/messages/${id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200, approved.text);
    assert.deepEqual(approved.json, { id, status: 'approved' });
    const wall = messagePage.parse((await api.get('/v1/cases/melike-and-ozgur/messages')).json);
    assert.equal(wall.items[0]?.id, id);
    assert.equal((await api.stats('melike-and-ozgur')).messages, before.messages + 1);
    assert.ok((await adminList('status=approved')).items.some((item) => item.id === id));
    assert.ok(!(await adminList('status=pending')).items.some((item) => item.id === id));

    const rejected = await api.admin(`/v1/admin/messages/${id}/reject`, { method: 'POST' });
    assert.deepEqual(rejected.json, { id, status: 'rejected' });
    const after = messagePage.parse((await api.get('/v1/cases/melike-and-ozgur/messages')).json);
    assert.ok(!after.items.some((item) => item.id === id));
    assert.equal((await api.stats('melike-and-ozgur')).messages, before.messages);
    assert.ok((await adminList('status=rejected')).items.some((item) => item.id === id));
  });

  it('counts a message approved twice once', async () => {
    const before = await api.stats('melike-and-ozgur');
    const id = await postMessage('melike-and-ozgur', 'Twice approved.');
    for (let round = 0; round < 2; round++) {
      assert.equal((await api.admin(`/v1/admin/messages/${id}/approve`, { method: 'POST' })).status, 200);
    }
    assert.equal((await api.stats('melike-and-ozgur')).messages, before.messages + 1);
  });

  it('answers an unknown message with 404 and a bad status filter with 400', async () => {
    const missing = await api.admin('/v1/admin/messages/no-such-message/approve', { method: 'POST' });
    assert.equal(missing.status, 404);
    assert.equal(errorCode(missing), 'not_found');
    const bad = await api.admin('/v1/admin/messages?status=everything');
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad), 'validation_failed');
  });

  it('approves and rejects photos', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 2; index++) {
      const { body, contentType } = await multipart('photo', PNG, 'image/png');
      const answer = await api.send('/v1/cases/nassima-al-sada/photos', {
        method: 'POST',
        body,
        headers: { 'content-type': contentType },
      });
      ids.push((answer.json as { id: string }).id);
    }
    const [keep, drop] = ids as [string, string];
    assert.deepEqual((await api.admin(`/v1/admin/photos/${keep}/approve`, { method: 'POST' })).json, {
      id: keep,
      status: 'approved',
    });
    assert.deepEqual((await api.admin(`/v1/admin/photos/${drop}/reject`, { method: 'POST' })).json, {
      id: drop,
      status: 'rejected',
    });
    const pending = (await api.admin('/v1/admin/photos?status=pending')).json as { items: { id: string }[] };
    assert.ok(!pending.items.some((item) => ids.includes(item.id)));
    const approved = (await api.admin('/v1/admin/photos?status=approved')).json as {
      items: { id: string }[];
    };
    assert.ok(approved.items.some((item) => item.id === keep));
    const missing = await api.admin('/v1/admin/photos/no-such-photo');
    assert.equal(missing.status, 404);

    // Its file is deleted: approving it again would list a photo that is not there.
    const again = await api.admin(`/v1/admin/photos/${drop}/approve`, { method: 'POST' });
    assert.equal(again.status, 409, again.text);
    assert.equal(errorCode(again), 'already_rejected');
    const afterwards = (await api.admin('/v1/admin/photos?status=approved')).json as {
      items: { id: string }[];
    };
    assert.ok(!afterwards.items.some((item) => item.id === drop), 'not listed as approved');
    const rejected = (await api.admin('/v1/admin/photos?status=rejected')).json as {
      items: { id: string }[];
    };
    assert.ok(
      rejected.items.some((item) => item.id === drop),
      'still rejected',
    );
    assert.equal(
      (await api.admin(`/v1/admin/photos/${drop}/reject`, { method: 'POST' })).status,
      200,
      'rejecting it again changes nothing',
    );
  });
});

describe('photo metadata over HTTP', () => {
  it('stores a JPEG without its JFXX thumbnail or the JFIF one, which can show the uncropped original', async () => {
    const thumbnail = Buffer.alloc(12, 0x7e);
    const file = jpegWithApp0([
      Buffer.concat([Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\x02\x02', 'latin1'), thumbnail]),
      Buffer.concat([Buffer.from('JFXX\0\x13', 'latin1'), thumbnail]),
    ]);
    const { body, contentType } = await multipart('photo', file, 'image/jpeg', 'photo.jpg');
    const answer = await api.send('/v1/cases/nassima-al-sada/photos', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    assert.equal(answer.status, 201, answer.text);
    const stored = await api.admin(`/v1/admin/photos/${(answer.json as { id: string }).id}`);
    assert.equal(stored.status, 200);
    assert.ok(stored.body.includes('JFIF'), 'the JFIF header stays');
    assert.ok(!stored.body.includes('JFXX'), 'JFXX goes');
    assert.ok(!stored.body.includes(thumbnail), 'no thumbnail stays');
  });
});

describe('delivery export', () => {
  it('lists name, country and date, and no email unless asked for', async () => {
    const person = signer({ country: 'CL' });
    assert.equal((await api.sign('gustavo-gatica', person)).status, 201);
    const answer = await api.admin('/v1/admin/cases/gustavo-gatica/signatures.csv');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^text\/csv/);
    assert.equal(answer.text.includes(person.email), false, 'no email without ?emails=1');
    assert.equal(answer.text.includes('@'), false);
    const records = csvRecords(answer.text);
    const row = records.find((record) => record.name === `${person.firstName} ${person.lastName}`);
    assert.ok(row, 'the signer is listed by name');
    assert.equal(row.country, 'CL');
    assert.ok(!Number.isNaN(Date.parse(row.date ?? '')), 'a real date');
    assert.equal('email' in row, false);

    const withEmails = csvRecords(await api.csv('gustavo-gatica', true));
    assert.equal(withEmails.find((record) => record.name?.endsWith(person.lastName))?.email, person.email);
  });

  it('starts with a UTF-8 byte order mark, so spreadsheet programs show "Özgür" right', async () => {
    const person = signer({ firstName: 'Özgür', country: 'TR' });
    assert.equal((await api.sign('melike-and-ozgur', person)).status, 201);
    const answer = await api.admin('/v1/admin/cases/melike-and-ozgur/signatures.csv');
    assert.deepEqual([...answer.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(String(answer.headers['content-type']), /charset=utf-8/);
    assert.equal(answer.text.indexOf('\uFEFF'), 0, 'once, at the start');
    assert.equal(answer.text.lastIndexOf('\uFEFF'), 0);
    const records = csvRecords(answer.text);
    assert.ok(records.some((record) => record.name === `Özgür ${person.lastName}`));
  });

  it('escapes names that a spreadsheet would run as formulas', async () => {
    const hostile = ['=HYPERLINK("https://evil.example","Click")', '+SUM(1,2)', '-2+3', '@cmd', '=1+1'];
    const people = hostile.map((firstName) => signer({ firstName, source: '-partner' }));
    for (const person of people) assert.equal((await api.sign('nassima-al-sada', person)).status, 201);
    const text = await api.csv('nassima-al-sada', true);
    const records = csvRecords(text);
    for (const person of people) {
      const row = records.find((record) => record.name?.includes(person.lastName));
      assert.ok(row, person.firstName);
      for (const [column, value] of Object.entries(row)) {
        assert.doesNotMatch(value, /^[=+\-@\t\r]/, `${column} "${value}" would run as a formula`);
      }
      assert.ok(row.name?.includes(person.firstName), 'the name is kept, only made inert');
    }
  });

  // A name is one line (a line break in it is refused, see bad-input), so no field holds one.
  it('keeps commas and quotes inside one field', async () => {
    const person = signer({ firstName: 'Anne, "Nan" Marie' });
    assert.equal((await api.sign('nassima-al-sada', person)).status, 201);
    const records = csvRecords(await api.csv('nassima-al-sada'));
    assert.ok(records.some((record) => record.name === `Anne, "Nan" Marie ${person.lastName}`));
    assert.ok(records.every((record) => Object.keys(record).length === Object.keys(records[0]!).length));
  });

  it('answers an unknown case with 404 case_not_found', async () => {
    const answer = await api.admin('/v1/admin/cases/no-such-case/signatures.csv');
    assert.equal(answer.status, 404);
    assert.equal(errorCode(answer), 'case_not_found');
  });
});

describe('erasure', () => {
  it('removes a person from every case, adjusts the counts, and leaves everyone else', async () => {
    const person = signer();
    const neighbour = signer();
    for (const caseId of ['erasure-a', 'erasure-b']) {
      assert.equal((await api.sign(caseId, person)).status, 201);
      assert.equal((await api.sign(caseId, neighbour)).status, 201);
    }
    const beforeA = await api.stats('erasure-a');
    const beforeB = await api.stats('erasure-b');

    const answer = await api.admin(
      `/v1/admin/supporters/${encodeURIComponent(` ${person.email.toUpperCase()} `)}`,
      {
        method: 'DELETE',
      },
    );
    assert.equal(answer.status, 200, answer.text);
    const { erased } = answer.json as { erased: { signatures: number } };
    assert.equal(erased.signatures, 2);

    assert.equal((await api.stats('erasure-a')).signatures, beforeA.signatures - 1);
    assert.equal((await api.stats('erasure-b')).signatures, beforeB.signatures - 1);
    for (const caseId of ['erasure-a', 'erasure-b']) {
      const text = await api.csv(caseId, true);
      assert.equal(
        text.toLowerCase().includes(person.email.toLowerCase()),
        false,
        `${caseId} still has the email`,
      );
      assert.equal(text.includes(person.lastName), false, `${caseId} still has the name`);
      assert.ok(text.includes(neighbour.email), 'the neighbour stays');
    }
  });

  it('leaves nothing of the person readable in the database files, their idempotency keys included', async () => {
    const person = signer();
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    // Neighbours enough to fill many pages, signed around the person.
    const neighbours = (count: number) =>
      Promise.all(Array.from({ length: count }, () => api.sign('erasure-a', signer())));
    await neighbours(150);
    assert.equal((await api.sign('erasure-a', person, { 'idempotency-key': keys[0]! })).status, 201);
    assert.equal((await api.sign('erasure-b', person, { 'idempotency-key': keys[1]! })).status, 201);
    assert.equal((await api.sign('erasure-a', person, { 'idempotency-key': keys[2]! })).status, 201);
    await neighbours(150);
    const files = ['', '-wal', '-shm'].map((suffix) => `${server.dbPath}${suffix}`).filter(existsSync);
    const traces = (needle: string) =>
      files.filter((file) => readFileSync(file).includes(Buffer.from(needle, 'utf8')));
    assert.ok(traces(person.email).length > 0, 'the email is in the files before the erasure');

    const answer = await api.admin(`/v1/admin/supporters/${encodeURIComponent(person.email)}`, {
      method: 'DELETE',
    });
    assert.equal(answer.status, 200, answer.text);
    for (const needle of [person.email, person.lastName, ...keys]) {
      assert.deepEqual(traces(needle), [], `"${needle}" is still in the database files`);
    }
  });

  it('forgets the person completely: they can sign again and are counted', async () => {
    const person = signer();
    assert.equal((await api.sign('erasure-a', person)).status, 201);
    await api.admin(`/v1/admin/supporters/${encodeURIComponent(person.email)}`, { method: 'DELETE' });
    const again = await api.sign('erasure-a', person);
    assert.equal(again.status, 201);
    assert.equal((again.json as { status: string }).status, 'counted');
  });

  it('answers an unknown person with nothing erased, and a non-email with 400', async () => {
    const answer = await api.admin('/v1/admin/supporters/nobody%40example.org', { method: 'DELETE' });
    assert.equal(answer.status, 200, answer.text);
    assert.equal((answer.json as { erased: { signatures: number } }).erased.signatures, 0);
    const bad = await api.admin('/v1/admin/supporters/not-an-email', { method: 'DELETE' });
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad), 'validation_failed');
  });
});
