// The load both benchmarks send: autocannon with unique signatures against a URL, the bare node:http
// ceiling, and what a run's counts mean. scripts/bench.ts compares storage engines with it,
// scripts/bench-webhooks.ts webhook receivers.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from '../test/endpoint/support/server.js';

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}

export interface Tracker {
  on(event: 'response', listener: (client: unknown, statusCode: number) => void): void;
}

export type Autocannon = (
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

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export const CONNECTIONS = 50;
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CASE = 'bench';
export const PATH = `/v1/cases/${CASE}/signatures`;

export const BARE_SERVER = `
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

export async function startBare(): Promise<{ url: string; stop: () => void }> {
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
export function signatureRequest(request: RawRequest): RawRequest {
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

export interface Run {
  result: Result;
  /** Requests built and sent, answered or not. */
  sent: number;
  /** Every answer received, by status (autocannon's own figures leave out the last moment's). */
  answers: Map<number, number>;
}

export function run(label: string, url: string): Promise<Run> {
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

export function created(result: Result): number {
  return Number(result.statusCodeStats?.['201']?.count ?? 0);
}

export function perSecond(result: Result): number {
  return created(result) / result.duration;
}

/** The ceiling's line and one per measured run: throughput, latency and what did not answer 201. */
export function printTable(ceiling: Result, runs: readonly { label: string; run: Run }[]): void {
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
}

// Integrity: every 201 is stored, nothing else is. When the time is up autocannon drops the requests
// still in flight (at most one per connection): the endpoint may have committed those without their
// answer being read, so they are counted apart.
export function checkIntegrity(runs: readonly { label: string; run: Run; stored: number }[]): void {
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
}
