/**
 * The delivery document a section hands in: a PDF read back with pdf.js, as an official's office
 * would read it, addressed to the target, with the totals and every signer's name as they wrote it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, errorCode, signer, type Signer } from './support/http.js';
import { readPdf } from './support/pdf.js';
import { startServer, type TestServer } from './support/server.js';

const CASE = 'deliver-me';
/** Before the petition closes (31 December 2020), so the fixture can sign. */
const CLOCK = '2020-12-10T12:00:00Z';

const SIGNERS: Signer[] = [
  signer({ firstName: 'نسيمة', lastName: 'السادة', country: 'SA' }),
  signer({ firstName: 'صلاح', lastName: 'عبد الله', country: 'EG' }),
  signer({ firstName: 'Özgür', lastName: 'Şahin Çelik', country: 'TR' }),
  signer({ firstName: 'Ignacio', lastName: 'Muñoz Núñez', country: 'CL' }),
  signer({ firstName: 'Nomvula', lastName: "Dlamini-O'Reilly", country: 'ZA' }),
  signer({ firstName: 'דוד', lastName: 'כהן', country: 'IL' }),
];

let server: TestServer;
let api: Api;

before(async () => {
  server = await startServer({ config: 'delivery.json', env: { W4R_TEST_CLOCK: CLOCK } });
  api = new Api(server.url);
  for (const person of SIGNERS) assert.equal((await api.sign(CASE, person)).status, 201);
  for (let i = 0; i < 120; i++) assert.equal((await api.sign(CASE, signer({ country: 'ZA' }))).status, 201);
  const letters = await api.post(`/v1/cases/${CASE}/letters`, { count: 7, country: 'CL', kind: 'appeal' });
  assert.equal(letters.status, 201, letters.text);
  const posted = await api.post(`/v1/cases/${CASE}/messages`, {
    name: 'مريم',
    country: 'EG',
    text: 'نحن معك يا نسيمة',
  });
  assert.equal(posted.status, 201, posted.text);
  const id = (posted.json as { id: string }).id;
  assert.equal((await api.admin(`/v1/admin/messages/${id}/approve`, { method: 'POST' })).status, 200);
});
after(() => server.cleanup());

const pdf = (caseId: string, query = '') => api.admin(`/v1/admin/cases/${caseId}/delivery.pdf${query}`);

describe('the delivery document', () => {
  it('is a PDF download addressed to the target, with the totals by country', async () => {
    const answer = await pdf(CASE);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers['content-type'], 'application/pdf');
    assert.equal(answer.headers['content-disposition'], `attachment; filename="${CASE}-delivery.pdf"`);
    assert.equal(answer.headers['cache-control'], 'no-store');
    assert.equal(answer.body.subarray(0, 5).toString(), '%PDF-');
    const text = await readPdf(answer.body);
    const cover = text.lines[0]!;
    for (const line of [
      'King Salman bin Abdul Aziz Al Saud',
      'King of Saudi Arabia',
      'Office of His Majesty the King',
      'Royal Court, Riyadh',
      'Kingdom of Saudi Arabia',
      'Date: 10 December 2020',
      'Petition for Nassima al-Sada',
      'Your Majesty, I call on you to release Nassima al-Sada immediately and unconditionally.',
      'Signatures 126',
      'Letters reported written and sent 7',
      'Messages of solidarity 1',
      'South Africa (ZA) 121 0 0',
      'Chile (CL) 1 7 0',
      'Egypt (EG) 1 0 1',
      'Türkiye (TR) 1 0 0',
    ]) {
      assert.ok(cover.includes(line), `the cover has "${line}":\n${cover.join('\n')}`);
    }
  });

  it('lists every signer by name, country and day, as they wrote their names, and never an email', async () => {
    const text = await readPdf((await pdf(CASE)).body);
    assert.ok(text.pages >= 4, `126 signers at about 48 a page and a cover: ${text.pages} pages`);
    const rows = text.all;
    const expected = [
      '1 نسيمة السادة Saudi Arabia 2020-12-10',
      '2 صلاح عبد الله Egypt 2020-12-10',
      '3 Özgür Şahin Çelik Türkiye 2020-12-10',
      '4 Ignacio Muñoz Núñez Chile 2020-12-10',
      "5 Nomvula Dlamini-O'Reilly South Africa 2020-12-10",
      '6 דוד כהן Israel 2020-12-10',
    ];
    for (const row of expected) assert.ok(rows.includes(row), `a row reads "${row}"`);
    assert.ok(
      rows.some((row) => row.startsWith('126 Thandi Tester')),
      'the last signer is number 126',
    );
    assert.equal(rows.filter((row) => row.includes('@')).length, 0, 'no email in the document');
    text.lines.forEach((lines, index) => {
      assert.ok(
        lines.includes(`Petition for Nassima al-Sada · page ${index + 1}`),
        `page ${index + 1} is numbered`,
      );
    });
  });

  it('adds the approved messages as an appendix only when asked', async () => {
    const without = await readPdf((await pdf(CASE)).body);
    assert.equal(without.all.filter((line) => line.includes('نحن معك يا نسيمة')).length, 0);
    const answer = await pdf(CASE, '?messages=1');
    assert.equal(answer.status, 200);
    const withMessages = await readPdf(answer.body);
    const appendix = withMessages.lines.at(-1)!;
    assert.ok(appendix.includes('Appendix: messages of solidarity'));
    assert.ok(appendix.includes('نحن معك يا نسيمة'), appendix.join('\n'));
    assert.ok(
      // Its writer's name, country and day on the line above it (a reader may split the name's letters).
      appendix.some(
        (line) => line.replace(/\s+/g, '').includes('مريم') && line.includes('Egypt · 2020-12-10'),
      ),
      appendix.join('\n'),
    );
  });

  it('sets a petition in right-to-left Arabic as written, aligned to the right', async () => {
    const answer = await pdf('arabic-petition');
    assert.equal(answer.status, 200, answer.text);
    const cover = (await readPdf(answer.body)).lines[0]!;
    // A reader puts a space where a letter that does not join leaves a gap in a word ("العز يز"):
    // the letters, in their order, are what counts.
    const squeezed = cover.map((line) => line.replace(/\s+/g, ''));
    assert.ok(squeezed.includes('الملكسلمانبنعبدالعزيزآلسعود'), cover.join('\n'));
    assert.ok(
      cover.some((line) => line.includes('جلالة الملك، أدعوكم إلى الإفراج عن نسيمة السادة')),
      cover.join('\n'),
    );
  });

  it('says so when nobody has signed', async () => {
    const answer = await pdf('nobody-signed');
    assert.equal(answer.status, 200);
    const text = await readPdf(answer.body);
    assert.ok(text.all.includes('Signatures 0'));
    assert.ok(text.all.includes('No one has signed this petition yet.'));
    assert.ok(text.all.includes('Palacio de La Moneda'));
  });

  it('refuses without the admin token, for an unknown case, a case without petition and a bad option', async () => {
    const anonymous = await api.get(`/v1/admin/cases/${CASE}/delivery.pdf`);
    assert.equal(anonymous.status, 401);
    assert.equal(errorCode(anonymous), 'unauthorized');
    const unknown = await pdf('no-such-case');
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'case_not_found');
    assert.match(String(unknown.headers['content-type']), /^application\/json/);
    const noPetition = await pdf('no-petition');
    assert.equal(noPetition.status, 404);
    assert.equal(errorCode(noPetition), 'not_found');
    const bad = await pdf(CASE, '?messages=yes');
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad), 'validation_failed');
  });
});
