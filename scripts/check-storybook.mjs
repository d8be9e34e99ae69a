// Opens every story of the built Storybook (storybook-static/) in Chromium and fails unless each one
// rendered a w4r-* widget with content in its shadow root and raised no page error. A Storybook build
// exits 0 even when every story is broken, so only a browser can tell.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/support/chromium.mjs';

const root = resolve('storybook-static');
if (!existsSync(join(root, 'index.json'))) {
  console.error('storybook-static/index.json is missing: run `npm run build-storybook` first.');
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    response.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}`;

const { entries } = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const stories = Object.values(entries).filter((entry) => entry.type === 'story');

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});

/** In the page: the first w4r-* widget (not the campaign wrapper) whose shadow root has content. */
function renderedWidget() {
  const search = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (
        element.localName.startsWith('w4r-') &&
        element.localName !== 'w4r-campaign' &&
        element.shadowRoot?.childElementCount
      ) {
        return element.localName;
      }
      if (element.shadowRoot) {
        const inner = search(element.shadowRoot);
        if (inner) return inner;
      }
    }
    return null;
  };
  return search(document.querySelector('#storybook-root') ?? document.body);
}

const failures = [];
try {
  const context = await browser.newContext();
  for (const story of stories) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
    const widget = await page
      .waitForFunction(renderedWidget, undefined, { timeout: 15_000 })
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    const storybookError = await page.evaluate(() =>
      document.body.classList.contains('sb-show-errordisplay')
        ? (document.querySelector('#error-message')?.textContent ?? 'Storybook shows an error')
        : null,
    );
    if (storybookError) errors.push(storybookError);
    if (!widget) errors.push('no w4r-* widget rendered content in its shadow root');
    if (errors.length) failures.push(`${story.id}: ${errors.join('; ')}`);
    else console.log(`ok  ${story.id} (<${widget}>)`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.error(`\n${failures.length} of ${stories.length} stories did not render:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`\nAll ${stories.length} stories rendered.`);
