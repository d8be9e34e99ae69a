import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

const CAMPAIGN = 'test/fixtures/campaign.json';

/** Where the test page's own origin forwards to the endpoint, as a reverse proxy in front of both would. */
export const SAME_ORIGIN_PREFIX = '/__endpoint__';

/** The `minFillMs` of the second endpoint's campaign: longer than any test takes to fill a form. */
export const MIN_FILL_MS = 3000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child) {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`the endpoint exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the endpoint did not become healthy in 15 s');
}

/**
 * Starts the real action endpoint in its own process, on its own port, with a fresh SQLite file in
 * `dataDir` and the test campaign, its settings changed by `settings`.
 */
async function startEndpoint(dataDir, settings = {}) {
  const port = await freePort();
  let config = CAMPAIGN;
  if (Object.keys(settings).length) {
    config = join(dataDir, 'campaign.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(CAMPAIGN, 'utf8')), ...settings }));
  }
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/endpoint/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      W4R_DB: join(dataDir, 'test.sqlite'),
      W4R_CONFIG: config,
      W4R_ADMIN_TOKEN: ADMIN_TOKEN,
      W4R_SKIP_BUILD: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(url, child);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, stop };
}

/**
 * Starts the real action endpoint for the browser tests and serves `/__w4r__/endpoint.js` so a test
 * can import where it runs. Being on another port, the endpoint is another origin than the test page,
 * as it is for partner sites. `/__w4r__/min-fill-endpoint.js` names a second one, started when a test
 * first asks for it, whose campaign takes a form sent within `MIN_FILL_MS` of appearing for a bot's.
 */
export function endpointPlugin() {
  let dataDir;
  let main;
  let minFill;
  const module = ({ url }, extra = '') =>
    `export const endpoint = ${JSON.stringify(url)};\nexport const adminToken = ${JSON.stringify(ADMIN_TOKEN)};\n` +
    `export const sameOriginEndpoint = ${JSON.stringify(SAME_ORIGIN_PREFIX)};\n${extra}`;
  return {
    name: 'w4r-endpoint',
    async sameOrigin(ctx, next) {
      if (ctx.path !== SAME_ORIGIN_PREFIX && !ctx.path.startsWith(`${SAME_ORIGIN_PREFIX}/`)) return next();
      const upstream = request(`${main.url}${ctx.url.slice(SAME_ORIGIN_PREFIX.length) || '/'}`, {
        method: ctx.method,
        headers: ctx.headers,
      });
      ctx.req.pipe(upstream);
      const response = await new Promise((resolve, reject) => {
        upstream.once('response', resolve);
        upstream.once('error', reject);
      });
      ctx.status = response.statusCode;
      for (const [name, value] of Object.entries(response.headers)) {
        if (name !== 'connection' && name !== 'transfer-encoding') ctx.set(name, value);
      }
      ctx.body = response;
    },
    async serverStart() {
      dataDir = mkdtempSync(join(tmpdir(), 'w4r-browser-tests-'));
      main = await startEndpoint(dataDir);
    },
    async serverStop() {
      await Promise.all([main, minFill].map(async (started) => (await started)?.stop()));
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async serve(context) {
      if (context.path === '/__w4r__/endpoint.js') return { body: module(main), type: 'js' };
      if (context.path === '/__w4r__/min-fill-endpoint.js') {
        minFill ??= startEndpoint(mkdtempSync(join(dataDir, 'min-fill-')), { minFillMs: MIN_FILL_MS });
        const extra = `export const minFillMs = ${MIN_FILL_MS};\n`;
        return { body: module(await minFill, extra), type: 'js' };
      }
    },
  };
}
