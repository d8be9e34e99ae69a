/**
 * Double opt-in through a real SMTP server: the signature counts at once, the email arrives in the
 * signer's language with a link, the link confirms once, and a link that is expired, reused, tampered
 * with or unknown answers a clear page and changes nothing. Export and webhooks say where each
 * opt-in stands.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { makeToken } from '../../src/endpoint/opt-in/token.js';
import { Api, csvRecords, signer, type Answer, type Json, type Signer } from './support/http.js';
import { campaignWith, FAST_OUTBOX, Receiver } from './support/receiver.js';
import { spawnEndpoint, startServer, type TestServer } from './support/server.js';
import { MailServer, type Mail } from './support/smtp.js';

const SECRET = 'opt-in-test-secret-0123456789abcdef';
const HOOK_SECRET = 'whsec-opt-in-0123456789abcdefghij';
const FROM = 'news@section.example.org';

let mail: MailServer;
let receiver: Receiver;
let server: TestServer;
let api: Api;
let campaign: { file: string; remove: () => void };

before(async () => {
  mail = await new MailServer().start();
  receiver = await new Receiver().start();
  campaign = campaignWith({
    optIn: { doubleOptIn: true, linkDays: 7 },
    webhooks: [
      {
        url: `${receiver.url}/crm`,
        events: ['signature.created', 'signature.confirmed'],
        secret: HOOK_SECRET,
        includeEmail: true,
      },
    ],
  });
  server = await startServer({
    config: campaign.file,
    env: { ...FAST_OUTBOX, W4R_SMTP_URL: mail.url, W4R_MAIL_FROM: FROM, W4R_OPT_IN_SECRET: SECRET },
  });
  api = new Api(server.url);
});
after(async () => {
  await server.cleanup();
  await mail.close();
  await receiver.close();
  campaign.remove();
});

async function exported(caseId: string, person: Signer): Promise<Record<string, string> | undefined> {
  return csvRecords(await api.csv(caseId, true)).find((row) => row.email === person.email);
}

async function mailFor(person: Signer): Promise<Mail> {
  await mail.until(`a mail to ${person.email}`, () => mail.to(person.email).length > 0);
  return mail.to(person.email)[0]!;
}

const linkIn = (text: string) => {
  const match = /(http:\/\/\S+\/v1\/confirm\/\S+)/.exec(text);
  assert.ok(match, `a confirmation link in:\n${text}`);
  return new URL(match[1]!);
};

const page = (answer: Answer) => ({
  lang: /<html lang="([^"]+)" dir="([^"]+)">/.exec(answer.text)?.slice(1),
  title: /<h1>([^<]*)<\/h1>/.exec(answer.text)?.[1],
});

describe('double opt-in', () => {
  it('counts the signature at once, mails an English link, and confirms once', async () => {
    const before = (await api.stats('popi-and-bongeka')).signatures;
    const person = signer({ optIn: true, locale: 'en' });
    assert.equal((await api.sign('popi-and-bongeka', person)).status, 201);
    assert.equal((await api.stats('popi-and-bongeka')).signatures, before + 1, 'it counts before any email');
    const pending = await exported('popi-and-bongeka', person);
    assert.equal(pending?.optin, 'pending');
    assert.equal(pending?.optinat, '');
    assert.equal(pending?.consentversion, 'test-1');

    const message = await mailFor(person);
    assert.equal(message.headers.get('from'), FROM);
    assert.match(message.headers.get('message-id') ?? '', /^<[0-9a-f-]{36}@w4r\.endpoint>$/);
    assert.equal(message.headers.get('content-language'), 'en');
    assert.equal(message.subject, 'Please confirm: news about Popi Qwabe and Bongeka Phungula');
    assert.match(message.text, new RegExp(`^Hello ${person.firstName},`));
    assert.match(message.text, /Your signature counts already/);
    const link = linkIn(message.text);
    assert.equal(link.origin, new URL(server.url).origin.replace('127.0.0.1', 'localhost'));

    await receiver.until('signature.created', (all) => all.some((r) => r.event.data.email === person.email));
    const created = receiver.received.find((r) => r.event.data.email === person.email)!;
    assert.equal(created.event.data.optIn, 'pending');

    const confirmed = await api.get(link.pathname, { 'accept-language': 'fr' });
    assert.equal(confirmed.status, 200);
    assert.deepEqual(page(confirmed), { lang: ['en', 'ltr'], title: 'Thank you: confirmed' });
    assert.equal(
      confirmed.headers['content-security-policy'],
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
    );
    assert.match(String(confirmed.headers['content-type']), /^text\/html/);
    const row = await exported('popi-and-bongeka', person);
    assert.equal(row?.optin, 'confirmed');
    assert.ok(!Number.isNaN(Date.parse(row?.optinat ?? '')));
    await receiver.until('signature.confirmed', (all) =>
      all.some((r) => r.event.type === 'signature.confirmed' && r.event.data.email === person.email),
    );
    const event = receiver.received.find((r) => r.event.type === 'signature.confirmed')!;
    assert.equal(event.event.data.optIn, 'confirmed');
    assert.equal(event.event.data.optInAt, row?.optinat);
    assert.equal(event.event.data.consentVersion, 'test-1');

    // Used again: a clear page, and nothing changes.
    const reused = await api.get(link.pathname);
    assert.equal(reused.status, 200);
    assert.equal(page(reused).title, 'Already confirmed');
    assert.deepEqual(await exported('popi-and-bongeka', person), row);
    assert.equal(mail.to(person.email).length, 1, 'one email');
    assert.equal(
      receiver.received.filter(
        (r) => r.event.type === 'signature.confirmed' && r.event.data.email === person.email,
      ).length,
      1,
    );
  });

  it('writes the email and the page in Arabic, right to left', async () => {
    const person = signer({ firstName: 'ليلى', optIn: true, locale: 'ar' });
    assert.equal((await api.sign('nassima-al-sada', person)).status, 201);
    const message = await mailFor(person);
    assert.equal(message.headers.get('content-language'), 'ar');
    assert.equal(message.subject, 'يرجى التأكيد: أخبار عن نسيمة السادة');
    assert.match(message.text, /^مرحبًا ليلى،/);
    assert.match(message.text, /توقيعك محسوب بالفعل/);
    const confirmed = await api.get(linkIn(message.text).pathname);
    assert.equal(confirmed.status, 200);
    assert.deepEqual(page(confirmed), { lang: ['ar', 'rtl'], title: 'شكرًا لك: تم التأكيد' });
    assert.match(confirmed.text, /نسيمة السادة/);
    assert.equal((await exported('nassima-al-sada', person))?.optin, 'confirmed');
  });

  it('takes the language from the browser when the form does not say', async () => {
    const person = signer({ optIn: true });
    const answer = await api.post('/v1/cases/gustavo-gatica/signatures', person, {
      'accept-language': 'es-CL,es;q=0.9',
    });
    assert.equal(answer.status, 201);
    const message = await mailFor(person);
    assert.match(message.subject, /^Confirma, por favor/);
  });

  it('answers expired, tampered, unknown and malformed links with a page, changing nothing', async () => {
    const person = signer({ optIn: true, locale: 'en' });
    await api.sign('melike-and-ozgur', person);
    const link = linkIn((await mailFor(person)).text);
    const token = link.pathname.split('/').at(-1)!;
    const [payload, mac] = token.split('.') as [string, string];
    const flipped = `${payload.slice(0, -2)}${payload.at(-2) === 'A' ? 'B' : 'A'}${payload.at(-1)}`;
    const optInId = Buffer.from(payload, 'base64url').toString().split('.')[0]!;
    const cases: [string, string, number, string][] = [
      [
        'expired',
        makeToken(SECRET, optInId, new Date(Date.now() - 1000), 'en'),
        410,
        'This link has expired',
      ],
      ['tampered', `${flipped}.${mac}`, 400, 'This link does not work'],
      [
        'signed with another key',
        makeToken('another-secret-another-secret-000', optInId, new Date(Date.now() + 9e7), 'en'),
        400,
        'This link does not work',
      ],
      [
        'unknown',
        makeToken(SECRET, randomUUID(), new Date(Date.now() + 9e7), 'en'),
        404,
        'This link does not work',
      ],
      ['malformed', 'not-a-token', 400, 'This link does not work'],
    ];
    for (const [what, bad, status, title] of cases) {
      const answer = await api.get(`/v1/confirm/${bad}`, { 'accept-language': 'en' });
      assert.equal(answer.status, status, what);
      assert.equal(page(answer).title, title, what);
      assert.ok(answer.headers['content-security-policy'], what);
    }
    const unknownInArabic = await api.get('/v1/confirm/garbage', { 'accept-language': 'ar' });
    assert.deepEqual(page(unknownInArabic), { lang: ['ar', 'rtl'], title: 'هذا الرابط لا يعمل' });
    assert.equal((await exported('melike-and-ozgur', person))?.optin, 'pending', 'still waiting');
    // The real link still works afterwards.
    assert.equal((await api.get(link.pathname)).status, 200);
    assert.equal((await exported('melike-and-ozgur', person))?.optin, 'confirmed');
  });

  it('sends nothing to a signer who did not tick the box, and retries a relay that is busy', async () => {
    const quiet = signer();
    await api.sign('popi-and-bongeka', quiet);
    assert.equal((await exported('popi-and-bongeka', quiet))?.optin, 'none');

    mail.refuseWith = 451;
    const person = signer({ optIn: true, locale: 'en' });
    await api.sign('popi-and-bongeka', person);
    const failures = async () =>
      (
        (await api.admin('/v1/admin/webhooks/failures')).json as {
          items: { target: string; lastStatus: number }[];
        }
      ).items;
    for (let i = 0; i < 200 && !(await failures()).some((f) => f.target === 'email:'); i++)
      await new Promise((done) => setTimeout(done, 10));
    assert.equal((await failures()).find((f) => f.target === 'email:')?.lastStatus, 451);
    mail.refuseWith = null;
    const message = await mailFor(person);
    assert.match(message.subject, /^Please confirm/);
    assert.equal(mail.to(quiet.email).length, 0);
  });
});

describe('confirmation emails across a crash', () => {
  it('keeps an unsent email through a SIGKILL and sends it once after the restart', async () => {
    mail.refuseWith = 451;
    const person = signer({ optIn: true, locale: 'en' });
    assert.equal((await api.sign('gustavo-gatica', person)).status, 201);
    const emailRows = async () =>
      ((await api.admin('/v1/admin/webhooks/deliveries?limit=200')).json as { items: Json[] }).items.filter(
        (d) => d.target === 'email:' && d.caseId === 'gustavo-gatica',
      );
    for (let i = 0; i < 300 && !(await emailRows()).some((d) => d.lastStatus === 451); i++)
      await new Promise((done) => setTimeout(done, 10));
    assert.deepEqual(await server.kill(), { code: null, signal: 'SIGKILL' });
    assert.equal(mail.to(person.email).length, 0, 'nothing sent before the crash');
    mail.refuseWith = null;
    await server.start();
    api = new Api(server.url);
    await mail.until('the email after the restart', () => mail.to(person.email).length > 0);
    for (let i = 0; i < 300 && !(await emailRows()).every((d) => d.state === 'delivered'); i++)
      await new Promise((done) => setTimeout(done, 10));
    assert.ok((await emailRows()).every((d) => d.state === 'delivered'));
    assert.equal(mail.to(person.email).length, 1, 'sent once');
    assert.match(linkIn(mail.to(person.email)[0]!.text).pathname, /^\/v1\/confirm\//);
  });
});

describe('mail settings', () => {
  it('refuses to start with double opt-in and no or bad mail settings, naming the variable', async () => {
    const file = campaignWith({ optIn: { doubleOptIn: true } });
    try {
      for (const [env, field] of [
        [{}, /W4R_SMTP_URL: must be set/],
        [
          { W4R_SMTP_URL: 'http://mail.example.org', W4R_MAIL_FROM: FROM, W4R_OPT_IN_SECRET: SECRET },
          /W4R_SMTP_URL: An SMTP relay/,
        ],
        [
          { W4R_SMTP_URL: 'smtp://127.0.0.1:2525', W4R_MAIL_FROM: 'nobody', W4R_OPT_IN_SECRET: SECRET },
          /W4R_MAIL_FROM/,
        ],
        [
          { W4R_SMTP_URL: 'smtp://127.0.0.1:2525', W4R_MAIL_FROM: FROM, W4R_OPT_IN_SECRET: 'short' },
          /W4R_OPT_IN_SECRET: At least 32/,
        ],
      ] as const) {
        const endpoint = spawnEndpoint({
          PORT: '0',
          HOST: '127.0.0.1',
          W4R_DB: ':memory:',
          W4R_CONFIG: file.file,
          W4R_SMTP_URL: undefined,
          W4R_MAIL_FROM: undefined,
          W4R_OPT_IN_SECRET: undefined,
          ...env,
        });
        const exit = await endpoint.exited;
        assert.equal(exit.code, 1, endpoint.output());
        assert.match(endpoint.output(), field);
      }
    } finally {
      file.remove();
    }
  });
});
