import type { Campaign } from './config.js';
import type { LiveHub } from './live.js';
import type { PhotoFiles } from './photo-files.js';
import type { PublicCounts } from './public-count.js';
import type { Limiter } from './rate-limit.js';
import type { WebhookEvents } from './webhooks/events.js';
import type { DoubleOptIn } from './opt-in/double-opt-in.js';
import type { Storage } from './storage/index.js';

/** What every route works with. Checks are in guards.ts, what is shown of stored data in views.ts. */
export interface Deps {
  campaign: Campaign;
  storage: Storage;
  live: LiveHub;
  limiter: Limiter;
  /** Makes the outbox rows each write reports. */
  events: WebhookEvents;
  /** Double opt-in, when the campaign asks for it. */
  optIn: DoubleOptIn | undefined;
  /** Tells the deliverer there is something to send (replayed dead letters). */
  wakeDeliverer: () => void;
  /** The coarse signature counts the public sees. */
  publicCounts: PublicCounts;
  /** Absent: admin routes answer 401. */
  adminToken: string | undefined;
  /** How many reverse proxies in front add to X-Forwarded-For; 0 trusts none. */
  trustProxy: number;
  /** The origin of `W4R_PUBLIC_URL`, when set: the endpoint's address in the pages and answers it writes. */
  publicOrigin: string | undefined;
  /** The uploaded photos' files. */
  photos: PhotoFiles;
  /** Where `/w4r.js` and the demo come from; absent serves neither. */
  staticRoots?: { dist: string; demo: string };
  now: () => Date;
}

/** Who reads the reports: the admin (every source) or a partner (its own). */
export type Reader = { kind: 'admin' } | { kind: 'partner'; source: string };

export type Env = { Variables: { clientIp: string; reader: Reader } };
