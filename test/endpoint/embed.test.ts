/** `/embed/:case`, the page an iframe shows, `/embed`, the page that gives its code, and `/oembed`. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURES, startServer, type TestServer } from './support/server.js';
import { Api, type Answer } from './support/http.js';

const PARTNER = 'https://partner.example.org';
const SHARE_URL = 'https://www.example.org/cases/gustavo-gatica';
const PUBLIC_URL = 'https://actions.example.org';

/** What the wall tests post: each must come back as text or be refused, never as markup. */
const HOSTILE = [
  `<script>window.w4rPwned = true</script>`,
  `<img src=x onerror="window.w4rPwned = true">`,
  `"><svg onload="window.w4rPwned = true">`,
  `javascript:window.w4rPwned=true`,
  '${window.w4rPwned = true} {{constructor.constructor("window.w4rPwned = true")()}}',
  `' onmouseover='window.w4rPwned=true`,
];

let dir: string;
let open: TestServer;
let listed: TestServer;
/** An endpoint behind a public address: the one it writes into pages, whatever Host it was asked for. */
let published: TestServer;
let api: Api;
let partnerApi: Api;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'w4r-embed-test-'));
  const campaign = JSON.parse(readFileSync(join(FIXTURES, 'campaign.json'), 'utf8'));
  const gustavo = campaign.cases.find((entry: { id: string }) => entry.id === 'gustavo-gatica');
  gustavo.share = { ...gustavo.share, url: SHARE_URL };
  const write = (name: string, origins: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ ...campaign, origins }));
    return file;
  };
  [open, listed, published] = await Promise.all([
    startServer({ config: write('any-origin.json', ['*']) }),
    startServer({ config: write('partner-origin.json', [PARTNER]) }),
    startServer({ config: write('published.json', ['*']), env: { W4R_PUBLIC_URL: `${PUBLIC_URL}/` } }),
  ]);
  api = new Api(open.url);
  partnerApi = new Api(listed.url);
});
after(async () => {
  await Promise.all([open?.cleanup(), listed?.cleanup(), published?.cleanup()]);
  rmSync(dir, { recursive: true, force: true });
});

const directives = (answer: Answer) =>
  String(answer.headers['content-security-policy'] ?? '')
    .split(';')
    .map((directive) => directive.trim());

const tags = (text: string) => [...text.matchAll(/<(w4r-[a-z-]+)\b([^>]*)>/g)].map((match) => match[1]);

function assertNoMarkupFrom(text: string, hostile: string) {
  for (const dangerous of ['<script>window', '<img src=x', '<svg onload', "' onmouseover='", '" onerror']) {
    if (hostile.includes(dangerous)) assert.ok(!text.includes(dangerous), `${dangerous} came back`);
  }
}

