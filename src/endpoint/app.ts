import './zod-locale.js';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Hono, type Context } from 'hono';
import type { Campaign } from './config.js';
import { cors } from './cors.js';
import { adminAuth } from './guards.js';
import type { Deps, Env } from './deps.js';
import { compressAnswers } from './encoding.js';
import { errorResponse, HttpError, RETRY_AFTER_SECONDS } from './http.js';
import { LiveHub } from './live.js';
import { PhotoFiles } from './photo-files.js';
import { PublicCounts } from './public-count.js';
import { RateLimiter, type Limiter } from './rate-limit.js';
import { adminRoutes } from './routes/admin.js';
import { adminGatheringRoutes } from './routes/admin-gatherings.js';
import { casesRoutes } from './routes/cases.js';
import { deliveryDocumentRoutes } from './routes/delivery-document.js';
import { embedRoutes } from './routes/embed.js';
import { eventRoutes } from './routes/events.js';
import { gatheringRoutes } from './routes/gatherings.js';
import { healthRoutes } from './routes/health.js';
import { letterRoutes } from './routes/letters.js';
import { messageRoutes } from './routes/messages.js';
import { oembedRoutes } from './routes/oembed.js';
import { photoRoutes } from './routes/photos.js';
import { signatureRoutes } from './routes/signatures.js';
import { staticRoutes } from './routes/static.js';
import type { Storage } from './storage/index.js';
import { InvalidCursorError, StorageUnavailableError } from './storage/index.js';
import { WebhookEvents } from './webhooks/events.js';
import { webhookRoutes } from './routes/webhooks.js';
import { confirmRoutes } from './routes/confirm.js';
import { REPORTS_PATH, reportsRoutes } from './routes/reports.js';
import type { DoubleOptIn } from './opt-in/double-opt-in.js';

export interface AppOptions {
  config: Campaign;
  storage: Storage;
  adminToken?: string | undefined;
  live?: LiveHub;
  limiter?: Limiter;
  /** What the writes tell the outbox (default: rows for the campaign's webhooks, sent by no one). */
  events?: WebhookEvents;
  wakeDeliverer?: () => void;
  /** Double opt-in's tokens and emails; required when the campaign has `optIn.doubleOptIn`. */
  optIn?: DoubleOptIn;
  /** The key of the published signature counts' steps (default: a new one, kept for this app only). */
  countKey?: Uint8Array;
  /** Reverse proxies in front whose X-Forwarded-For is believed (0: none). */
  trustProxy?: number;
  /** The endpoint's own origins (from `W4R_PUBLIC_URL`): its pages may always write. */
  ownOrigins?: readonly string[];
  /** The origin of `W4R_PUBLIC_URL`, which every address the endpoint writes (embed, oEmbed) starts with. */
  publicOrigin?: string | undefined;
  /** Where uploaded photos go (default: `./data/photos`). */
  photosDir?: string;
  /** Serve `/w4r.js` from `dist` and the demo from `demo`; omit to serve only the API. */
  staticRoots?: { dist: string; demo: string } | undefined;
  now?: () => Date;
}

/** The client's address: the socket's, or with `trustProxy` hops, the one the last proxy saw. */
function clientIp(c: Context, trustProxy: number): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const socket = incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustProxy <= 0) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[Math.max(0, forwarded.length - trustProxy)] ?? socket;
}

/** The endpoint's HTTP app (Hono): CORS, errors as JSON, every route of the contract. */
export function createApp(options: AppOptions): Hono<Env> {
  const deps: Deps = {
    campaign: options.config,
    storage: options.storage,
    live: options.live ?? new LiveHub({ maxStreamsPerClient: options.config.config.limits.streams }),
    limiter: options.limiter ?? new RateLimiter(options.config.config.limits.windowSeconds * 1000),
    events: options.events ?? new WebhookEvents(options.config.config.webhooks),
    wakeDeliverer: options.wakeDeliverer ?? (() => undefined),
    optIn: options.optIn,
    publicCounts: new PublicCounts(options.countKey ?? randomBytes(32)),
    adminToken: options.adminToken,
    trustProxy: options.trustProxy ?? 0,
    publicOrigin: options.publicOrigin,
    photos: new PhotoFiles(options.photosDir ?? resolve('data/photos')),
    staticRoots: options.staticRoots,
    now: options.now ?? (() => new Date()),
  };
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    c.set('clientIp', clientIp(c, deps.trustProxy));
    await next();
  });
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/v1/') || c.req.path === '/healthz' || c.req.path === '/readyz') {
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    }
  });
  app.use('*', cors({ origins: deps.campaign.config.origins, ownOrigins: options.ownOrigins ?? [] }));

  // Before every route: Hono runs handlers in the order they were added.
  app.use('*', compressAnswers());
  app.use('/v1/admin/*', adminAuth(deps.adminToken, [REPORTS_PATH]));

  healthRoutes(app, deps);
  casesRoutes(app, deps);
  signatureRoutes(app, deps);
  messageRoutes(app, deps);
  letterRoutes(app, deps);
  photoRoutes(app, deps);
  eventRoutes(app, deps);
  gatheringRoutes(app, deps);
  adminRoutes(app, deps);
  webhookRoutes(app, deps);
  confirmRoutes(app, deps);
  reportsRoutes(app, deps);
  deliveryDocumentRoutes(app, deps);
  adminGatheringRoutes(app, deps);
  embedRoutes(app, deps);
  oembedRoutes(app, deps);
  staticRoutes(app, deps);

  app.notFound((c) =>
    errorResponse(
      c,
      new HttpError(404, 'not_found', `Nothing at ${c.req.method} ${c.req.path.slice(0, 200)}.`),
    ),
  );

  app.onError((error, c) => {
    if (error instanceof HttpError) return errorResponse(c, error);
    if (error instanceof StorageUnavailableError) {
      // Nothing was stored: the widgets' outbox keeps the action and sends it again.
      return errorResponse(
        c,
        new HttpError(
          503,
          'unavailable',
          'The database cannot be reached just now; try again shortly.',
          undefined,
          {
            'Retry-After': String(RETRY_AFTER_SECONDS),
          },
        ),
      );
    }
    if (error instanceof InvalidCursorError) {
      return errorResponse(
        c,
        new HttpError(400, 'validation_failed', error.message, [
          { path: 'cursor', code: 'invalid_value', message: error.message },
        ]),
      );
    }
    console.error('w4r endpoint: unexpected error on %s %s:', c.req.method, c.req.path, error);
    return errorResponse(c, new HttpError(500, 'internal', 'Something went wrong on the server.'));
  });

  return app;
}
