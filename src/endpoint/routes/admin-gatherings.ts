import type { Context, Hono } from 'hono';
import { announceStats } from '../announce.js';
import type { Deps, Env } from '../deps.js';
import { csvRow } from '../csv.js';
import { toAdminGathering } from '../gathering-view.js';
import { HttpError, limitParam } from '../http.js';
import type { GatheringStatus, StoredGathering } from '../storage/index.js';
import { caseParam, statusParam } from '../guards.js';

/** Every column of the events export; `email` only when asked for. */
function exportRow(gathering: StoredGathering, emails: boolean): string {
  return csvRow([
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
  ]);
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

function csvResponse(c: Context, rows: AsyncIterable<StoredGathering>, emails: boolean): Response {
  const iterator = rows[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A byte order mark, so spreadsheets read UTF-8.
        controller.enqueue(encoder.encode('\uFEFF' + csvRow([...HEADER, ...(emails ? ['email'] : [])])));
      }
      let chunk = '';
      for (let i = 0; i < 200; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += exportRow(next.value, emails);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      ...Object.fromEntries(c.res.headers),
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="events.csv"',
      'Cache-Control': 'no-store',
    },
  });
}

/** Moderation of events (a queue like the messages', live on the admin stream) and their export. */
export function adminGatheringRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/admin/gatherings', async (c) => {
    const page = await deps.storage.gatherings.list({
      status: statusParam(c),
      caseId: caseParam(deps, c),
      cursor: c.req.query('cursor'),
      limit: limitParam(c, 50, 200),
    });
    return c.json({
      items: page.items.map(toAdminGathering),
      nextCursor: page.nextCursor,
      total: page.total,
    });
  });

  app.get('/v1/admin/gatherings.csv', (c) => {
    const emails = c.req.query('emails') === '1' || c.req.query('emails') === 'true';
    return csvResponse(c, deps.storage.gatherings.export(), emails);
  });

  for (const [action, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const satisfies readonly (readonly [string, GatheringStatus])[]) {
    app.post(`/v1/admin/gatherings/:gatheringId/${action}`, async (c) => {
      const changed = await deps.storage.gatherings.setStatus(c.req.param('gatheringId'), status);
      if (!changed) throw new HttpError(404, 'not_found', 'There is no such event.');
      if (changed.previous !== status) {
        for (const caseId of changed.changed) announceStats(deps, caseId);
        deps.live.publish('admin', 'gathering-decided', { id: changed.gathering.id, status });
      }
      return c.json({ id: changed.gathering.id, status });
    });
  }
}
