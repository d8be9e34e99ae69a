/**
 * A real webhook receiver in the test process: an HTTP server on a loopback port that records every
 * request and answers as the test says (a status, headers, or no answer at all).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from './server.js';

// The receiver's check, as the README's Integrations section shows it (a test keeps the two equal).
// --- verify begins ---
function verifyW4rSignature(secret: string, header: string, body: string, toleranceSeconds = 300): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1 ?? '', 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= toleranceSeconds;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}
// --- verify ends ---

export { verifyW4rSignature };

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body. */
  event: {
    id: string;
    type: string;
    time: string;
    case: string | null;
    source: string | null;
    data: Record<string, unknown>;
  };
  /** What the receiver answered: a status, or `hang`. */
  answered: number | 'hang';
}

/** A status (with headers), or `hang`: never answer. */
export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

export class Receiver {
  readonly received: Received[] = [];
  /** How to answer each request; by default 200. */
  answer: (path: string, event: Received['event']) => Answer = () => ({ status: 200 });
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const event = JSON.parse(body) as Received['event'];
        const answer = this.answer(req.url ?? '', event);
        this.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body,
          event,
          answered: answer === 'hang' ? 'hang' : answer.status,
        });
        if (answer === 'hang') {
          this.hanging.add(res);
          return;
        }
        res.writeHead(answer.status, answer.headers).end('ok');
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  /** The requests for one path, in arrival order. */
  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves once `test` holds for what arrived; fails after `ms`. */
  async until(what: string, test: (received: Received[]) => boolean, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!test(this.received)) {
      if (Date.now() > end)
        throw new Error(`the receiver never saw ${what}; it got ${this.received.length} requests`);
      await new Promise((done) => setTimeout(done, 10));
    }
  }

  /** Ends requests left hanging, so the endpoint's sockets close. */
  release(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** The test campaign file with `extra` settings (webhooks, opt-in…) in a temp dir; returns its path. */
export function campaignWith(extra: Record<string, unknown>): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'w4r-campaign-'));
  const campaign = JSON.parse(readFileSync(join(FIXTURES, 'campaign.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const file = join(dir, 'campaign.json');
  writeFileSync(file, JSON.stringify({ ...campaign, ...extra }));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Everything the endpoint needs to retry fast in tests: retries 100,000× sooner, short timeouts. */
export const FAST_OUTBOX = {
  W4R_OUTBOX_TIME_SCALE: '100000',
  W4R_OUTBOX_POLL_MS: '20',
  W4R_WEBHOOK_TIMEOUT_MS: '500',
};
