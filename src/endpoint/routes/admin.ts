import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { emailAddress } from '../../schema/common.js';
import { toErrorIssues } from '../../schema/error.js';
import { announceMessage, announceStats } from '../announce.js';
import { csvRow } from '../csv.js';
import { DECISIONS } from '../decisions.js';
import type { Deps, Env } from '../deps.js';
import { caseParam, requireCase, statusParam } from '../guards.js';
import { flagParam, HttpError, invalid, limitParam } from '../http.js';
import { liveStream } from '../live-stream.js';
import { runRetention } from '../retention.js';
import { toAdminMessage, toExactStats } from '../views.js';

const emailParam = z.string().check(z.trim(), z.minLength(3), z.maxLength(254), emailAddress);

export function adminRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/admin/messages', async (c) => {
    const page = await deps.storage.listMessages({
      status: statusParam(c),
      caseId: caseParam(deps, c),
      cursor: c.req.query('cursor'),
      limit: limitParam(c, 50, 200),
    });
    return c.json({ items: page.items.map(toAdminMessage), nextCursor: page.nextCursor, total: page.total });
  });

  for (const [action, status] of DECISIONS) {
    app.post(`/v1/admin/messages/:messageId/${action}`, async (c) => {
      const changed = await deps.storage.setMessageStatus(
        c.req.param('messageId'),
        status,
        deps.events.messageDecided(deps.now().toISOString()),
      );
      if (!changed) throw new HttpError(404, 'not_found', 'There is no such message.');
      if (changed.message.status !== status) {
        throw new HttpError(
          409,
          'text_removed',
          "Its text was removed when its case's personal data expired; it cannot be approved.",
        );
      }
      if (changed.previous !== status) {
        if (status === 'approved') announceMessage(deps, changed.message);
        else if (changed.previous === 'approved') announceStats(deps, changed.message.caseId);
        // Every open moderation page drops it from its queue, whoever decided.
        const { id, caseId } = changed.message;
        deps.live.publish('admin', 'decided', { id, caseId, status });
      }
      return c.json({ id: changed.message.id, status });
    });
  }

  /** The exact counts: the public ones move in coarse steps. */
  app.get('/v1/admin/cases/:id/stats', async (c) => {
    const { id } = requireCase(deps, c);
    return c.json(toExactStats(deps, id, await deps.storage.counts(id)));
  });

  app.get('/v1/admin/events', (c) => liveStream(deps, c, 'admin', ': moderators\n\n'));

  app.get('/v1/admin/cases/:id/signatures.csv', (c) => {
    const { id } = requireCase(deps, c);
    const emails = c.req.query('emails') === '1' || c.req.query('emails') === 'true';
    const rows = deps.storage.exportSignatures(id)[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    const header = [
      'name',
      'country',
      'date',
      'source',
      'optIn',
      'optInAt',
      'consentVersion',
      ...(emails ? ['email'] : []),
    ];
    // A byte order mark first, so spreadsheet programs read the file as UTF-8 and show "Özgür" right.
    const bom = '\uFEFF';
    let started = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(bom + csvRow(header)));
        }
        let chunk = '';
        for (let i = 0; i < 500; i++) {
          const next = await rows.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          const row = next.value;
          chunk += csvRow([
            `${row.firstName} ${row.lastName}`.trim(),
            row.country,
            row.createdAt,
            row.source ?? '',
            row.optIn,
            row.optInAt ?? '',
            row.consentVersion,
            ...(emails ? [row.email] : []),
          ]);
        }
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        await rows.return?.();
      },
    });
    return new Response(body, {
      headers: {
        ...Object.fromEntries(c.res.headers),
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${id}-signatures.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  app.post('/v1/admin/retention', async (c) => {
    const dryRun = flagParam(c, 'dryRun');
    return c.json(await runRetention(deps, { dryRun, caseId: caseParam(deps, c) }));
  });

  app.delete('/v1/admin/supporters/:email', async (c) => {
    const parsed = emailParam.safeParse(c.req.param('email'));
    if (!parsed.success)
      throw invalid(toErrorIssues(parsed.error.issues).map((i) => ({ ...i, path: 'email' })));
    const hosted = await deps.storage.gatherings.eraseHost(parsed.data);
    const erased = await deps.storage.eraseSupporter(
      parsed.data,
      deps.events.supporterErased(parsed.data, deps.now().toISOString()),
    );
    for (const caseId of erased.cases) announceStats(deps, caseId);
    return c.json({
      erased: { signatures: erased.signatures, messages: 0, letters: 0, gatherings: hosted.gatherings },
    });
  });
}
