/**
 * Personal data does not outlive its purpose: on a fixed clock, a case closed longer ago than its
 * retention is anonymised, first as a dry run that changes nothing, then for real; the numbers stay
 * and nothing of the people is left in the database's files.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PNG, multipart } from './support/files.js';
import { Api, csvRecords, errorCode, signer, type Signer } from './support/http.js';
import { readPdf } from './support/pdf.js';
import { startServer, type TestServer } from './support/server.js';

/** `kept-short` closes on 31 January 2021 and keeps personal data 30 days: until 2 March. */
const CASE = 'kept-short';
const WHILE_OPEN = '2021-01-15T12:00:00Z';
const AFTER_RETENTION = '2021-03-10T12:00:00Z';

let server: TestServer;
let api: Api;
const person: Signer = signer({ firstName: 'Özlem', lastName: 'Retentiontest Yıldırım', country: 'TR' });
const people: Signer[] = Array.from({ length: 60 }, (_, i) =>
  signer({ country: i % 2 ? 'TR' : 'CL', lastName: `Retained${i}` }),
);
const neighbour = signer({ lastName: 'Staysopen', country: 'ZA' });
const writer = 'Ayşe Messagewriter';
const waiting = 'Bülent Waitingwriter';
let photoId = '';
let pendingId = '';

interface CaseRetention {
  id: string;
  due: boolean;
  expires: string | null;
  signatures: number;
  messages: number;
  photos: number;
}

async function retention(query = ''): Promise<{ dryRun: boolean; now: string; cases: CaseRetention[] }> {
  const answer = await api.admin(`/v1/admin/retention${query}`, { method: 'POST' });
  assert.equal(answer.status, 200, answer.text);
  return answer.json as { dryRun: boolean; now: string; cases: CaseRetention[] };
}

const byId = (cases: CaseRetention[], id: string) => cases.find((item) => item.id === id)!;

