/**
 * What several instances on one PostgreSQL database share beyond the storage: live updates
 * (LISTEN/NOTIFY), rate limits and the streams each client holds open. With SQLite, one process
 * owns the database and keeps these in memory.
 */
import type { Campaign } from '../config.js';
import type { PublicCounts } from '../public-count.js';
import type { PostgresStorage } from '../storage/postgres.js';
import { PgRateLimiter } from './rate-limit.js';
import { readStats, toPublicMessage } from '../views.js';
import { SharedLiveHub } from './shared-live.js';

/** Wall messages a case stream gets after a gap: the wall shows each once, whatever it had. */
const CATCH_UP_MESSAGES = 20;

export async function sharedState(
  storage: PostgresStorage,
  campaign: Campaign,
  publicCounts: PublicCounts,
  options: { heartbeatMs?: number } = {},
): Promise<{ live: SharedLiveHub; limiter: PgRateLimiter }> {
  const deps = { campaign, storage, publicCounts };
  const live = new SharedLiveHub({
    url: storage.url,
    pool: storage.pool,
    heartbeatMs: options.heartbeatMs,
    maxStreamsPerClient: campaign.config.limits.streams,
    readStats: (caseId) => readStats(deps, caseId),
    catchUp: async (channel) => {
      if (!channel.startsWith('case:')) return [];
      const caseId = channel.slice('case:'.length);
      const [stats, page] = await Promise.all([
        readStats(deps, caseId),
        storage.listMessages({ status: 'approved', caseId, limit: CATCH_UP_MESSAGES }),
      ]);
      return [
        ...page.items.reverse().map((message) => ({ event: 'message', data: toPublicMessage(message) })),
        { event: 'stats', data: stats },
      ];
    },
  });
  await live.start();
  const limiter = new PgRateLimiter(storage.pool, campaign.config.limits.windowSeconds * 1000);
  return { live, limiter };
}
