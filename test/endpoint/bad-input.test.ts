/**
 * Bad input, one row each: the endpoint answers the fitting 4xx with its JSON error code and changes
 * nothing — not the counts, not the delivery export, not the moderation queues.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorBody } from '../../src/schema/index.js';
import { Api, errorCode, signer, type RequestOptions } from './support/http.js';
import { GIF, PNG, multipart } from './support/files.js';
import { startServer, type TestServer } from './support/server.js';

const CASE = 'bad-input';
const SIGN = `/v1/cases/${CASE}/signatures`;
const MESSAGES = `/v1/cases/${CASE}/messages`;
const LETTERS = `/v1/cases/${CASE}/letters`;
const PHOTOS = `/v1/cases/${CASE}/photos`;
const JSON_TYPE = { 'content-type': 'application/json' };

/** The PNG signature and an IEND chunk: a PNG by its first bytes, with nothing to show. */
const PNG_WITHOUT_PICTURE = Buffer.concat([PNG.subarray(0, 8), PNG.subarray(-12)]);
/** Signature, IHDR and IEND: the 1×1 PNG without its IDAT. */
const PNG_WITHOUT_IDAT = Buffer.concat([PNG.subarray(0, 33), PNG.subarray(-12)]);
/** `RIFF`, a size of 4 and `WEBP`: a WebP by its first bytes, with no chunk at all. */
const WEBP_HEADER = Buffer.from('RIFF\x04\0\0\0WEBP', 'latin1');

/** A valid signature as raw JSON text with `extra` spliced in (for keys JSON.stringify would not write). */
function rawSignature(extra: string): string {
  const valid = JSON.stringify(signer());
  return `${valid.slice(0, -1)},${extra}}`;
}

function withField(field: string, value: unknown): Record<string, unknown> {
  return { ...signer(), [field]: value };
}

function without(field: string): Record<string, unknown> {
  const body: Record<string, unknown> = { ...signer() };
  delete body[field];
  return body;
}

interface Row {
  name: string;
  path: string;
  options: RequestOptions | (() => Promise<RequestOptions>);
  status: number;
  code: string;
  /** The field an issue must name, for validation errors. */
  field?: string;
}

const post = (body: unknown, headers: Record<string, string> = JSON_TYPE): RequestOptions => ({
  method: 'POST',
  body,
  headers,
});

