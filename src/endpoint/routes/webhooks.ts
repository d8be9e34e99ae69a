import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { toErrorIssues } from '../../schema/error.js';
import type { Deps, Env } from '../deps.js';
import { HttpError, invalid } from '../http.js';
import type { DeliveryQuery } from '../storage/index.js';

const deliveriesQuery = z.strictObject({
  state: z.optional(z.literal(['pending', 'delivered', 'dead'])),
  cursor: z.optional(z.string().check(z.maxLength(100))),
  limit: z._default(
    z
      .pipe(z.string().check(z.regex(/^\d{1,3}$/, 'A whole number from 1 to 200.')), z.transform(Number))
      .check(z.refine((n) => n >= 1 && n <= 200, 'A whole number from 1 to 200.')),
    50,
  ),
});

function deliveryQuery(c: Context, failed: boolean): DeliveryQuery {
  const parsed = deliveriesQuery.safeParse(c.req.query());
  if (!parsed.success) throw invalid(toErrorIssues(parsed.error.issues));
  const { state, cursor, limit } = parsed.data;
  return { ...(state ? { state } : {}), ...(cursor ? { cursor } : {}), limit, failed };
}

/** The outbox for operators: what was sent, what keeps failing, and sending the dead letters again. */
export function webhookRoutes(app: Hono<Env>, deps: Deps): void {
  const list = (failed: boolean) => async (c: Context<Env>) =>
    c.json(await deps.storage.outbox.list(deliveryQuery(c, failed)));

  app.get('/v1/admin/webhooks/deliveries', list(false));
  /** Deliveries whose last attempt failed: retrying, or dead. */
  app.get('/v1/admin/webhooks/failures', list(true));

  app.post('/v1/admin/webhooks/dead/replay', async (c) => {
    const replayed = await deps.storage.outbox.replay(deps.now());
    if (replayed > 0) deps.wakeDeliverer();
    return c.json({ replayed });
  });

  app.post('/v1/admin/webhooks/dead/:eventId/replay', async (c) => {
    const replayed = await deps.storage.outbox.replay(deps.now(), c.req.param('eventId'));
    if (replayed === 0) throw new HttpError(404, 'not_found', 'No dead delivery has this event id.');
    deps.wakeDeliverer();
    return c.json({ replayed });
  });
}
