import type { Hono } from 'hono';
import { announceStats } from '../announce.js';
import { csvStream } from '../csv.js';
import { moderationQueueRoutes } from '../decisions.js';
import type { Deps, Env } from '../deps.js';
import { toAdminGathering } from '../gathering-view.js';
import { download, emailsParam } from '../http.js';
import type { StoredGathering } from '../storage/index.js';

/** Every column of the events export; `email` only when asked for. */
function exportRow(gathering: StoredGathering, emails: boolean): string[] {
  return [
    gathering.id,
    gathering.status,
    gathering.title,
    gathering.group,
    gathering.start,
    gathering.end,
    gathering.timeZone,
    gathering.city ?? '',
    gathering.country ?? '',
    gathering.onlineUrl ?? '',
    gathering.cases.join(' '),
    gathering.capacity === null ? '' : String(gathering.capacity),
    String(gathering.participants),
    (gathering.letters ?? []).map(({ caseId, count }) => `${caseId}:${count}`).join(' '),
    gathering.createdAt,
    ...(emails ? [gathering.email] : []),
  ];
}

const HEADER = [
  'id',
  'status',
  'title',
  'group',
  'start',
  'end',
  'time zone',
  'city',
  'country',
  'online',
  'cases',
  'capacity',
  'participants',
  'letters',
  'announced',
];

/** Moderation of events (a queue like the messages', live on the admin stream) and their export. */
export function adminGatheringRoutes(app: Hono<Env>, deps: Deps): void {
  moderationQueueRoutes(app, deps, {
    path: '/v1/admin/gatherings',
    noun: 'event',
    list: (query) => deps.storage.gatherings.list(query),
    view: toAdminGathering,
    decide: async (gatheringId, status) => {
      const changed = await deps.storage.gatherings.setStatus(gatheringId, status);
      if (changed && changed.previous !== status) {
        for (const caseId of changed.changed) announceStats(deps, caseId);
        deps.live.publish('admin', 'gathering-decided', { id: changed.gathering.id, status });
      }
      return changed && { id: changed.gathering.id, status };
    },
  });

  app.get('/v1/admin/gatherings.csv', (c) => {
    const emails = emailsParam(c);
    const header = [...HEADER, ...(emails ? ['email'] : [])];
    const body = csvStream(header, deps.storage.gatherings.export(), (row) => exportRow(row, emails));
    return download(c, body, 'text/csv; charset=utf-8', 'events.csv');
  });
}
