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
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { ADMIN_TOKEN, FIXTURES, startServer } from '../test/endpoint/support/server.js';
import { CASE, checkIntegrity, perSecond, printTable, run, startBare, type Run } from './bench-load.js';

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
printTable(ceiling, runs);
const ratio = perSecond(measured) / perSecond(ceiling);
console.log(`\nendpoint / ceiling: ${(ratio * 100).toFixed(1)}%  (aim: at least 50%)`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);

checkIntegrity(runs);