describe('the embed page', () => {
  it('shows the case card, counter, petition and share buttons by default, with the bundle and its height script', async () => {
    const answer = await api.get('/embed/gustavo-gatica');
    assert.equal(answer.status, 200, answer.text);
    assert.match(String(answer.headers['content-type']), /^text\/html/);
    assert.deepEqual(tags(answer.text), [
      'w4r-campaign',
      'w4r-case-card',
      'w4r-counter',
      'w4r-petition',
      'w4r-share',
    ]);
    assert.match(answer.text, /<script src="\/w4r\.js" defer><\/script>/);
    assert.match(answer.text, /<script src="\/embed\/frame\.js" defer><\/script>/);
    assert.match(answer.text, /<w4r-campaign\s+endpoint="\/"\s+locale="en"/);
    assert.match(answer.text, /<title>Gustavo Gatica — Endpoint test campaign<\/title>/);
  });

  it('shows the widgets the query names, in its order, in its language, theme and source', async () => {
    const answer = await api.get(
      '/embed/nassima-al-sada?widgets=petition,case-card&locale=ar&theme=amnesty&source=partner-ngo',
    );
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(tags(answer.text), ['w4r-campaign', 'w4r-petition', 'w4r-case-card']);
    assert.match(answer.text, /<html lang="ar" dir="rtl">/);
    assert.match(answer.text, /locale="ar"/);
    assert.match(answer.text, /theme="amnesty"/);
    assert.match(answer.text, /source="partner-ngo"/);
  });

  it('carries a strict policy of its own, framed by any page when the campaign allows any origin', async () => {
    const answer = await api.get('/embed/gustavo-gatica');
    const policy = directives(answer);
    for (const wanted of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      'frame-ancestors *',
    ]) {
      assert.ok(policy.includes(wanted), `${wanted} in ${policy.join('; ')}`);
    }
    assert.ok(!policy.join(';').includes('unsafe'), policy.join('; '));
    assert.equal(answer.headers['x-frame-options'], undefined);
  });

  it('may be framed only by the campaign’s origins when it lists them', async () => {
    const answer = await partnerApi.get('/embed/gustavo-gatica');
    assert.ok(
      directives(answer).includes(`frame-ancestors 'self' ${PARTNER}`),
      directives(answer).join('; '),
    );
    const refusal = await partnerApi.get('/embed/nobody');
    assert.ok(directives(refusal).includes(`frame-ancestors 'self' ${PARTNER}`));
  });

  it('points oEmbed consumers to its description', async () => {
    const answer = await api.get('/embed/gustavo-gatica?locale=es');
    const link = /<link\s+rel="alternate"\s+type="application\/json\+oembed"\s+href="([^"]+)"/.exec(
      answer.text,
    );
    assert.ok(link, answer.text);
    const href = link[1]!.replaceAll('&amp;', '&');
    const described = new URL(href);
    assert.equal(described.origin + described.pathname, `${open.url}/oembed`);
    assert.equal(described.searchParams.get('url'), `${open.url}/embed/gustavo-gatica?locale=es`);
    const oembed = await api.get(described.pathname + described.search);
    assert.equal(oembed.status, 200, oembed.text);
  });

  it('says in words which choice it cannot show: 400 for a widget, language or theme, 404 for a case', async () => {
    const cases: [string, number, RegExp][] = [
      [
        '/embed/gustavo-gatica?widgets=case-card,poll',
        400,
        /<code>widgets\.1<\/code>: Each one of: case-card, counter/,
      ],
      ['/embed/gustavo-gatica?widgets=petition,petition', 400, /Name each widget once/],
      ['/embed/gustavo-gatica?locale=xx', 400, /<code>locale<\/code>: One of: ar, en, es, fr, tr/],
      ['/embed/gustavo-gatica?theme=neon', 400, /<code>theme<\/code>: One of: default, amnesty/],
      ['/embed/gustavo-gatica?source=a%20b', 400, /<code>source<\/code>: Letters, digits/],
      [`/embed/gustavo-gatica?source=${'a'.repeat(2000)}`, 400, /At most 1000 characters/],
      ['/embed/nobody', 404, /There is no case “nobody” in Endpoint test campaign/],
    ];
    for (const [path, status, words] of cases) {
      const answer = await api.get(path);
      assert.equal(answer.status, status, path);
      assert.match(String(answer.headers['content-type']), /^text\/html/, path);
      assert.match(answer.text, words, path);
      assert.ok(!answer.text.includes('<w4r-'), `${path}: no widgets on a refusal`);
    }
  });

  it('never writes a hostile value from the query or the path into the page as markup', async () => {
    for (const hostile of HOSTILE) {
      const value = encodeURIComponent(hostile);
      for (const path of [
        `/embed/gustavo-gatica?widgets=${value}`,
        `/embed/gustavo-gatica?locale=${value}`,
        `/embed/gustavo-gatica?theme=${value}`,
        `/embed/gustavo-gatica?source=${value}`,
        `/embed/${value}`,
        `/embed?case=gustavo-gatica&source=${value}`,
      ]) {
        const answer = await api.get(path);
        assert.ok(answer.status === 400 || answer.status === 404, `${path}: ${answer.status}`);
        assertNoMarkupFrom(answer.text, hostile);
      }
    }
  });
});

describe('the height scripts', () => {
  it('serves frame.js, which posts to the framing page’s origin and never to "*"', async () => {
    const answer = await api.get('/embed/frame.js');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^text\/javascript/);
    assert.match(answer.text, /postMessage\(\{ type: 'w4r:height', height \}, target\)/);
    assert.ok(!answer.text.includes("'*'"));
  });

  it('serves embed.js for the framing page', async () => {
    const answer = await api.get('/embed.js');
    assert.equal(answer.status, 200);
    assert.match(answer.text, /event\.origin !== endpoint/);
    assert.match(answer.text, /contentWindow === event\.source/);
  });
});

