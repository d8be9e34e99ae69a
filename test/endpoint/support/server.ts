/**
 * Runs the real action endpoint as its own process for the endpoint tests: an ephemeral port, a fresh
 * SQLite file in a temp dir, a campaign file of the test's choosing. Stop it gracefully (SIGTERM),
 * crash it (SIGKILL), restart it on the same database, and clean up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ADMIN_TOKEN = 'endpoint-test-admin-token-4f9c2a';
export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const ENTRY = resolve(import.meta.dirname, '../../../src/endpoint/main.ts');
const ROOT = resolve(import.meta.dirname, '../../..');

export interface ServerOptions {
  /** A campaign file: a name in test/endpoint/fixtures or an absolute path. */
  config?: string;
  /** Extra environment; a value of `undefined` removes the variable. */
  env?: Record<string, string | undefined>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Picks a port that is free now, by letting the system choose one and releasing it. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

function configPath(config: string): string {
  return config.startsWith('/') ? config : join(FIXTURES, config);
}

/** Spawns the endpoint once and resolves with the child, its output so far and how it ended. */
export function spawnEndpoint(env: Record<string, string | undefined>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<Exit>;
} {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined) merged[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, output: () => text, exited };
}

export class TestServer {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly config: string;
  url = '';
  private child: ChildProcess | null = null;
  private exitedPromise: Promise<Exit> | null = null;
  private outputOf: () => string = () => '';
  private env: Record<string, string | undefined>;

  constructor(options: ServerOptions = {}) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'w4r-endpoint-test-'));
    this.dbPath = join(this.dataDir, 'w4r.sqlite');
    this.config = configPath(options.config ?? 'campaign.json');
    this.env = options.env ?? {};
  }

  /** Everything the process printed (stdout and stderr), for failure messages. */
  get output(): string {
    return this.outputOf();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts (or starts again, on the same database) and waits until /healthz answers. */
  async start(): Promise<this> {
    if (this.running) throw new Error('the endpoint is already running');
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const spawned = spawnEndpoint({
      PORT: String(port),
      HOST: '127.0.0.1',
      W4R_DB: this.dbPath,
      W4R_CONFIG: this.config,
      W4R_ADMIN_TOKEN: ADMIN_TOKEN,
      W4R_SKIP_BUILD: '1',
      W4R_TRUST_PROXY: undefined,
      W4R_HEARTBEAT_MS: undefined,
      ...this.env,
    });
    this.child = spawned.child;
    this.exitedPromise = spawned.exited;
    this.outputOf = spawned.output;
    await this.waitHealthy();
    return this;
  }

  private async waitHealthy(): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (!this.running) {
        const exit = await this.exitedPromise;
        throw new Error(
          `the endpoint exited (${JSON.stringify(exit)}) before it was healthy:\n${this.output}`,
        );
      }
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`the endpoint did not become healthy:\n${this.output}`);
  }

  /** How the process ended; resolves when it does. */
  exited(): Promise<Exit> {
    if (!this.exitedPromise) throw new Error('the endpoint was never started');
    return this.exitedPromise;
  }

  /** Graceful stop: SIGTERM, then wait for the exit. */
  async stop(): Promise<Exit> {
    if (!this.child || !this.exitedPromise) throw new Error('the endpoint was never started');
    if (this.running) this.child.kill('SIGTERM');
    return this.exitedPromise;
  }

  /** A crash: SIGKILL, no chance to flush or close anything. */
  async kill(): Promise<Exit> {
    if (!this.child || !this.exitedPromise) throw new Error('the endpoint was never started');
    if (this.running) this.child.kill('SIGKILL');
    return this.exitedPromise;
  }

  /** Sends a signal without waiting (for shutdown tests that act while the process stops). */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Changes the environment of the next start (a later clock, say), keeping the database. */
  setEnv(env: Record<string, string | undefined>): void {
    this.env = { ...this.env, ...env };
  }

  async restart(): Promise<this> {
    if (this.running) await this.stop();
    return this.start();
  }

  /** Stops the process if needed (hard, so a hung shutdown cannot hang the suite) and removes the data. */
  async cleanup(): Promise<void> {
    if (this.running) await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Starts an endpoint on a fresh database. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const server = new TestServer(options);
  try {
    return await server.start();
  } catch (error) {
    await server.cleanup();
    throw error;
  }
}
