import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono, Next } from 'hono';
import * as z from 'zod/mini';
import { emailAddress } from '../../schema/common.js';
import { toErrorIssues } from '../../schema/error.js';
import { announceStats, requireCase, toAdminMessage, type Deps, type Env } from '../deps.js';
import { csvRow } from '../csv.js';
import { HttpError, invalid, limitParam } from '../http.js';
import type { MessageStatus } from '../storage/index.js';
import { announceMessage } from './messages.js';
import { liveStream } from './events.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Bearer token check in constant time: both sides hashed first, so lengths never differ. */
export function adminAuth(token: string | undefined) {
  const expected = token ? sha256(token) : undefined;
  return async (c: Context, next: Next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = sha256(match?.[1]?.trim() ?? '');
    const ok = expected !== undefined && match !== null && timingSafeEqual(given, expected);
    if (!ok) {
      throw new HttpError(
        401,
        'unauthorized',
        'This needs the admin token: Authorization: Bearer <token>.',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="w4r-admin"',
        },
      );
    }
    await next();
  };
}

const messageStatus = z.literal(['pending', 'approved', 'rejected']);
const emailParam = z.string().check(z.trim(), z.minLength(3), z.maxLength(254), emailAddress);

export function statusParam(c: Context): MessageStatus {
  const parsed = messageStatus.safeParse(c.req.query('status') ?? 'pending');
  if (!parsed.success) {
    throw invalid([{ path: 'status', code: 'invalid_value', message: 'pending, approved or rejected.' }]);
  }
  return parsed.data;
}

export function caseParam(deps: Deps, c: Context): string | undefined {
  const id = c.req.query('case');
  if (id === undefined || id === '') return undefined;
  if (!deps.campaign.caseConfig(id))
    throw new HttpError(404, 'case_not_found', `There is no case "${id.slice(0, 80)}".`);
  return id;
}

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

  for (const [action, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(`/v1/admin/messages/:messageId/${action}`, async (c) => {
      const changed = await deps.storage.setMessageStatus(
        c.req.param('messageId'),
        status,
        deps.events.messageDecided(deps.now().toISOString()),
      );
      if (!changed) throw new HttpError(404, 'not_found', 'There is no such message.');
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
            `${row.firstName} ${row.lastName}`,
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

  app.delete('/v1/admin/supporters/:email', async (c) => {
    const parsed = emailParam.safeParse(c.req.param('email'));
    if (!parsed.success)
      throw invalid(toErrorIssues(parsed.error.issues).map((i) => ({ ...i, path: 'email' })));
    const erased = await deps.storage.eraseSupporter(
      parsed.data,
      deps.events.supporterErased(parsed.data, deps.now().toISOString()),
    );
    for (const caseId of erased.cases) announceStats(deps, caseId);
    return c.json({ erased: { signatures: erased.signatures, messages: 0, letters: 0 } });
  });
}