const rows: Row[] = [
  // Not JSON, or not the JSON we take
  {
    name: 'malformed JSON',
    path: SIGN,
    options: post('{"firstName": "Ann",'),
    status: 400,
    code: 'invalid_json',
  },
  { name: 'empty body', path: SIGN, options: post(''), status: 400, code: 'invalid_json' },
  {
    name: 'JSON with a trailing comma',
    path: SIGN,
    options: post('{"consent": true,}'),
    status: 400,
    code: 'invalid_json',
  },
  { name: 'JSON null', path: SIGN, options: post('null'), status: 400, code: 'validation_failed' },
  {
    name: 'a JSON array',
    path: SIGN,
    options: post(`[${JSON.stringify(signer())}]`),
    status: 400,
    code: 'validation_failed',
  },
  { name: 'a JSON string', path: SIGN, options: post('"sign me"'), status: 400, code: 'validation_failed' },
  {
    name: 'deeply nested JSON',
    path: SIGN,
    options: post(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    status: 400,
    code: 'validation_failed',
  },
  // Wrong types
  {
    name: 'firstName a number',
    path: SIGN,
    options: post(withField('firstName', 42)),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'consent false',
    path: SIGN,
    options: post(withField('consent', false)),
    status: 400,
    code: 'validation_failed',
    field: 'consent',
  },
  {
    name: 'consent "true" as text',
    path: SIGN,
    options: post(withField('consent', 'true')),
    status: 400,
    code: 'validation_failed',
    field: 'consent',
  },
  {
    name: 'optIn "yes"',
    path: SIGN,
    options: post(withField('optIn', 'yes')),
    status: 400,
    code: 'validation_failed',
    field: 'optIn',
  },
  {
    name: 'email an object',
    path: SIGN,
    options: post(withField('email', { $ne: null })),
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'elapsedMs negative',
    path: SIGN,
    options: post(withField('elapsedMs', -1)),
    status: 400,
    code: 'validation_failed',
    field: 'elapsedMs',
  },
  {
    name: 'elapsedMs not a whole number',
    path: SIGN,
    options: post(withField('elapsedMs', 3000.5)),
    status: 400,
    code: 'validation_failed',
    field: 'elapsedMs',
  },
  {
    name: 'elapsedMs beyond what a number holds exactly',
    path: SIGN,
    options: post(withField('elapsedMs', 2 ** 60)),
    status: 400,
    code: 'validation_failed',
    field: 'elapsedMs',
  },
  // Missing and extra fields
  {
    name: 'missing email',
    path: SIGN,
    options: post(without('email')),
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'missing consent',
    path: SIGN,
    options: post(without('consent')),
    status: 400,
    code: 'validation_failed',
    field: 'consent',
  },
  {
    name: 'missing country',
    path: SIGN,
    options: post(without('country')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'an extra field',
    path: SIGN,
    options: post(withField('isAdmin', true)),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: '__proto__ key',
    path: SIGN,
    options: post(rawSignature('"__proto__": {"isAdmin": true}')),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'constructor key',
    path: SIGN,
    options: post(rawSignature('"constructor": {"prototype": {"isAdmin": true}}')),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'prototype key',
    path: SIGN,
    options: post(rawSignature('"prototype": {"isAdmin": true}')),
    status: 400,
    code: 'validation_failed',
  },
  // Values out of range
  {
    name: 'a 10,000-character first name',
    path: SIGN,
    options: post(withField('firstName', 'A'.repeat(10_000))),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'an 81-character last name',
    path: SIGN,
    options: post(withField('lastName', 'B'.repeat(81))),
    status: 400,
    code: 'validation_failed',
    field: 'lastName',
  },
  {
    name: 'a blank first name',
    path: SIGN,
    options: post(withField('firstName', '   ')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'an email without @',
    path: SIGN,
    options: post(withField('email', 'not-an-email')),
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'a 300-character email',
    path: SIGN,
    options: post(withField('email', `${'a'.repeat(290)}@example.org`)),
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'country lower case',
    path: SIGN,
    options: post(withField('country', 'za')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'country of three letters',
    path: SIGN,
    options: post(withField('country', 'ZAF')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'source with spaces',
    path: SIGN,
    options: post(withField('source', 'my partner site')),
    status: 400,
    code: 'validation_failed',
    field: 'source',
  },
  // Names are one line without text-direction controls; countries are assigned ISO codes
  {
    name: 'a right-to-left override in a name',
    path: SIGN,
    options: post(withField('lastName', 'Ann\u202Egpj.exe')),
    status: 400,
    code: 'validation_failed',
    field: 'lastName',
  },
  {
    name: 'a left-to-right embedding in a name',
    path: SIGN,
    options: post(withField('firstName', 'Ann\u202Ax')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'a pop directional formatting in a name',
    path: SIGN,
    options: post(withField('firstName', 'Ann\u202Cx')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'a right-to-left isolate in a name',
    path: SIGN,
    options: post(withField('lastName', 'Ann\u2067x\u2069')),
    status: 400,
    code: 'validation_failed',
    field: 'lastName',
  },
  {
    name: 'a first-strong isolate in a name',
    path: SIGN,
    options: post(withField('firstName', 'Ann\u2068x')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'a line feed in a name',
    path: SIGN,
    options: post(withField('firstName', 'Ann\nRow')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'a carriage return in a name',
    path: SIGN,
    options: post(withField('lastName', 'Ann\rRow')),
    status: 400,
    code: 'validation_failed',
    field: 'lastName',
  },
  {
    name: 'a tab in a name',
    path: SIGN,
    options: post(withField('lastName', 'Ann\tTab')),
    status: 400,
    code: 'validation_failed',
    field: 'lastName',
  },
  {
    name: 'a right-to-left override in the name of a message',
    path: MESSAGES,
    options: post({ name: 'Ann\u202Emoc.live', text: 'With you.' }),
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'a line break in the name of a message',
    path: MESSAGES,
    options: post({ name: 'Ann\nAdmin: approved', text: 'With you.' }),
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'the unassigned country code XX',
    path: SIGN,
    options: post(withField('country', 'XX')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'the unassigned country code ZZ',
    path: SIGN,
    options: post(withField('country', 'ZZ')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'the unassigned country code AA',
    path: SIGN,
    options: post(withField('country', 'AA')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'the unassigned country code QM',
    path: SIGN,
    options: post(withField('country', 'QM')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'the unassigned country code XK',
    path: SIGN,
    options: post(withField('country', 'XK')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'the unassigned country code EU',
    path: SIGN,
    options: post(withField('country', 'EU')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'the unassigned country code UK',
    path: SIGN,
    options: post(withField('country', 'UK')),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'an unassigned country code on a message',
    path: MESSAGES,
    options: post({ name: 'Ann', country: 'XX', text: 'With you.' }),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'an unassigned country code on a letter report',
    path: LETTERS,
    options: post({ count: 1, country: 'ZZ' }),
    status: 400,
    code: 'validation_failed',
    field: 'country',
  },
  {
    name: 'a photo of a letter for a case without a letter',
    path: '/v1/cases/no-petition/photos',
    options: async () => {
      const form = await multipart('photo', PNG, 'image/png');
      return post(form.body, { 'content-type': form.contentType });
    },
    status: 404,
    code: 'not_found',
  },
  // Unicode edge cases
  {
    name: 'a lone high surrogate in a name',
    path: SIGN,
    options: post(rawSignature('"firstName": "Ann\\ud800"').replace('"firstName":"Thandi",', '')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'a lone low surrogate in a name',
    path: SIGN,
    options: post(rawSignature('"lastName": "\\udc00X"').replace(/"lastName":"[^"]*",/, '')),
    status: 400,
    code: 'validation_failed',
    field: 'lastName',
  },
  {
    name: 'a NUL control character in a name',
    path: SIGN,
    options: post(withField('firstName', 'Ann\u0000a')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'an escape control character in a name',
    path: SIGN,
    options: post(withField('lastName', 'Smith\u001b[31m')),
    status: 400,
    code: 'validation_failed',
    field: 'lastName',
  },
  {
    name: 'a C1 control character in a name',
    path: SIGN,
    options: post(withField('firstName', 'Ann\u0085')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  {
    name: 'a right-to-left override in the email',
    path: SIGN,
    options: post(withField('email', 'evil\u202Egro.elpmaxe@example.org')),
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'a decomposed (NFD) accent in the email',
    path: SIGN,
    options: post(withField('email', 'jose\u0301@example.org')),
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'a zero-width space as the whole name',
    path: SIGN,
    options: post(withField('firstName', '\u200B')),
    status: 400,
    code: 'validation_failed',
    field: 'firstName',
  },
  // Wrong content type and size
  {
    name: 'text/plain',
    path: SIGN,
    options: post(JSON.stringify(signer()), { 'content-type': 'text/plain' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'no content type',
    path: SIGN,
    options: post(JSON.stringify(signer()), {}),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a form post',
    path: SIGN,
    options: post('firstName=Ann&consent=true', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'multipart to a JSON route',
    path: SIGN,
    options: async () => {
      const form = await multipart('photo', PNG, 'image/png');
      return post(form.body, { 'content-type': form.contentType });
    },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a 2 MB JSON body',
    path: SIGN,
    options: post(withField('firstName', 'A'.repeat(2 * 1024 * 1024))),
    status: 413,
    code: 'payload_too_large',
  },
  // Where it goes
  {
    name: 'an unknown case',
    path: '/v1/cases/no-such-case/signatures',
    options: post(signer()),
    status: 404,
    code: 'case_not_found',
  },
  {
    name: 'a case id with a path traversal',
    path: '/v1/cases/..%2F..%2Fetc%2Fpasswd/signatures',
    options: post(signer()),
    status: 404,
    code: 'case_not_found',
  },
  {
    name: 'a closed petition',
    path: '/v1/cases/closed-petition/signatures',
    options: post(signer()),
    status: 410,
    code: 'petition_closed',
  },
  // Messages
  {
    name: 'a message of 501 characters',
    path: MESSAGES,
    options: post({ name: 'Ann', text: 'x'.repeat(501) }),
    status: 400,
    code: 'validation_failed',
    field: 'text',
  },
  {
    name: 'a message without a name',
    path: MESSAGES,
    options: post({ text: 'Hello' }),
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'a message with an extra field',
    path: MESSAGES,
    options: post({ name: 'Ann', text: 'Hello', status: 'approved' }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'a message to an unknown case',
    path: '/v1/cases/no-such-case/messages',
    options: post({ name: 'Ann', text: 'Hello' }),
    status: 404,
    code: 'case_not_found',
  },
  {
    name: 'a message page size of 101',
    path: `${MESSAGES}?limit=101`,
    options: { method: 'GET' },
    status: 400,
    code: 'validation_failed',
    field: 'limit',
  },
  {
    name: 'a forged message cursor',
    path: `${MESSAGES}?cursor=eyJpZCI6IjEifQ`,
    options: { method: 'GET' },
    status: 400,
    code: 'validation_failed',
    field: 'cursor',
  },
  // Letters
  {
    name: 'zero letters',
    path: LETTERS,
    options: post({ count: 0 }),
    status: 400,
    code: 'validation_failed',
    field: 'count',
  },
  {
    name: '101 letters at once',
    path: LETTERS,
    options: post({ count: 101 }),
    status: 400,
    code: 'validation_failed',
    field: 'count',
  },
  {
    name: '1.5 letters',
    path: LETTERS,
    options: post({ count: 1.5 }),
    status: 400,
    code: 'validation_failed',
    field: 'count',
  },
  {
    name: 'letters counted as text',
    path: LETTERS,
    options: post({ count: '3' }),
    status: 400,
    code: 'validation_failed',
    field: 'count',
  },
  {
    name: 'an unknown kind of letter',
    path: LETTERS,
    options: post({ count: 1, kind: 'email' }),
    status: 400,
    code: 'validation_failed',
    field: 'kind',
  },
  // Photos
  {
    name: 'a text file as a photo',
    path: PHOTOS,
    options: async () => {
      const form = await multipart('photo', Buffer.from('not an image'), 'image/png');
      return post(form.body, { 'content-type': form.contentType });
    },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a GIF photo',
    path: PHOTOS,
    options: async () => {
      const form = await multipart('photo', GIF, 'image/gif', 'a.gif');
      return post(form.body, { 'content-type': form.contentType });
    },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a photo over 5 MB',
    path: PHOTOS,
    options: async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 1)]);
      const form = await multipart('photo', big, 'image/png');
      return post(form.body, { 'content-type': form.contentType });
    },
    status: 413,
    code: 'payload_too_large',
  },
  ...(
    [
      ['a PNG with no picture (signature and IEND)', PNG_WITHOUT_PICTURE],
      ['a PNG with a header and no picture data', PNG_WITHOUT_IDAT],
      ['a 12-byte WebP header', WEBP_HEADER],
      [
        'a WebP header followed by a script',
        Buffer.concat([WEBP_HEADER, Buffer.from('<script>alert(1)</script>')]),
      ],
    ] as const
  ).map(([name, bytes]): Row => ({
    name,
    path: PHOTOS,
    options: async () => {
      const form = await multipart('photo', bytes, 'image/png');
      return post(form.body, { 'content-type': form.contentType });
    },
    status: 415,
    code: 'unsupported_media_type',
  })),
  {
    name: 'a photo under another field name',
    path: PHOTOS,
    options: async () => {
      const form = await multipart('file', PNG, 'image/png');
      return post(form.body, { 'content-type': form.contentType });
    },
    status: 400,
    code: 'validation_failed',
    field: 'photo',
  },
  {
    name: 'a photo sent as JSON',
    path: PHOTOS,
    options: post({ photo: PNG.toString('base64') }),
    status: 415,
    code: 'unsupported_media_type',
  },
];

let server: TestServer;
let api: Api;

interface Snapshot {
  stats: unknown[];
  csv: string;
  pendingMessages: number;
  pendingPhotos: number;
}

async function snapshot(): Promise<Snapshot> {
  const photos = await api.admin('/v1/admin/photos?status=pending');
  return {
    stats: await Promise.all([CASE, 'closed-petition'].map((id) => api.stats(id))),
    csv: await api.csv(CASE, true),
    pendingMessages: await api.pendingTotal(),
    pendingPhotos: (photos.json as { total: number }).total,
  };
}

before(async () => {
  server = await startServer();
  api = new Api(server.url);
  // Something to change: one signature, one approved message, letters.
  assert.equal((await api.sign(CASE, signer())).status, 201);
  assert.equal((await api.post(LETTERS, { count: 2 })).status, 201);
});
after(() => server.cleanup());

describe('bad input is a 4xx that changes nothing', () => {
  it('has at least 30 rows', () => assert.ok(rows.length >= 30));

  for (const row of rows) {
    it(`${row.name} -> ${row.status} ${row.code}`, async () => {
      const before = await snapshot();
      const options = typeof row.options === 'function' ? await row.options() : row.options;
      const answer = await api.send(row.path, options);
      assert.equal(answer.status, row.status, answer.text.slice(0, 500));
      assert.match(String(answer.headers['content-type']), /^application\/json/);
      const body = errorBody.parse(answer.json);
      assert.equal(errorCode(answer), row.code);
      assert.ok(body.error.message.length > 0);
      if (row.field) {
        assert.ok(
          body.error.issues?.some((issue) => issue.path === row.field),
          `an issue names ${row.field}: ${JSON.stringify(body.error.issues)}`,
        );
      }
      assert.deepEqual(await snapshot(), before, 'nothing changed');
    });
  }

  it('is still healthy and counting after all of them', async () => {
    const before = await api.stats(CASE);
    assert.equal((await api.sign(CASE, signer())).status, 201);
    assert.equal((await api.stats(CASE)).signatures, before.signatures + 1);
    const prototype = (await api.get('/v1/cases')).json as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(prototype), Object.prototype);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });
});