describe('the embed code page', () => {
  it('gives the iframe, the shortcode and the address for the chosen case and widgets', async () => {
    const answer = await api.get('/embed?case=gustavo-gatica&widget=case-card&widget=petition&theme=amnesty');
    assert.equal(answer.status, 200, answer.text);
    // The snippet is HTML shown as text: its own `&amp;` is escaped once more inside the textarea.
    const iframe = `&lt;iframe src=&quot;${open.url}/embed/gustavo-gatica?widgets=case-card%2Cpetition&amp;amp;theme=amnesty&quot; title=&quot;Gustavo Gatica&quot;`;
    assert.ok(answer.text.includes(iframe), answer.text);
    assert.ok(
      answer.text.includes(
        '[w4r case=&quot;gustavo-gatica&quot; widgets=&quot;case-card,petition&quot; theme=&quot;amnesty&quot;]',
      ),
      answer.text,
    );
    assert.ok(
      answer.text.includes(`&lt;script src=&quot;${open.url}/embed.js&quot; async&gt;&lt;/script&gt;`),
    );
    assert.match(
      answer.text,
      /<iframe src="[^"]+\/embed\/gustavo-gatica\?widgets=case-card%2Cpetition&amp;theme=amnesty" title="Gustavo Gatica" class="preview">/,
    );
    assert.ok(directives(answer).includes("frame-ancestors 'self'"));
  });

  it('lists every case when none is chosen, and names what it cannot use', async () => {
    const answer = await api.get('/embed?case=gustavo-gatica&theme=neon');
    assert.equal(answer.status, 400);
    assert.match(answer.text, /<code>theme<\/code>: One of: default, amnesty/);
    const list = await api.get('/embed');
    assert.equal(list.status, 200);
    for (const name of ['Gustavo Gatica', 'Nassima al-Sada', 'Popi Qwabe and Bongeka Phungula']) {
      assert.ok(list.text.includes(name), name);
    }
  });
});

describe('oEmbed', () => {
  const ask = (server: TestServer, params: Record<string, string>) =>
    new Api(server.url).get(`/oembed?${new URLSearchParams(params)}`);

  it('describes an embed page as a rich oEmbed 1.0 answer with its iframe', async () => {
    const url = `${open.url}/embed/gustavo-gatica?widgets=case-card,petition&locale=es`;
    const answer = await ask(open, { url, format: 'json' });
    assert.equal(answer.status, 200, answer.text);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const body = answer.json as Record<string, unknown>;
    assert.equal(body.version, '1.0');
    assert.equal(body.type, 'rich');
    assert.equal(body.title, 'Gustavo Gatica');
    assert.equal(body.provider_name, 'Endpoint test campaign');
    assert.equal(body.provider_url, `${open.url}/`);
    assert.equal(body.width, 680);
    assert.equal(body.height, 900);
    const html = String(body.html);
    assert.match(
      html,
      new RegExp(
        `^<iframe src="${open.url}/embed/gustavo-gatica\\?widgets=case-card%2Cpetition&amp;locale=es" title="Gustavo Gatica" width="680" height="900"`,
      ),
    );
    assert.match(html, /<script src="[^"]+\/embed\.js" async><\/script>$/);
  });

  it('keeps within maxwidth and maxheight', async () => {
    const answer = await ask(open, {
      url: `${open.url}/embed/gustavo-gatica`,
      maxwidth: '320',
      maxheight: '480',
    });
    const body = answer.json as { width: number; height: number; html: string };
    assert.equal(body.width, 320);
    assert.equal(body.height, 480);
    assert.match(body.html, /width="320" height="480" style="border:0;width:320px;max-width:100%"/);
    const roomy = (await ask(open, { url: `${open.url}/embed/gustavo-gatica`, maxwidth: '5000' })).json as {
      width: number;
    };
    assert.equal(roomy.width, 680);
  });

  it('describes a case by its share address too', async () => {
    const answer = await ask(listed, { url: `${SHARE_URL}#sign` });
    assert.equal(answer.status, 200, answer.text);
    assert.match(
      (answer.json as { html: string }).html,
      new RegExp(`src="${listed.url}/embed/gustavo-gatica"`),
    );
  });

  it('answers 404 for an address that is not a case of this endpoint, 501 for XML, 400 for bad values', async () => {
    const refusals: [Record<string, string>, number, string][] = [
      [{ url: 'https://elsewhere.example/embed/gustavo-gatica' }, 404, 'not_found'],
      [{ url: `${open.url}/embed/nobody` }, 404, 'not_found'],
      [{ url: `${open.url}/v1/cases/gustavo-gatica` }, 404, 'not_found'],
      [{ url: `${open.url}/embed/gustavo-gatica`, format: 'xml' }, 501, 'not_implemented'],
      [{ url: `${open.url}/embed/gustavo-gatica`, format: 'yaml' }, 400, 'validation_failed'],
      [{ url: 'javascript:alert(document.domain)' }, 400, 'validation_failed'],
      [{ url: 'not a url' }, 400, 'validation_failed'],
      [{ url: `${open.url}/embed/gustavo-gatica?theme=neon` }, 400, 'validation_failed'],
      [{ url: `${open.url}/embed/gustavo-gatica`, maxwidth: '-1' }, 400, 'validation_failed'],
      [{ url: `${open.url}/embed/gustavo-gatica`, maxwidth: 'wide' }, 400, 'validation_failed'],
      [{ url: `${open.url}/embed/${'a'.repeat(1200)}` }, 400, 'validation_failed'],
      [{}, 400, 'validation_failed'],
    ];
    for (const [params, status, code] of refusals) {
      const answer = await ask(open, params);
      assert.equal(answer.status, status, `${JSON.stringify(params).slice(0, 120)}: ${answer.text}`);
      assert.equal((answer.json as { error: { code: string } }).error.code, code);
    }
  });

  it('never answers with markup made of a hostile value', async () => {
    for (const hostile of HOSTILE) {
      const answer = await ask(open, {
        url: `${open.url}/embed/gustavo-gatica?source=${encodeURIComponent(hostile)}`,
      });
      assert.equal(answer.status, 400);
      assertNoMarkupFrom(answer.text, hostile);
    }
  });
});

