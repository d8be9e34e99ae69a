/**
 * The WordPress plugin in a real WordPress (Debian's, on MariaDB, served by PHP's own server): installed
 * from the zip `npm run build:wordpress` makes, activated, set to the real endpoint, and posts with the
 * shortcode and the blocks fetched over HTTP as a reader gets them. Needs the packages that
 * `scripts/wordpress-test-site.sh install` adds, so it runs only with W4R_TEST_WORDPRESS=1. The last test
 * signs a post's petition in Chromium, with the endpoint's built w4r.js (`npm run build` first).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';
import { Api } from './support/http.js';
import { FIXTURES, freePort, startServer, type TestServer } from './support/server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SITE_SCRIPT = join(ROOT, 'scripts/wordpress-test-site.sh');
const ZIP = join(ROOT, 'dist/w4r-widgets-wordpress.zip');
const enabled = process.env.W4R_TEST_WORDPRESS === '1';

/** What the wall tests post, here as shortcode and block attributes. */
const HOSTILE = [
  `"><script>window.w4rPwned = true</script>`,
  `<img src=x onerror="window.w4rPwned = true">`,
  `' onmouseover='window.w4rPwned=true`,
  `javascript:window.w4rPwned=true`,
];

const block = (name: string, attributes: Record<string, string>) =>
  `<!-- wp:w4r/${name} ${JSON.stringify(attributes)} /-->`;

interface Site {
  posts: { title: string; url: string }[];
  settings: Record<string, string>;
}

