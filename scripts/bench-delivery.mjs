#!/usr/bin/env node
// `npm run bench:delivery`: what four kinds of page cost a supporter on a slow phone network, with the
// loader (/w4r.js) and, for comparison, with the all-in-one script (/w4r.all.js). Starts the endpoint
// on the built dist/ (run `npm run build` first), opens each page cold (no cache) in Chromium throttled
// by CDP Network.emulateNetworkConditions (400 ms round trip, 400 kbit/s down and up), and prints the
// bytes the browser received (compressed, headers included), the number of requests, and the time from
// navigation until every widget on the page is ready to use. `--runs N` opens each page N times and
// prints the median.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/support/chromium.mjs';
import { PAGE_TYPES } from './page-weight.mjs';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 1;
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const SCRIPTS = { loader: '/w4r.js', 'all-in-one': '/w4r.all.js' };

/** What shows that each widget is ready: a selector inside its shadow root. */
const READY = {
  'w4r-case-card': '[part="action"]',
  'w4r-petition': 'form button[type="submit"]',
  'w4r-counter': '[role="progressbar"]',
  'w4r-solidarity-wall': '[part="list"][aria-busy="false"]',
  'w4r-letter': 'textarea',
  'w4r-share': 'ul',
};

for (const file of ['dist/w4r.js', 'dist/w4r.all.js', 'dist/chunks/release.json']) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function startEndpoint() {
  const dataDir = mkdtempSync(join(tmpdir(), 'w4r-bench-delivery-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/endpoint/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      W4R_DB: join(dataDir, 'w4r.sqlite'),
      W4R_SKIP_BUILD: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      if (attempt > 150) throw new Error('the endpoint did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const INLINE_CASE = readFileSync('test/fixtures/hostile.html', 'utf8').match(
  /<w4r-case-card id="card"[^>]*>\s*(<script type="application\/json">[\s\S]*?<\/script>)/,
)[1];

/** The pages, as a partner would write them; the full campaign page is the endpoint's own demo page. */
const PAGES = {
  blogger: () => `<w4r-case-card>${INLINE_CASE}</w4r-case-card>`,
  petition: () =>
    '<w4r-campaign endpoint="" campaign="write-for-rights-2020">' +
    '<w4r-counter case="gustavo-gatica"></w4r-counter><w4r-petition case="gustavo-gatica"></w4r-petition></w4r-campaign>',
  wall: () => '<w4r-solidarity-wall endpoint="" case="gustavo-gatica"></w4r-solidarity-wall>',
  events: () =>
    '<w4r-campaign endpoint="" campaign="write-for-rights-2020"><w4r-events case="gustavo-gatica"></w4r-events></w4r-campaign>',
};

const page = (body, script) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner page</title>` +
  `<link rel="stylesheet" href="/w4r.css"><script src="${script}" async></script></head>` +
  `<body><main><h1>Write for Rights</h1>${body}</main></body></html>`;

/**
 * The partner's site in front of the endpoint, as a reverse proxy would be: `/bench/<page>?script=…`
 * is a page, everything else goes to the endpoint as it is (compression included).
 */
function startSite(endpoint) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://site');
    const [, bench, name] = url.pathname.split('/');
    if (bench === 'bench') {
      const script = SCRIPTS[url.searchParams.get('script')];
      let html;
      if (name === 'campaign') {
        html = (await (await fetch(`${endpoint}/`)).text())
          .replace('<head>', '<head><base href="/">')
          .replace('src="w4r.js"', `src="${script}"`);
      } else html = page(PAGES[name](), script);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(html);
    }
    const upstream = request(`${endpoint}${req.url}`, { method: req.method, headers: req.headers });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** One cold visit: bytes received by kind, requests, and milliseconds until every widget is ready. */
async function visit(browser, url) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, request: sent }) => {
    if (!sent.url.startsWith('data:')) requests.set(requestId, { url: sent.url, bytes: 0, finished: false });
  });
  cdp.on('Network.dataReceived', ({ requestId, encodedDataLength }) => {
    const seen = requests.get(requestId);
    if (seen && !seen.finished) seen.bytes += encodedDataLength;
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const seen = requests.get(requestId);
    if (seen) Object.assign(seen, { bytes: encodedDataLength, finished: true });
  });
  await tab.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  const interactiveMs = await tab.evaluate(
    (ready) =>
      new Promise((resolve) => {
        const check = () => {
          const widgets = Object.keys(ready).flatMap((tag) => [...document.querySelectorAll(tag)]);
          const done =
            widgets.length > 0 &&
            widgets.every((widget) => widget.shadowRoot?.querySelector(ready[widget.localName]));
          if (done) resolve(performance.now());
          else setTimeout(check, 25);
        };
        check();
      }),
    READY,
  );
  // Whatever the page still fetches right after (a language, a photo) counts too.
  await tab.waitForTimeout(1000);
  await context.close();
  const kindOf = ({ url: address }) => {
    const { pathname } = new URL(address);
    if (pathname.startsWith('/v1/')) return 'data';
    if (/\.(js|css)$/.test(pathname)) return 'code';
    return 'other';
  };
  const totals = { code: 0, data: 0, other: 0 };
  for (const seen of requests.values()) totals[kindOf(seen)] += seen.bytes;
  return { ...totals, requests: requests.size, interactiveMs };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const endpoint = await startEndpoint();
const site = await startSite(endpoint.url);
const origin = `http://127.0.0.1:${site.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const rows = [];
try {
  for (const [name, type] of Object.entries(PAGE_TYPES)) {
    for (const script of Object.keys(SCRIPTS)) {
      const runs = [];
      for (let run = 0; run < RUNS; run++)
        runs.push(await visit(browser, `${origin}/bench/${name}?script=${script}`));
      const pick = (key) => median(runs.map((each) => each[key]));
      rows.push([
        type.title,
        SCRIPTS[script],
        kb(pick('code')),
        kb(pick('data')),
        kb(pick('code') + pick('data') + pick('other')),
        String(pick('requests')),
        `${(pick('interactiveMs') / 1000).toFixed(1)} s`,
      ]);
      process.stderr.write('.');
    }
  }
} finally {
  await browser.close();
  site.close();
  endpoint.stop();
}
process.stderr.write('\n');
const header = ['page', 'script', 'scripts and CSS', 'API data', 'everything', 'requests', 'interactive'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column].length)),
);
const line = (cells) =>
  `| ${cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
console.log(
  `Slow 3G (400 ms round trip, 400 kbit/s), cold cache, ${RUNS} run(s) each, bytes as received (compressed, with headers):\n`,
);
console.log(line(header));
console.log(
  `| ${widths.map((width, column) => (column < 2 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`,
);
for (const row of rows) console.log(line(row));
