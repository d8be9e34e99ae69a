import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { emailAddress } from '../../schema/common.js';
import { toErrorIssues } from '../../schema/error.js';
import type { ModerationStatus } from '../../schema/status.js';
import { announceMessage, announceStats } from '../announce.js';
import { csvStream } from '../csv.js';
import { moderationQueueRoutes } from '../decisions.js';
import type { Deps, Env } from '../deps.js';
import { caseParam, requireCase } from '../guards.js';
import { download, emailsParam, flagParam, invalid } from '../http.js';
import { liveStream } from '../live-stream.js';
import { runRetention } from '../retention.js';
import { toAdminMessage, toExactStats } from '../views.js';

const emailParam = z.string().check(z.trim(), z.minLength(3), z.maxLength(254), emailAddress);

/** Moves a message and tells the wall and the moderation pages, when it moved. */
async function decideMessage(deps: Deps, messageId: string, status: ModerationStatus) {
  const changed = await deps.storage.setMessageStatus(
    messageId,
    status,
    deps.events.messageDecided(deps.now().toISOString()),
  );
  if (changed && changed.message.status === status && changed.previous !== status) {
    if (status === 'approved') announceMessage(deps, changed.message);
    else if (changed.previous === 'approved') announceStats(deps, changed.message.caseId);
    // Every open moderation page drops it from its queue, whoever decided.
    const { id, caseId } = changed.message;
    deps.live.publish('admin', 'decided', { id, caseId, status });
  }
  return changed?.message ?? null;
}

export function adminRoutes(app: Hono<Env>, deps: Deps): void {
  moderationQueueRoutes(app, deps, {
    path: '/v1/admin/messages',
    noun: 'message',
    list: (query) => deps.storage.listMessages(query),
    view: toAdminMessage,
    decide: (messageId, status) => decideMessage(deps, messageId, status),
    refused: {
      code: 'text_removed',
      message: "Its text was removed when its case's personal data expired; it cannot be approved.",
    },
  });

  /** The exact counts: the public ones move in coarse steps. */
  app.get('/v1/admin/cases/:id/stats', async (c) => {
    const { id } = requireCase(deps, c);
    return c.json(toExactStats(deps, id, await deps.storage.counts(id)));
  });

  app.get('/v1/admin/events', (c) => liveStream(deps, c, 'admin', ': moderators\n\n'));

  app.get('/v1/admin/cases/:id/signatures.csv', (c) => {
    const { id } = requireCase(deps, c);
    const emails = emailsParam(c);
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
    const body = csvStream(header, deps.storage.exportSignatures(id), (row) => [
      `${row.firstName} ${row.lastName}`.trim(),
      row.country,
      row.createdAt,
      row.source ?? '',
      row.optIn,
      row.optInAt ?? '',
      row.consentVersion,
      ...(emails ? [row.email] : []),
    ]);
    return download(c, body, 'text/csv; charset=utf-8', `${id}-signatures.csv`);
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