describe(
  'the WordPress plugin in a real WordPress',
  { skip: !enabled && 'set W4R_TEST_WORDPRESS=1 (after scripts/wordpress-test-site.sh install) to run it' },
  () => {
    let dir: string;
    let endpoint: TestServer;
    let site: Site;
    const page = async (title: string) => {
      const post = site.posts.find((each) => each.title === title)!;
      const response = await fetch(post.url);
      assert.equal(response.status, 200, post.url);
      return response.text();
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'w4r-wordpress-test-'));
      execFileSync('npm', ['run', '--silent', 'build:wordpress'], { cwd: ROOT, stdio: 'ignore' });
      // The blog is the partner: the campaign lists its origin, as a section lists a partner's site.
      const port = await freePort();
      const campaign = JSON.parse(readFileSync(join(FIXTURES, 'campaign.json'), 'utf8')) as object;
      const config = join(dir, 'campaign.json');
      writeFileSync(config, JSON.stringify({ ...campaign, origins: [`http://127.0.0.1:${port}`] }));
      endpoint = await startServer({ config });
      execFileSync(SITE_SCRIPT, ['start', dir, String(port)], { stdio: 'inherit' });
      const input = {
        // Saved through the plugin's sanitising: the path and the slash go, a bad theme becomes the default.
        settings: { endpoint: `${endpoint.url}/some/path/`, locale: 'es', theme: 'neon', mode: 'script' },
        posts: [
          {
            title: 'Shortcode',
            content: '[w4r case="gustavo-gatica" widgets="case-card,petition" source="my-blog"]',
          },
          {
            title: 'Blocks',
            content:
              block('case-card', { case: 'nassima-al-sada' }) +
              block('petition', { case: 'nassima-al-sada', theme: 'amnesty' }),
          },
          {
            title: 'Frame',
            content: '[w4r case="gustavo-gatica" widgets="counter,share" mode="iframe" locale="fr"]',
          },
          {
            title: 'Hostile',
            content: [
              ...HOSTILE.flatMap((value) => [
                block('petition', { case: value }),
                block('petition', { case: 'gustavo-gatica', source: value }),
                block('counter', { case: 'gustavo-gatica', locale: value }),
                block('share', { case: 'gustavo-gatica', theme: value, mode: value }),
              ]),
              `[w4r case="gustavo-gatica" widgets="petition,poll"]`,
              `[w4r case="Gustavo Gatica"]`,
              block('counter', { case: 'gustavo-gatica' }),
            ].join('\n'),
          },
        ],
      };
      const output = execFileSync(
        'php',
        [join(ROOT, 'test/wordpress/setup-site.php'), join(dir, 'site'), ZIP, JSON.stringify(input)],
        {
          encoding: 'utf8',
        },
      );
      site = JSON.parse(output) as Site;
    });

    after(async () => {
      if (dir) {
        execFileSync(SITE_SCRIPT, ['stop', dir], { stdio: 'inherit' });
        rmSync(dir, { recursive: true, force: true });
      }
      await endpoint?.cleanup();
    });

    it('keeps the settings as sanitised: the endpoint’s origin only, a known theme', () => {
      assert.deepEqual(site.settings, {
        endpoint: endpoint.url,
        locale: 'es',
        theme: 'default',
        mode: 'script',
      });
    });

    it('draws the shortcode’s widgets in the page and loads w4r.js from the endpoint', async () => {
      const text = await page('Shortcode');
      assert.ok(
        text.includes(
          `<w4r-campaign endpoint="${endpoint.url}" locale="es" source="my-blog">` +
            '<w4r-case-card case="gustavo-gatica"></w4r-case-card><w4r-petition case="gustavo-gatica"></w4r-petition>' +
            '</w4r-campaign>',
        ),
        text,
      );
      assert.match(text, new RegExp(`<script[^>]+src='${endpoint.url}/w4r\\.js'`));
      assert.equal(text.match(/\/w4r\.js'/g)?.length, 1, 'the script once');
    });

    it('draws each block as its widget, with the block’s theme', async () => {
      const text = await page('Blocks');
      assert.ok(text.includes('<w4r-case-card case="nassima-al-sada"></w4r-case-card>'), text);
      assert.ok(
        text.includes(
          `<w4r-campaign endpoint="${endpoint.url}" locale="es" theme="amnesty"><w4r-petition case="nassima-al-sada">`,
        ),
        text,
      );
      assert.match(text, new RegExp(`src='${endpoint.url}/w4r\\.js'`));
    });

    it('puts the endpoint’s frame, and embed.js instead of w4r.js, where the frame is asked for', async () => {
      const text = await page('Frame');
      const frame = /<iframe src="([^"]+)" title="gustavo-gatica"[^>]*data-w4r-embed><\/iframe>/.exec(text);
      assert.ok(frame, text);
      const src = frame[1]!.replaceAll('&#038;', '&').replaceAll('&amp;', '&');
      assert.equal(src, `${endpoint.url}/embed/gustavo-gatica?widgets=counter%2Cshare&locale=fr`);
      assert.match(text, new RegExp(`src='${endpoint.url}/embed\\.js'`));
      assert.ok(!text.includes('/w4r.js'));
      // The frame's address is one the endpoint serves.
      const embed = await fetch(src);
      assert.equal(embed.status, 200);
    });

    it('shows readers nothing for a value it refuses, and never writes one into the page', async () => {
      const text = await page('Hostile');
      const article = /<article>([\s\S]*)<\/article>/.exec(text)![1]!;
      // Only the one valid block is drawn; every other one is refused whole.
      assert.deepEqual(
        [...article.matchAll(/<w4r-[a-z-]+ [^>]*>/g)].map((match) => match[0]),
        [`<w4r-campaign endpoint="${endpoint.url}" locale="es">`, '<w4r-counter case="gustavo-gatica">'],
      );
      for (const dangerous of [
        '<script>window',
        '<img src=x',
        "' onmouseover='",
        'javascript:',
        'w4rPwned',
      ]) {
        assert.ok(!article.includes(dangerous), `${dangerous} reached the page`);
      }
    });

    it(
      'signs the petition of a post in the browser, counted by the endpoint',
      { timeout: 60_000 },
      async () => {
        // The public count moves in coarse steps; the delivery export lists each signer.
        const lastName = `Blogger${crypto.randomUUID().slice(0, 8)}`;
        const signers = async () =>
          (await new Api(endpoint.url).admin('/v1/admin/cases/gustavo-gatica/signatures.csv')).text;
        const browser = await chromium.launch({
          executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
          args: CHROMIUM_ARGS,
        });
        try {
          const tab = await browser.newPage();
          const errors: string[] = [];
          tab.on('pageerror', (error) => errors.push(error.message));
          await tab.goto(site.posts.find((post) => post.title === 'Shortcode')!.url);
          const petition = tab.locator('w4r-petition');
          await petition.getByLabel(/^Nombre/).fill('Ana');
          await petition.getByLabel(/^Apellidos/).fill(lastName);
          await petition.getByLabel(/^Correo electrónico/).fill(`signer-${crypto.randomUUID()}@example.org`);
          await petition.getByLabel(/^Acepto/).check();
          await petition.getByRole('button', { name: /^Firma la petición/ }).click();
          await petition.getByRole('heading', { name: '¡Gracias por firmar!' }).waitFor({ timeout: 15_000 });
          assert.deepEqual(errors, []);
        } finally {
          await browser.close();
        }
        assert.match(await signers(), new RegExp(`Ana ${lastName},`));
      },
    );
  },
);
