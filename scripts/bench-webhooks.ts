/**
 * What webhooks cost signing. Signatures per second: the real endpoint (temp SQLite, synchronous durability, huge rate limits)
 * against a bare node:http handler that only reads the JSON body and answers 201, this machine's
 * ceiling. autocannon, 50 connections, ~10 s each (BENCH_SECONDS), a unique email and Idempotency-Key
 * per request. Afterwards the endpoint's stored count must equal the 201s it sent.
 *
 * The endpoint runs four times: with no webhook, and with a receiver listening for signature.created
 * that answers 204, one that never answers (every attempt hangs until its timeout) and one that
 * answers 500 at once: a receiver in trouble must not slow signing more than a healthy one. The
 * endpoint without webhooks runs again at the end, to show how far the machine drifted meanwhile.
 *
 *   npm run bench:webhooks
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { ADMIN_TOKEN, FIXTURES, freePort, startServer } from '../test/endpoint/support/server.js';

interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}

interface Tracker {
  on(event: 'response', listener: (client: unknown, statusCode: number) => void): void;
}

type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    requests: {
      method: string;
      path: string;
      headers: Record<string, string>;
      setupRequest: (request: RawRequest) => RawRequest;
    }[];
  },
  done: (error: Error | null, result: Result) => void,
) => Tracker;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CASE = 'bench';
const PATH = `/v1/cases/${CASE}/signatures`;

const BARE_SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.writeHead(400).end(); return; }
    const out = JSON.stringify({ status: 'counted', email: typeof body.email });
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;

async function startBare(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done, fail) => {
    child.stdout.once('data', () => done());
    child.once('exit', (code) => fail(new Error(`the bare server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

let sequence = 0;
function signatureRequest(request: RawRequest): RawRequest {
  const id = `${process.pid}-${++sequence}`;
  request.body = JSON.stringify({
    firstName: 'Bench',
    lastName: `Signer ${sequence}`,
    email: `bench-${id}@example.org`,
    country: 'ZA',
    consent: true,
    elapsedMs: 5000,
  });
  request.headers = { ...request.headers, 'idempotency-key': `bench-${id}` };
  return request;
}

interface Run {
  result: Result;
  /** Requests built and sent, answered or not. */
  sent: number;
  /** Every answer received, by status (autocannon's own figures leave out the last moment's). */
  answers: Map<number, number>;
}

function run(label: string, url: string): Promise<Run> {
  process.stdout.write(`${label}: ${CONNECTIONS} connections, ${SECONDS} s… `);
  const first = sequence;
  const answers = new Map<number, number>();
  return new Promise((done, fail) => {
    const tracker = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            path: PATH,
            headers: { 'content-type': 'application/json' },
            setupRequest: signatureRequest,
          },
        ],
      },
      (error, result) => {
        if (error) return fail(error);
        console.log('done');
        done({ result, sent: sequence - first, answers });
      },
    );
    tracker.on('response', (_client, status) => answers.set(status, (answers.get(status) ?? 0) + 1));
  });
}

function created(result: Result): number {
  return Number(result.statusCodeStats?.['201']?.count ?? 0);
}

function perSecond(result: Result): number {
  return created(result) / result.duration;
}

const bare = await startBare();
const { result: ceiling } = await run('bare node:http', bare.url);
bare.stop();

/** A webhook receiver in this process: `hang` never answers, `fail` answers 500, `ok` 204, at once. */
async function receiver(kind: 'hang' | 'fail' | 'ok'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    if (kind !== 'hang') req.on('end', () => res.writeHead(kind === 'ok' ? 204 : 500).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`,
    server,
  };
}

interface Measured {
  label: string;
  run: Run;
  stored: number;
}

async function measureEndpoint(label: string, webhook?: string): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'w4r-bench-'));
  const config = join(dir, 'bench.json');
  const campaign = JSON.parse(readFileSync(join(FIXTURES, 'bench.json'), 'utf8')) as object;
  const webhooks = webhook
    ? [{ url: webhook, events: ['signature.created'], secret: 'bench-secret-0123456789abcdef' }]
    : [];
  writeFileSync(config, JSON.stringify({ ...campaign, webhooks }));
  const endpoint = await startServer({ config });
  try {
    const measured = await run(label, endpoint.url);
    // The exact count (the public stats are coarse), from the reports' totals for today.
    const answer = await fetch(`${endpoint.url}/v1/admin/reports?case=${CASE}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const { totals } = (await answer.json()) as { totals: { signatures: number } };
    return { label, run: measured, stored: totals.signatures };
  } finally {
    await endpoint.stop();
    await endpoint.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

const healthy = await receiver('ok');
const hanging = await receiver('hang');
const failing = await receiver('fail');
const runs: Measured[] = [];
try {
  runs.push(await measureEndpoint('endpoint'));
  runs.push(await measureEndpoint('+ healthy hook', healthy.url));
  runs.push(await measureEndpoint('+ hanging hook', hanging.url));
  runs.push(await measureEndpoint('+ 500 hook', failing.url));
  // Once more at the end: how much the machine itself moved while the others ran.
  runs.push(await measureEndpoint('endpoint again'));
} finally {
  for (const { server } of [healthy, hanging, failing]) {
    server.closeAllConnections();
    server.close();
  }
}

const measured = runs[0]!.run.result;
const rows = [
  ['', 'signatures/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
  ...[['bare node:http', ceiling] as const, ...runs.map((m) => [m.label, m.run.result] as const)].map(
    ([label, r]) => [
      label,
      perSecond(r).toFixed(0),
      String(r.latency.p50),
      String(r.latency.p99),
      String(r.non2xx),
      String(r.errors + r.timeouts),
    ],
  ),
];
console.log();
for (const row of rows)
  console.log(row.map((cell, index) => (index === 0 ? cell.padEnd(16) : cell.padStart(13))).join(''));
const ratio = perSecond(measured) / perSecond(ceiling);
console.log(`\nendpoint / ceiling: ${(ratio * 100).toFixed(1)}%  (aim: at least 50%)`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);

// Integrity: every 201 is stored, nothing else is. When the time is up autocannon drops the requests
// still in flight (at most one per connection): the endpoint may have committed those without their
// answer being read, so they are counted apart.
for (const { label, run: endpointRun, stored } of runs) {
  const accepted = endpointRun.answers.get(201) ?? 0;
  const answered = [...endpointRun.answers.values()].reduce((sum, count) => sum + count, 0);
  const cutOff = endpointRun.sent - answered;
  const others = answered - accepted;
  const inRange = stored >= accepted && stored <= accepted + cutOff && cutOff <= CONNECTIONS;
  console.log(
    `integrity (${label}): ${stored} signatures stored; ${accepted} answered 201, ${others} answered otherwise, ` +
      `${cutOff} cut off in flight when the time was up`,
  );
  if (!inRange || others !== 0) {
    console.error('integrity: FAILED, the stored count does not match the acknowledged signatures');
    process.exitCode = 1;
  }
}
