/**
 * Starts the action endpoint: `node --import tsx src/endpoint/main.ts` (or `npm start`).
 *
 * Environment: PORT (8787), HOST (0.0.0.0), W4R_DB (./data/w4r.sqlite, or postgres://user:pass@host/db),
 * W4R_PHOTOS (where photos go: beside a SQLite file, ./data/photos for PostgreSQL), W4R_CONFIG (the demo
 * campaign), W4R_ADMIN_TOKEN (16+ characters; admin routes are closed without it), W4R_TRUST_PROXY
 * (reverse proxies in front: believe that many X-Forwarded-For hops), W4R_HEARTBEAT_MS (15000),
 * W4R_PUBLIC_URL (the address people open; default http://localhost:PORT and the listen address),
 * W4R_WEBHOOK_TIMEOUT_MS (10000: how long a webhook receiver may take to answer), W4R_OUTBOX_POLL_MS
 * (1000: how often due retries are looked for); with double opt-in W4R_SMTP_URL (the mail relay),
 * W4R_MAIL_FROM (the sender's address) and W4R_OPT_IN_SECRET (32+ characters: signs the links).
 * W4R_HEADERS_TIMEOUT_MS (10000) and W4R_REQUEST_TIMEOUT_MS (30000): how long a client may take to send
 * its headers, and its whole request. W4R_TEST_CLOCK (tests only: an ISO date-time the endpoint takes
 * for now, so retention can be tested).
 */
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadCampaign, type Campaign } from './config.js';
import { sharedState } from './cluster/index.js';
import { LiveHub } from './live.js';
import { PhotoFiles } from './photo-files.js';
import { loadCountKey, PublicCounts } from './public-count.js';
import { RateLimiter, type Limiter } from './rate-limit.js';
import { scheduleRetention } from './retention.js';
import { checkWebhookHosts } from './webhooks/address.js';
import { Deliverer } from './webhooks/deliverer.js';
import { WebhookEvents } from './webhooks/events.js';
import { webhookChannel, type Channel } from './webhooks/send.js';
import { DoubleOptIn, EMAIL_TARGET } from './opt-in/double-opt-in.js';
import { emailChannel } from './opt-in/mailer.js';
import { mailSettingsFrom } from './opt-in/settings.js';
import { addSampleGatherings } from './sample-gatherings.js';
import {
  isPostgresUrl,
  openStorage,
  photosDirFor,
  PostgresOpenError,
  redactUrl,
  type Storage,
} from './storage/index.js';
import { PostgresStorage } from './storage/postgres.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;

function fail(message: string): never {
  console.error(`w4r endpoint: ${message}`);
  process.exit(1);
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`${name}="${raw}" must be a whole number from ${min} to ${max}.`);
  return value;
}

