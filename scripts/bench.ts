/**
 * Signatures per second: the real endpoint (temp SQLite, synchronous durability, huge rate limits)
 * against a bare node:http handler that only reads the JSON body and answers 201, this machine's
 * ceiling. autocannon, 50 connections, ~10 s each (BENCH_SECONDS), a unique email and Idempotency-Key
 * per request. Afterwards the endpoint's stored count must equal the 201s it sent.
 *
 *   npm run bench                    # bare node:http and SQLite
 *   npm run bench -- --db postgres   # and PostgreSQL: one instance, then two behind a round-robin proxy
 *
 * PostgreSQL runs on the server W4R_TEST_PG names, or else on a throw-away cluster started for the
 * run (scripts/pg-test-cluster.sh). Each endpoint run gets a database of its own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { request as httpRequest, Agent, createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import pg from 'pg';
import { ADMIN_TOKEN, freePort, startServer, type TestServer } from '../test/endpoint/support/server.js';

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

const dbArg = process.argv.indexOf('--db');
const engine = dbArg >= 0 ? process.argv[dbArg + 1] : 'sqlite';
if (engine !== 'sqlite' && engine !== 'postgres') {
  console.error(`--db ${engine}: sqlite or postgres`);
  process.exit(2);
}

/**
 * A round-robin reverse proxy: each request goes to the next instance, over keep-alive connections,
 * as a load balancer in front of several instances would.
 */
async function startProxy(targets: string[]): Promise<{ url: string; stop: () => void }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const target = new URL(targets[next++ % targets.length]!);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      server.close();
      agent.destroy();
    },
  };
}

interface PgServer {
  url: string;
  stop: () => void;
}

/** The W4R_TEST_PG server, or a throw-away cluster for this run. */
function postgresServer(): PgServer {
  if (process.env.W4R_TEST_PG) return { url: process.env.W4R_TEST_PG, stop: () => undefined };
  const script = new URL('./pg-test-cluster.sh', import.meta.url).pathname;
  const out = execFileSync('bash', [script, 'start'], { encoding: 'utf8' });
  const value = (name: string) => new RegExp(`${name}=(\\S+)`).exec(out)?.[1] ?? '';
  const dir = value('W4R_TEST_PG_DIR');
  return { url: value('W4R_TEST_PG'), stop: () => execFileSync('bash', [script, 'stop', dir]) };
}

async function withDatabase<T>(server: PgServer, name: string, use: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const database = `w4r_bench_${name}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    const url = new URL(server.url);
    url.pathname = `/${database}`;
    return await use(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

interface Measured {
  label: string;
  run: Run;
  stored: number;
}

/** Starts `count` instances (on `db`, or each on a temp SQLite file), benchmarks them, stops them. */
async function benchEndpoint(
  label: string,
  count: number,
  db?: string,
  proxied = count > 1,
): Promise<Measured> {
  const servers: TestServer[] = [];
  let proxy: { url: string; stop: () => void } | undefined;
  try {
    for (let i = 0; i < count; i++) {
      servers.push(await startServer({ config: 'bench.json', env: db ? { W4R_DB: db } : {} }));
    }
    proxy = proxied ? await startProxy(servers.map((server) => server.url)) : undefined;
    const load = await run(label, proxy?.url ?? servers[0]!.url);
    // The exact count, for the campaign's people: the public one moves in coarse steps.
    const answer = await fetch(`${servers[0]!.url}/v1/admin/cases/${CASE}/stats`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const stored = ((await answer.json()) as { signatures: number }).signatures;
    return { label, run: load, stored };
  } finally {
    proxy?.stop();
    for (const server of servers) {
      await server.stop();
      await server.cleanup();
    }
  }
}

const bare = await startBare();
const { result: ceiling } = await run('bare node:http', bare.url);
bare.stop();

const measured: Measured[] = [await benchEndpoint('SQLite', 1)];
if (engine === 'postgres') {
  const server = postgresServer();
  try {
    measured.push(await withDatabase(server, 'one', (url) => benchEndpoint('PostgreSQL x1', 1, url)));
    measured.push(
      await withDatabase(server, 'proxied', (url) => benchEndpoint('PG x1 + proxy', 1, url, true)),
    );
    measured.push(await withDatabase(server, 'two', (url) => benchEndpoint('PG x2 + proxy', 2, url)));
  } finally {
    server.stop();
  }
}

const rows = [
  ['', 'signatures/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
  ...[['bare node:http', ceiling] as const, ...measured.map((m) => [m.label, m.run.result] as const)].map(
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
for (const { label, run: r } of measured) {
  const ratio = perSecond(r.result) / perSecond(ceiling);
  console.log(
    `${label} / ceiling: ${(ratio * 100).toFixed(1)}%${label === 'SQLite' ? '  (aim: at least 50%)' : ''}`,
  );
}
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);

// Integrity: every 201 is stored, nothing else is. When the time is up autocannon drops the requests
// still in flight (at most one per connection): the endpoint may have committed those without their
// answer being read, so they are counted apart.
for (const { label, run: endpointRun, stored } of measured) {
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
    console.error(
      `integrity (${label}): FAILED, the stored count does not match the acknowledged signatures`,
    );
    process.exitCode = 1;
  } else if (stored === accepted) {
    console.log(`integrity (${label}): stored count = the 201s`);
  } else {
    console.log(
      `integrity (${label}): stored count = the 201s + ${stored - accepted} requests cut off in flight (committed, answer unread)`,
    );
  }
}
