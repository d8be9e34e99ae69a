/** Each section of a served case says its language; a translation that leaves out part of a section stops the start. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { caseList, caseSchema } from '../../src/schema/index.js';
import { Api } from './support/http.js';
import { FIXTURES, freePort, spawnEndpoint, startServer, type TestServer } from './support/server.js';

let server: TestServer;
let api: Api;

before(async () => {
  server = await startServer();
  api = new Api(server.url);
});
after(() => server.cleanup());

describe('languages of a served case', () => {
  it('marks the letter an Arabic translation leaves in English, and nothing it translates', async () => {
    const source = caseSchema.parse((await api.get('/v1/cases/nassima-al-sada')).json);
    const found = caseSchema.parse((await api.get('/v1/cases/nassima-al-sada?locale=ar')).json);
    assert.equal(found.lang, 'ar');
    assert.deepEqual(found.letter, { ...source.letter, lang: 'en' }, 'the English letter says it is English');
    for (const section of ['target', 'petition', 'share'] as const) {
      assert.equal(found[section]?.lang, undefined, `the translated ${section} is in Arabic, as the case`);
    }
  });

  it('marks the same in the list of cases, and nothing in a case served in its own language', async () => {
    const cases = caseList.parse((await api.get('/v1/cases', { 'accept-language': 'ar' })).json).cases;
    const byId = new Map(cases.map((entry) => [entry.id, entry]));
    assert.equal(byId.get('nassima-al-sada')?.letter?.lang, 'en');
    const english = byId.get('popi-and-bongeka')!;
    assert.equal(english.lang, 'en');
    for (const section of ['target', 'petition', 'letter', 'share'] as const) {
      assert.equal(english[section]?.lang, undefined, section);
    }
  });
});

describe('a translation that leaves out part of a section', () => {
  it('stops the start, naming the field and the rule', async () => {
    const spawned = spawnEndpoint({
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      W4R_DB: ':memory:',
      W4R_CONFIG: `${FIXTURES}/invalid-translation.json`,
      W4R_SKIP_BUILD: '1',
    });
    const giveUp = setTimeout(() => spawned.child.kill('SIGKILL'), 15_000);
    const exit = await spawned.exited;
    clearTimeout(giveUp);
    assert.notEqual(exit.signal, 'SIGKILL', `it started instead of refusing the file:\n${spawned.output()}`);
    assert.notEqual(exit.code, 0, spawned.output());
    assert.ok(
      spawned
        .output()
        .includes(
          'cases[0].translations.ar.letter.closing: Required: a translation of the letter gives every part of it',
        ),
      spawned.output(),
    );
  });
});