const port = intFromEnv('PORT', 8787, 0, 65535);
const host = env.HOST || '0.0.0.0';
/** The listen address as a URL writes it, or undefined when it is every address (0.0.0.0, ::). */
const hostInUrl = host === '0.0.0.0' || host === '::' ? undefined : host.includes(':') ? `[${host}]` : host;
const heartbeatMs = intFromEnv('W4R_HEARTBEAT_MS', 15_000, 10, 3_600_000);
const webhookTimeoutMs = intFromEnv('W4R_WEBHOOK_TIMEOUT_MS', 10_000, 50, 120_000);
const outboxPollMs = intFromEnv('W4R_OUTBOX_POLL_MS', 1000, 5, 60_000);
/** Test only: every retry wait, the 72-hour window and Retry-After divided by this. */
const outboxTimeScale = intFromEnv('W4R_OUTBOX_TIME_SCALE', 1, 1, 100_000_000);
/** How long a client may take to send its request's headers, and the whole request with its body. */
const headersTimeoutMs = intFromEnv('W4R_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
const requestTimeoutMs = intFromEnv('W4R_REQUEST_TIMEOUT_MS', 30_000, headersTimeoutMs, 3_600_000);
const trustRaw = (env.W4R_TRUST_PROXY ?? '').trim().toLowerCase();
const trustProxy =
  trustRaw === '' || trustRaw === '0' || trustRaw === 'false'
    ? 0
    : trustRaw === 'true'
      ? 1
      : intFromEnv('W4R_TRUST_PROXY', 1, 1, 10);
/**
 * The endpoint's own origins, whose pages (the demo, the moderation page) may always write: the
 * public URL when one is set, else what `npm start` is opened as on this machine.
 */
function ownOrigins(): string[] {
  const publicUrl = env.W4R_PUBLIC_URL?.trim();
  if (publicUrl) {
    let url: URL | undefined;
    try {
      url = new URL(publicUrl);
    } catch {
      // refused below
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      fail(
        `W4R_PUBLIC_URL="${publicUrl}" must be an http or https address, such as https://actions.example.org.`,
      );
    }
    return [url.origin];
  }
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  if (hostInUrl) hosts.push(hostInUrl);
  return [...new Set(hosts.map((name) => new URL(`http://${name}:${port}`).origin))];
}

const own = ownOrigins();
const dbLocation = env.W4R_DB || resolve('data/w4r.sqlite');
const configFile = env.W4R_CONFIG || resolve(root, 'campaigns/write-for-rights-2020.json');
const adminToken = env.W4R_ADMIN_TOKEN || undefined;
if (adminToken !== undefined && adminToken.length < 16) {
  fail('W4R_ADMIN_TOKEN must be at least 16 characters long (for example: openssl rand -hex 24).');
}

const testClock = env.W4R_TEST_CLOCK?.trim();
if (testClock && Number.isNaN(Date.parse(testClock)))
  fail(`W4R_TEST_CLOCK="${testClock}" is not a date-time.`);
const now = testClock ? () => new Date(testClock) : () => new Date();

let campaign: Campaign;
try {
  campaign = loadCampaign(configFile);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
{
  const { problems, warnings } = await checkWebhookHosts(campaign.config.webhooks.map((hook) => hook.url));
  if (problems.length > 0) fail(new ConfigError(configFile, problems).message);
  for (const warning of warnings) console.warn(`w4r endpoint: ${warning}`);
}
const mail = mailSettingsFrom(env, campaign.config.optIn.doubleOptIn);
if (mail.problems.length > 0)
  fail(`the mail settings are not valid:\n${mail.problems.map((p) => `  - ${p}`).join('\n')}`);

/** The database as messages name it: a PostgreSQL URL without its password. */
const dbName = isPostgresUrl(dbLocation) ? redactUrl(dbLocation) : dbLocation;
let storage: Storage;
try {
  storage = await openStorage(dbLocation, { now });
} catch (error) {
  // PostgresOpenError's message is already the one line a person needs; others are SQLite's own.
  const message = error instanceof PostgresOpenError ? error.message : (error as Error).message;
  fail(`cannot open the database at ${dbName}: ${message.split('\n')[0]}`);
}
const photosDir = env.W4R_PHOTOS ? resolve(env.W4R_PHOTOS) : photosDirFor(dbLocation);
try {
  // Instances starting together on one database may race to store the same sample: the one that
  // loses tries again, and then finds it stored.
  await addSampleGatherings(storage, campaign, new Date()).catch(() =>
    addSampleGatherings(storage, campaign, new Date()),
  );
} catch (error) {
  fail(`cannot store the campaign's sample events: ${(error as Error).message}`);
}
let countKey: Uint8Array;
try {
  // Instances sharing a database must publish the same counts: their key is kept in the database.
  // With SQLite, in the data directory, the photos' parent, beside the database file.
  countKey =
    storage instanceof PostgresStorage
      ? await storage.sharedKey('published counts')
      : loadCountKey(join(dirname(photosDir), 'count.key'));
} catch (error) {
  fail(`cannot read or create the key of the published counts: ${(error as Error).message}`);
}

const channels = new Map<string, Channel>(
  campaign.config.webhooks.map((hook) => [
    hook.url,
    webhookChannel(hook, webhookTimeoutMs, () => new Date()),
  ]),
);
if (mail.settings) {
  channels.set(
    EMAIL_TARGET,
    emailChannel(mail.settings.W4R_SMTP_URL, mail.settings.W4R_MAIL_FROM, webhookTimeoutMs),
  );
}
const optIn = mail.settings
  ? new DoubleOptIn(
      {
        secret: mail.settings.W4R_OPT_IN_SECRET,
        publicUrl: own[0]!,
        linkDays: campaign.config.optIn.linkDays,
      },
      campaign,
    )
  : undefined;
const deliverer = new Deliverer({
  outbox: storage.outbox,
  channels,
  timing: { scale: outboxTimeScale },
  timeoutMs: webhookTimeoutMs,
  pollMs: outboxPollMs,
});
const wakeDeliverer = () => deliverer.wake();
// On PostgreSQL, several instances may share the database: live updates, rate limits and stream
// counts go through it too. On SQLite this process is the only one, and they stay in memory.
let live: LiveHub;
let limiter: Limiter;
if (storage instanceof PostgresStorage) {
  const publicCounts = new PublicCounts(countKey);
  ({ live, limiter } = await sharedState(storage, campaign, publicCounts, { heartbeatMs }));
} else {
  live = new LiveHub({ heartbeatMs, maxStreamsPerClient: campaign.config.limits.streams });
  limiter = new RateLimiter(campaign.config.limits.windowSeconds * 1000);
}
const app = createApp({
  config: campaign,
  storage,
  adminToken,
  live,
  limiter,
  events: new WebhookEvents(campaign.config.webhooks, wakeDeliverer),
  wakeDeliverer,
  optIn,
  countKey,
  trustProxy,
  ownOrigins: own,
  publicOrigin: env.W4R_PUBLIC_URL?.trim() ? own[0] : undefined,
  photosDir,
  staticRoots: { dist: resolve(root, 'dist'), demo: resolve(root, 'demo') },
  now,
});
const photos = new PhotoFiles(photosDir);
const stopRetention = scheduleRetention({ campaign, storage, photos, now }, (line) =>
  console.log(`w4r endpoint: ${line}`),
);

// Requests in flight, so shutdown waits for them (SSE streams are ended separately).
let inFlight = 0;
let idle: (() => void) | null = null;

const server = serve(
  {
    fetch: async (request, environment) => {
      inFlight++;
      try {
        return await app.fetch(request, environment);
      } finally {
        inFlight--;
        if (inFlight === 0) idle?.();
      }
    },
    port,
    hostname: host,
    // A slow client (a slow-loris attack trickles its headers or body) holds a connection only this
    // long; Node looks for such connections every `connectionsCheckingInterval`, so that is a fraction
    // of the shorter limit. A live stream is a response, which neither limit concerns.
    serverOptions: {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeoutMs / 4)),
    },
  },
  (info) => {
    const base = env.W4R_PUBLIC_URL?.trim() ? own[0]! : `http://${hostInUrl ?? 'localhost'}:${info.port}`;
    console.log(`w4r endpoint: ${campaign.config.name} (${campaign.ids.length} cases) from ${configFile}`);
    console.log(`  demo      ${base}/`);
    console.log(`  bundle    ${base}/w4r.js`);
    console.log(`  API       ${base}/v1/cases`);
    console.log(`  health    ${base}/healthz (liveness), ${base}/readyz (database reachable)`);
    console.log(`  database  ${dbName} (${storage.kind}), photos in ${photosDir}`);
    console.log(
      `  admin     ${adminToken ? 'enabled (bearer token)' : 'closed: set W4R_ADMIN_TOKEN to open it'}`,
    );
    const hooks = campaign.config.webhooks.map((hook) => hook.url);
    console.log(`  webhooks  ${hooks.length === 0 ? 'none' : hooks.join(', ')}`);
    if (mail.settings)
      console.log(`  opt-in    double: confirmation emails from ${mail.settings.W4R_MAIL_FROM}`);
    deliverer.start();
  },
) as Server;

server.on('error', (error: NodeJS.ErrnoException) => {
  fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use (set PORT).` : error.message);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`w4r endpoint: ${signal}, stopping`);
  const force = setTimeout(() => {
    console.error('w4r endpoint: requests still running after 10 s; closing anyway');
    server.closeAllConnections();
  }, 10_000);
  force.unref();
  const closed = new Promise<void>((done) => server.close(() => done()));
  live.close();
  deliverer.stop();
  stopRetention();
  // Keep-alive connections become idle as their last response ends; close each as it does.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  if (inFlight > 0) await new Promise<void>((done) => (idle = done));
  await closed;
  clearInterval(sweep);
  limiter.close();
  await storage.close();
  clearTimeout(force);
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