/** The database files that hold the person's name or email, read byte by byte (the WAL too). */
function traces(needles: string[]): string[] {
  const files = ['', '-wal', '-shm'].map((suffix) => `${server.dbPath}${suffix}`).filter(existsSync);
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles)
      if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${needle} in ${file}`);
  }
  return found;
}

async function coverLines(): Promise<string[]> {
  const answer = await api.admin(`/v1/admin/cases/${CASE}/delivery.pdf`);
  assert.equal(answer.status, 200, answer.text);
  return (await readPdf(answer.body)).lines[0]!;
}

before(async () => {
  server = await startServer({ config: 'delivery.json', env: { W4R_TEST_CLOCK: WHILE_OPEN } });
  api = new Api(server.url);
  for (const each of [person, ...people]) assert.equal((await api.sign(CASE, each)).status, 201);
  assert.equal((await api.sign('still-open', neighbour)).status, 201);
  const approved = await api.post(`/v1/cases/${CASE}/messages`, {
    name: writer,
    text: 'Güçlü kal, yalnız değilsin.',
  });
  const pending = await api.post(`/v1/cases/${CASE}/messages`, { name: waiting, text: 'Never looked at.' });
  assert.equal(approved.status, 201, approved.text);
  assert.equal(pending.status, 201, pending.text);
  const approvedId = (approved.json as { id: string }).id;
  pendingId = (pending.json as { id: string }).id;
  assert.equal((await api.admin(`/v1/admin/messages/${approvedId}/approve`, { method: 'POST' })).status, 200);
  assert.equal(
    (await api.post(`/v1/cases/${CASE}/letters`, { count: 3, country: 'TR', kind: 'appeal' })).status,
    201,
  );
  const { body, contentType } = await multipart('photo', PNG, 'image/png');
  const photo = await api.send(`/v1/cases/${CASE}/photos`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType },
  });
  assert.equal(photo.status, 201, photo.text);
  photoId = (photo.json as { id: string }).id;
});
after(() => server.cleanup());

describe('retention', () => {
  it('has nothing to do while the case is open', async () => {
    const report = await retention('?dryRun=1');
    assert.equal(report.dryRun, true);
    assert.equal(report.now, new Date(WHILE_OPEN).toISOString());
    assert.deepEqual(byId(report.cases, CASE), {
      id: CASE,
      closes: '2021-01-31T00:00:00Z',
      personalDataDays: 30,
      expires: '2021-03-02T00:00:00.000Z',
      due: false,
      signatures: 0,
      messages: 0,
      photos: 0,
    });
    assert.equal(byId(report.cases, 'still-open').expires, null, 'a case that never closes is kept');
  });

  it('answers in a dry run what would go, changing nothing, and then anonymises exactly that', async () => {
    await server.stop();
    server.setEnv({ W4R_TEST_CLOCK: AFTER_RETENTION });
    await server.start();
    api = new Api(server.url);
    const statsBefore = await api.stats(CASE);
    const coverBefore = await coverLines();
    const needles = [person.email, person.lastName, writer, waiting, ...people.map((p) => p.email)];
    assert.ok(traces(needles).length > 0, 'the people are in the database files before');

    const dry = await retention('?dryRun=1');
    const due = byId(dry.cases, CASE);
    assert.deepEqual(
      { due: due.due, signatures: due.signatures, messages: due.messages, photos: due.photos },
      { due: true, signatures: 61, messages: 2, photos: 1 },
    );
    assert.equal(byId(dry.cases, 'still-open').due, false);
    assert.equal(byId(dry.cases, 'deliver-me').expires, '2022-12-31T23:59:59.000Z', '730 days by default');
    const stillThere = csvRecords(await api.csv(CASE, true));
    assert.ok(
      stillThere.some((row) => row.email === person.email),
      'the dry run changed nothing',
    );

    const done = await retention();
    assert.equal(done.dryRun, false);
    assert.deepEqual(byId(done.cases, CASE), due, 'it did what the dry run said');

    // The numbers stay: counts, the delivery document's totals and countries.
    assert.deepEqual(await api.stats(CASE), statsBefore);
    const coverAfter = await coverLines();
    assert.deepEqual(
      coverAfter.filter((line) => line.startsWith('Signatures') || /\(\w\w\) /.test(line)),
      coverBefore.filter((line) => line.startsWith('Signatures') || /\(\w\w\) /.test(line)),
    );
    assert.ok(coverAfter.includes('Signatures 61') && coverAfter.includes('Türkiye (TR) 31 3 0'));

    // The people go: names and emails of signers, writers' names, the photo's file.
    const rows = csvRecords(await api.csv(CASE, true));
    assert.equal(rows.length, 61);
    assert.deepEqual(new Set(rows.map((row) => `${row.name}|${row.email}`)), new Set(['|']));
    assert.deepEqual([...new Set(rows.map((row) => row.country))].sort(), ['CL', 'TR']);
    assert.ok(
      rows.every((row) => row.date?.startsWith('2021-01-15')),
      'the dates stay',
    );
    const wall = (await api.get(`/v1/cases/${CASE}/messages`)).json as {
      items: { name: string; text: string }[];
    };
    assert.deepEqual(wall.items, [{ ...wall.items[0]!, name: '', text: 'Güçlü kal, yalnız değilsin.' }]);
    const queue = await api.admin(`/v1/admin/messages?status=pending&case=${CASE}`);
    assert.equal((queue.json as { total: number }).total, 0, 'a message nobody moderated is not kept');
    const revived = await api.admin(`/v1/admin/messages/${pendingId}/approve`, { method: 'POST' });
    assert.equal(revived.status, 409, 'a message whose text is gone is never shown');
    assert.equal(errorCode(revived), 'text_removed');
    const wallAfter = (await api.get(`/v1/cases/${CASE}/messages`)).json as { items: unknown[] };
    assert.equal(wallAfter.items.length, 1);
    const photo = await api.admin(`/v1/admin/photos/${photoId}`);
    assert.equal(photo.status, 404);
    assert.deepEqual(readdirSync(join(server.dataDir, 'photos')), [], 'the photo file is gone');
    const signers = (await readPdf((await api.admin(`/v1/admin/cases/${CASE}/delivery.pdf`)).body)).all;
    assert.ok(signers.includes('1 (name removed) Türkiye 2021-01-15'));

    // Nothing of them can be read from the files.
    assert.deepEqual(traces(needles), []);

    // Another case's people stay until their case's time comes.
    assert.ok(csvRecords(await api.csv('still-open', true)).some((row) => row.email === neighbour.email));
    const again = await retention();
    assert.deepEqual(
      [byId(again.cases, CASE).signatures, byId(again.cases, CASE).messages, byId(again.cases, CASE).photos],
      [0, 0, 0],
      'a second run finds nothing more',
    );
  });

  it('refuses a bad dryRun, an unknown case, and anyone without the admin token', async () => {
    const bad = await api.admin('/v1/admin/retention?dryRun=maybe', { method: 'POST' });
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad), 'validation_failed');
    const unknown = await api.admin('/v1/admin/retention?dryRun=1&case=nope', { method: 'POST' });
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'case_not_found');
    const one = await retention(`?dryRun=1&case=${CASE}`);
    assert.deepEqual(
      one.cases.map((item) => item.id),
      [CASE],
    );
    const anonymous = await api.post('/v1/admin/retention?dryRun=1', {});
    assert.equal(anonymous.status, 401);
  });
});
