import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Where the test page's own origin forwards to the endpoint, as a reverse proxy in front of both would. */
export const SAME_ORIGIN_PREFIX = '/__endpoint__';

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
 * Starts the real action endpoint (its own process, its own port, a fresh SQLite file) for the browser
 * tests, and serves `/__w4r__/endpoint.js` so a test can import where it runs. Being on another port,
 * the endpoint is another origin than the test page, as it is for partner sites.
 *
 * `sameOrigin` is a middleware for the runner's `middleware` list: it forwards `/__endpoint__/…` to the
 * endpoint untouched, headers (Host too) and streams both ways, so a test can open a page the endpoint
 * serves for itself (the moderation page) on the test page's own origin, and look inside it.
 */
export function endpointPlugin() {
  let child;
  let dataDir;
  let url;
  return {
    name: 'w4r-endpoint',
    async sameOrigin(ctx, next) {
      if (ctx.path !== SAME_ORIGIN_PREFIX && !ctx.path.startsWith(`${SAME_ORIGIN_PREFIX}/`)) return next();
      const upstream = request(`${url}${ctx.url.slice(SAME_ORIGIN_PREFIX.length) || '/'}`, {
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
      const port = await freePort();
      dataDir = mkdtempSync(join(tmpdir(), 'w4r-browser-tests-'));
      url = `http://127.0.0.1:${port}`;
      child = spawn(process.execPath, ['--import', 'tsx', 'src/endpoint/main.ts'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          W4R_DB: join(dataDir, 'test.sqlite'),
          W4R_CONFIG: 'test/fixtures/campaign.json',
          W4R_ADMIN_TOKEN: ADMIN_TOKEN,
          W4R_SKIP_BUILD: '1',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitForHealth(url, child);
    },
    async serverStop() {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    serve(context) {
      if (context.path === '/__w4r__/endpoint.js') {
        return {
          body: [
            `export const endpoint = ${JSON.stringify(url)};`,
            `export const adminToken = ${JSON.stringify(ADMIN_TOKEN)};`,
            `export const sameOriginEndpoint = ${JSON.stringify(SAME_ORIGIN_PREFIX)};`,
            '',
          ].join('\n'),
          type: 'js',
        };
      }
    },
  };
}
