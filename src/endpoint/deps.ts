import type { Campaign } from './config.js';
import type { LiveHub } from './live.js';
import type { PhotoFiles } from './photo-files.js';
import type { PublicCounts } from './public-count.js';
import type { Limiter } from './rate-limit.js';
import type { Storage } from './storage/index.js';

/** What every route works with. Checks are in guards.ts, what is shown of stored data in views.ts. */
export interface Deps {
  campaign: Campaign;
  storage: Storage;
  live: LiveHub;
  limiter: Limiter;
  /** The coarse signature counts the public sees. */
  publicCounts: PublicCounts;
  /** Absent: admin routes answer 401. */
  adminToken: string | undefined;
  /** How many reverse proxies in front add to X-Forwarded-For; 0 trusts none. */
  trustProxy: number;
  /** The uploaded photos' files. */
  photos: PhotoFiles;
  /** Where `/w4r.js` and the demo come from; absent serves neither. */
  staticRoots?: { dist: string; demo: string };
  now: () => Date;
}

export type Env = { Variables: { clientIp: string } };
