/**
 * Signatures per second: the real endpoint (temp SQLite, synchronous durability, huge rate limits)
 * against a bare node:http handler that only reads the JSON body and answers 201, this machine's
 * ceiling. autocannon, 50 connections, ~10 s each (BENCH_SECONDS), a unique email and Idempotency-Key
 * per request. Afterwards the endpoint's stored count must equal the 201s it sent.
 *
 *   npm run bench
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { freePort, startServer } from '../test/endpoint/support/server.js';

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

const endpoint = await startServer({ config: 'bench.json' });
let stored = -1;
let endpointRun: Run;
try {
  endpointRun = await run('endpoint', endpoint.url);
  const answer = await fetch(`${endpoint.url}/v1/cases/${CASE}/stats`);
  stored = ((await answer.json()) as { signatures: number }).signatures;
} finally {
  await endpoint.stop();
  await endpoint.cleanup();
}

const measured = endpointRun.result;
const rows = [
  ['', 'signatures/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
  ...[
    ['bare node:http', ceiling],
    ['endpoint', measured],
  ].map(([label, result]) => {
    const r = result as Result;
    return [
      label as string,
      perSecond(r).toFixed(0),
      String(r.latency.p50),
      String(r.latency.p99),
      String(r.non2xx),
      String(r.errors + r.timeouts),
    ];
  }),
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
const accepted = endpointRun.answers.get(201) ?? 0;
const answered = [...endpointRun.answers.values()].reduce((sum, count) => sum + count, 0);
const cutOff = endpointRun.sent - answered;
const others = answered - accepted;
const inRange = stored >= accepted && stored <= accepted + cutOff && cutOff <= CONNECTIONS;
console.log(
  `integrity: ${stored} signatures stored; ${accepted} answered 201, ${others} answered otherwise, ` +
    `${cutOff} cut off in flight when the time was up`,
);
if (!inRange || others !== 0) {
  console.error('integrity: FAILED, the stored count does not match the acknowledged signatures');
  process.exitCode = 1;
} else if (stored === accepted) {
  console.log('integrity: stored count = the 201s');
} else {
  console.log(
    `integrity: stored count = the 201s + ${stored - accepted} requests cut off in flight (committed, answer unread)`,
  );
}