describe('addresses behind a public URL', () => {
  // A client chooses the Host it sends; with W4R_PUBLIC_URL set, no address in a page may come from it.
  const rebound = { host: 'rebind.example', 'x-forwarded-host': 'rebind.example' };

  it('writes the public URL into the embed page’s oEmbed link, whatever the Host', async () => {
    const answer = await new Api(published.url).get('/embed/gustavo-gatica', rebound);
    assert.equal(answer.status, 200, answer.text);
    const oembed = `${PUBLIC_URL}/oembed?url=${encodeURIComponent(`${PUBLIC_URL}/embed/gustavo-gatica`)}`;
    assert.ok(answer.text.includes(`href="${oembed}&amp;format=json"`), answer.text);
    assert.ok(!answer.text.includes('rebind.example'));
  });

  it('writes it into the code page’s iframe and script', async () => {
    const answer = await new Api(published.url).get('/embed?case=gustavo-gatica', rebound);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(answer.text.includes(`&lt;iframe src=&quot;${PUBLIC_URL}/embed/gustavo-gatica&quot;`));
    assert.ok(answer.text.includes(`&lt;script src=&quot;${PUBLIC_URL}/embed.js&quot; async&gt;`));
    assert.ok(!answer.text.includes('rebind.example'));
  });

  it('describes its embed pages by the public URL and refuses the Host’s', async () => {
    const api = new Api(published.url);
    const url = `${PUBLIC_URL}/embed/gustavo-gatica`;
    const answer = await api.get(`/oembed?${new URLSearchParams({ url })}`, rebound);
    assert.equal(answer.status, 200, answer.text);
    const body = answer.json as { provider_url: string; html: string };
    assert.equal(body.provider_url, `${PUBLIC_URL}/`);
    assert.match(body.html, new RegExp(`^<iframe src="${url}"`));
    assert.match(body.html, new RegExp(`<script src="${PUBLIC_URL}/embed\\.js" async>`));
    const byHost = `http://rebind.example/embed/gustavo-gatica`;
    const refused = await api.get(`/oembed?${new URLSearchParams({ url: byHost })}`, rebound);
    assert.equal(refused.status, 404, refused.text);
  });
});

describe('compression of the embed pages', () => {
  for (const path of ['/embed/gustavo-gatica', '/embed?case=gustavo-gatica']) {
    it(`sends ${path} brotli- or gzip-compressed to a client that takes it, and plain to one that does not`, async () => {
      const plain = await api.get(path);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.headers.vary, 'Accept-Encoding');
      assert.match(plain.text, /^<!doctype html>/);
      const br = await api.get(path, { 'accept-encoding': 'gzip, br' });
      assert.equal(br.status, plain.status);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.vary, 'Accept-Encoding');
      assert.match(String(br.headers['content-type']), /^text\/html/);
      assert.ok(br.headers['content-security-policy'], 'the policy stays');
      assert.ok(br.body.length < plain.body.length, `${br.body.length} < ${plain.body.length}`);
      assert.equal(brotliDecompressSync(br.body).toString(), plain.text);
      const gzip = await api.get(path, { 'accept-encoding': 'gzip' });
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gzip.body).toString(), plain.text);
    });
  }
});
