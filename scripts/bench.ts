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
import { execFileSync } from 'node:child_process';
import { request as httpRequest, Agent, createServer, type Server } from 'node:http';
import { cpus } from 'node:os';
import pg from 'pg';
import { ADMIN_TOKEN, freePort, startServer, type TestServer } from '../test/endpoint/support/server.js';
import {
  CASE,
  checkIntegrity,
  CONNECTIONS,
  perSecond,
  printTable,
  run,
  startBare,
  type Run,
} from './bench-load.js';

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

printTable(ceiling, measured);
for (const { label, run: r } of measured) {
  const ratio = perSecond(r.result) / perSecond(ceiling);
  console.log(
    `${label} / ceiling: ${(ratio * 100).toFixed(1)}%${label === 'SQLite' ? '  (aim: at least 50%)' : ''}`,
  );
}
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);

checkIntegrity(measured);
