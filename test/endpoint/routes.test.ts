/** Every public route of the HTTP contract, against a real endpoint process and a fresh database. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  caseList,
  caseSchema,
  messagePage,
  publicMessage,
  signatureReceipt,
} from '../../src/schema/index.js';
import { Api, csvRecords, errorCode, signer, type Json } from './support/http.js';
import { JPEG, PNG, WEBP, multipart } from './support/files.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let api: Api;

before(async () => {
  server = await startServer();
  api = new Api(server.url);
});
after(() => server.cleanup());

describe('GET /healthz', () => {
  it('answers { ok: true }', async () => {
    const answer = await api.get('/healthz');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { ok: true });
  });

  it('answers an unknown route with a JSON 404 not_found', async () => {
    const answer = await api.get('/v1/no-such-route');
    assert.equal(answer.status, 404);
    assert.equal(errorCode(answer), 'not_found');
  });
});

describe('GET /v1/cases', () => {
  it('lists every case of the campaign, each a valid Case, in the file order', async () => {
    const answer = await api.get('/v1/cases');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const list = caseList.parse(answer.json);
    const ids = list.cases.map((entry) => entry.id);
    assert.deepEqual(ids.slice(0, 4), [
      'popi-and-bongeka',
      'gustavo-gatica',
      'nassima-al-sada',
      'melike-and-ozgur',
    ]);
    assert.ok(ids.includes('closed-petition') && ids.includes('no-petition') && ids.includes('open-wall'));
  });

  it('never shows the configuration-only fields (translations, moderation)', async () => {
    const answer = await api.get('/v1/cases');
    for (const entry of (answer.json as { cases: Json[] }).cases) {
      assert.equal('translations' in entry, false, `${String(entry.id)} leaks its translations`);
      assert.equal('moderation' in entry, false, `${String(entry.id)} leaks its moderation`);
    }
  });

  it('localizes every case it can and leaves the others in their source language', async () => {
    const answer = await api.get('/v1/cases?locale=tr');
    const byId = new Map(caseList.parse(answer.json).cases.map((entry) => [entry.id, entry]));
    assert.equal(byId.get('melike-and-ozgur')?.lang, 'tr');
    assert.equal(byId.get('popi-and-bongeka')?.lang, 'en');
    assert.equal(byId.get('gustavo-gatica')?.lang, 'en');
  });
});

describe('GET /v1/cases/:id', () => {
  it('answers one case in its source language by default', async () => {
    const answer = await api.get('/v1/cases/gustavo-gatica');
    assert.equal(answer.status, 200);
    const found = caseSchema.parse(answer.json);
    assert.equal(found.id, 'gustavo-gatica');
    assert.equal(found.lang, 'en');
  });

  it('serves the translation asked for with ?locale=, keeping untranslated fields from the source', async () => {
    const source = caseSchema.parse((await api.get('/v1/cases/gustavo-gatica')).json);
    const answer = await api.get('/v1/cases/gustavo-gatica?locale=es');
    const found = caseSchema.parse(answer.json);
    assert.equal(found.lang, 'es');
    assert.match(found.headline, /policía/);
    assert.equal(found.target.title, 'Fiscal Nacional de Chile');
    assert.equal(found.target.name, source.target.name, 'the untranslated name comes from the source');
    assert.equal(found.petition?.goal, source.petition?.goal);
  });

  it('follows Accept-Language, best q-value first', async () => {
    const plain = caseSchema.parse(
      (await api.get('/v1/cases/gustavo-gatica', { 'accept-language': 'es-CL,es;q=0.9' })).json,
    );
    assert.equal(plain.lang, 'es');
    const weighted = caseSchema.parse(
      (await api.get('/v1/cases/gustavo-gatica', { 'accept-language': 'en;q=0.1, es;q=0.9' })).json,
    );
    assert.equal(weighted.lang, 'es');
    const arabic = caseSchema.parse(
      (await api.get('/v1/cases/nassima-al-sada', { 'accept-language': 'ar' })).json,
    );
    assert.equal(arabic.lang, 'ar');
  });

  it('falls back from a regional tag to its language (?locale=es-CL serves es)', async () => {
    const found = caseSchema.parse((await api.get('/v1/cases/gustavo-gatica?locale=es-CL')).json);
    assert.equal(found.lang, 'es');
  });

  it('falls back to the source language for a language it does not have', async () => {
    const byQuery = caseSchema.parse((await api.get('/v1/cases/gustavo-gatica?locale=fr')).json);
    assert.equal(byQuery.lang, 'en');
    const byHeader = caseSchema.parse(
      (await api.get('/v1/cases/melike-and-ozgur', { 'accept-language': 'fr-FR' })).json,
    );
    assert.equal(byHeader.lang, 'en');
  });

  it('lets ?locale= win over Accept-Language', async () => {
    const found = caseSchema.parse(
      (await api.get('/v1/cases/gustavo-gatica?locale=en', { 'accept-language': 'es' })).json,
    );
    assert.equal(found.lang, 'en');
  });

  it('answers an unknown case with 404 case_not_found', async () => {
    const answer = await api.get('/v1/cases/no-such-case');
    assert.equal(answer.status, 404);
    assert.equal(errorCode(answer), 'case_not_found');
  });
});

describe('GET /v1/cases/:id/stats', () => {
  it('answers the counts and the petition goal', async () => {
    const stats = await api.publicStats('popi-and-bongeka');
    assert.deepEqual(Object.keys(stats).sort(), ['goal', 'letters', 'messages', 'signatures']);
    assert.equal(stats.goal, 50000);
  });

  it('answers goal null for a case without a petition', async () => {
    assert.equal((await api.publicStats('no-petition')).goal, null);
  });

  it('answers an unknown case with 404 case_not_found', async () => {
    const answer = await api.get('/v1/cases/no-such-case/stats');
    assert.equal(answer.status, 404);
    assert.equal(errorCode(answer), 'case_not_found');
  });
});

describe('POST /v1/cases/:id/signatures', () => {
  it('counts a new signature: 201 counted with the public stats, and no personal data in the answer', async () => {
    const before = await api.stats('popi-and-bongeka');
    const person = signer({ optIn: true, source: 'partner-ngo', consentVersion: '2020-10' });
    const answer = await api.sign('popi-and-bongeka', person);
    assert.equal(answer.status, 201, answer.text);
    const receipt = signatureReceipt.parse(answer.json);
    assert.equal(receipt.status, 'counted');
    assert.equal((await api.stats('popi-and-bongeka')).signatures, before.signatures + 1);
    assert.deepEqual(await api.publicStats('popi-and-bongeka'), receipt.stats);
    assert.equal(answer.text.includes(person.email), false);
    assert.equal(answer.text.includes(person.lastName), false);
  });

  it('answers the same email again exactly like a first signature, and counts it once', async () => {
    const person = signer();
    const first = await api.sign('popi-and-bongeka', person);
    assert.equal(first.status, 201);
    const before = await api.stats('popi-and-bongeka');
    const again = await api.sign('popi-and-bongeka', {
      ...signer(),
      email: `  ${person.email.toUpperCase()}  `,
    });
    // Nothing in the answer tells whether this email had signed: that could endanger the signer.
    assert.equal(again.status, 201, again.text);
    assert.deepEqual(again.json, { status: 'counted', stats: await api.publicStats('popi-and-bongeka') });
    assert.deepEqual(Object.keys(again.json as object), Object.keys(first.json as object));
    assert.equal(again.headers['idempotent-replay'], undefined);
    assert.deepEqual(await api.stats('popi-and-bongeka'), before);
  });

  it('counts the same email once per case: signing another case counts there', async () => {
    const person = signer();
    assert.equal((await api.sign('popi-and-bongeka', person)).status, 201);
    const other = await api.sign('gustavo-gatica', person);
    assert.equal(other.status, 201);
    assert.equal(signatureReceipt.parse(other.json).status, 'counted');
  });

  it('accepts application/json with a charset', async () => {
    const answer = await api.sign('popi-and-bongeka', JSON.stringify(signer()), {
      'content-type': 'application/json; charset=utf-8',
    });
    assert.equal(answer.status, 201, answer.text);
  });

  it('stores names in NFC and trimmed, so the export shows them as typed', async () => {
    const person = signer({ firstName: '  Jose\u0301  ' });
    assert.equal((await api.sign('gustavo-gatica', person)).status, 201);
    const row = csvRecords(await api.csv('gustavo-gatica')).find((record) =>
      record.name?.includes(person.lastName),
    );
    assert.ok(row, 'the signature is in the export');
    assert.equal(row.name, `Jos\u00e9 ${person.lastName}`);
  });

  it('refuses a case without a petition with a 404 and counts nothing', async () => {
    const before = await api.stats('no-petition');
    const answer = await api.sign('no-petition', signer());
    assert.equal(answer.status, 404);
    assert.ok(errorCode(answer));
    assert.deepEqual(await api.stats('no-petition'), before);
  });
});

describe('GET and POST /v1/cases/:id/messages', () => {
  it('holds a message on a pre-moderated case: 201 pending, not on the wall', async () => {
    const before = await api.stats('popi-and-bongeka');
    const posted = await api.post('/v1/cases/popi-and-bongeka/messages', {
      name: 'Ama',
      text: 'Justice for Popi and Bongeka.',
    });
    assert.equal(posted.status, 201, posted.text);
    const receipt = posted.json as { id: string; status: string };
    assert.equal(receipt.status, 'pending');
    assert.equal(typeof receipt.id, 'string');
    const page = messagePage.parse((await api.get('/v1/cases/popi-and-bongeka/messages')).json);
    assert.equal(
      page.items.some((item) => item.id === receipt.id),
      false,
    );
    assert.deepEqual(await api.stats('popi-and-bongeka'), before);
  });

  it('shows a message on an auto-approved wall at once, first, with only its public fields', async () => {
    const before = await api.stats('open-wall');
    const posted = await api.post('/v1/cases/open-wall/messages', {
      name: 'Lindiwe',
      country: 'ZA',
      text: 'We stand with you.',
      source: 'partner-ngo',
    });
    assert.equal(posted.status, 201, posted.text);
    const receipt = posted.json as { id: string; status: string };
    assert.equal(receipt.status, 'approved');
    const page = messagePage.parse((await api.get('/v1/cases/open-wall/messages')).json);
    const first = page.items[0];
    assert.ok(first);
    assert.equal(first.id, receipt.id);
    assert.deepEqual(Object.keys(publicMessage.parse(first)).sort(), [
      'country',
      'createdAt',
      'id',
      'name',
      'text',
    ]);
    assert.deepEqual(Object.keys(first).sort(), ['country', 'createdAt', 'id', 'name', 'text']);
    assert.equal(first.text, 'We stand with you.');
    assert.equal((await api.stats('open-wall')).messages, before.messages + 1);
  });

  it('holds a message with a link or a blocked word even on an auto-approved wall', async () => {
    for (const text of ['Read more at https://spam.example/offer', 'This BlockedWord must wait']) {
      const posted = await api.post('/v1/cases/open-wall/messages', { name: 'Sam', text });
      assert.equal(posted.status, 201, posted.text);
      assert.equal((posted.json as { status: string }).status, 'pending', text);
    }
  });

  it('pages through the wall with cursors, newest first, each message once', async () => {
    const posted: string[] = [];
    for (let index = 0; index < 25; index++) {
      const answer = await api.post('/v1/cases/paging-wall/messages', {
        name: `Writer ${index}`,
        text: `Message ${index}`,
      });
      assert.equal(answer.status, 201, answer.text);
      posted.push((answer.json as { id: string }).id);
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const query: string = cursor ? `?limit=10&cursor=${encodeURIComponent(cursor)}` : '?limit=10';
      const answer = await api.get(`/v1/cases/paging-wall/messages${query}`);
      assert.equal(answer.status, 200, answer.text);
      const page = messagePage.parse(answer.json);
      sizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.id));
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor && sizes.length < 10);
    assert.deepEqual(sizes, [10, 10, 5]);
    assert.equal(total, 25);
    assert.deepEqual(seen, [...posted].reverse(), 'newest first, none repeated or skipped');
  });

  it('answers 20 messages by default and up to 100 when asked', async () => {
    const byDefault = messagePage.parse((await api.get('/v1/cases/paging-wall/messages')).json);
    assert.equal(byDefault.items.length, 20);
    assert.ok(byDefault.nextCursor);
    const many = messagePage.parse((await api.get('/v1/cases/paging-wall/messages?limit=100')).json);
    assert.equal(many.items.length, 25);
    assert.equal(many.nextCursor, null);
  });

  it('answers an empty wall with no items and a null cursor', async () => {
    const page = messagePage.parse((await api.get('/v1/cases/melike-and-ozgur/messages')).json);
    assert.deepEqual(page, { items: [], nextCursor: null, total: 0 });
  });
});

describe('POST /v1/cases/:id/letters', () => {
  it('adds the letters reported: 201 with the new stats', async () => {
    const before = await api.stats('nassima-al-sada');
    const answer = await api.post('/v1/cases/nassima-al-sada/letters', {
      count: 3,
      country: 'DE',
      kind: 'appeal',
    });
    assert.equal(answer.status, 201, answer.text);
    const { stats } = answer.json as { stats: { letters: number } };
    assert.equal(stats.letters, before.letters + 3);
    const card = await api.post('/v1/cases/nassima-al-sada/letters', { count: 1, kind: 'card' });
    assert.equal(card.status, 201, card.text);
    assert.equal((await api.stats('nassima-al-sada')).letters, before.letters + 4);
  });
});

describe('POST /v1/cases/:id/photos', () => {
  for (const [label, bytes, type] of [
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
  ] as const) {
    it(`takes a ${label} photo for review: 201 pending, visible to moderators with its bytes`, async () => {
      const { body, contentType } = await multipart('photo', bytes, type, `letters.${label.toLowerCase()}`);
      const answer = await api.send('/v1/cases/melike-and-ozgur/photos', {
        method: 'POST',
        body,
        headers: { 'content-type': contentType },
      });
      assert.equal(answer.status, 201, answer.text);
      const receipt = answer.json as { id: string; status: string };
      assert.equal(receipt.status, 'pending');
      const pending = (await api.admin('/v1/admin/photos?status=pending')).json as {
        items: { id: string }[];
      };
      assert.ok(pending.items.some((item) => item.id === receipt.id));
      const image = await api.admin(`/v1/admin/photos/${receipt.id}`);
      assert.equal(image.status, 200);
      assert.equal(String(image.headers['content-type']).split(';')[0], type);
      assert.ok(image.body.equals(bytes), 'the stored image is the uploaded one');
    });
  }

  it('trusts the bytes, not the declared type: a PNG declared as JPEG is stored as PNG', async () => {
    const { body, contentType } = await multipart('photo', PNG, 'image/jpeg', 'photo.jpg');
    const answer = await api.send('/v1/cases/melike-and-ozgur/photos', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    assert.equal(answer.status, 201, answer.text);
    const image = await api.admin(`/v1/admin/photos/${(answer.json as { id: string }).id}`);
    assert.equal(String(image.headers['content-type']).split(';')[0], 'image/png');
  });

  it('never serves a photo publicly', async () => {
    const { body, contentType } = await multipart('photo', PNG, 'image/png');
    const answer = await api.send('/v1/cases/melike-and-ozgur/photos', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    const id = (answer.json as { id: string }).id;
    const anonymous = await api.get(`/v1/admin/photos/${id}`);
    assert.equal(anonymous.status, 401);
  });
});

describe('no cookies', () => {
  it('sets no cookie on any answer', async () => {
    for (const path of ['/healthz', '/v1/cases', '/v1/cases/popi-and-bongeka/stats']) {
      const answer = await api.get(path);
      assert.equal(answer.headers['set-cookie'], undefined, path);
    }
    const signed = await api.sign('popi-and-bongeka', signer());
    assert.equal(signed.headers['set-cookie'], undefined);
  });
});
