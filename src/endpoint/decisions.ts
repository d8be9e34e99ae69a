import type { Hono } from 'hono';
import type { ModerationStatus } from '../schema/status.js';
import type { Deps, Env } from './deps.js';
import { caseParam, statusParam } from './guards.js';
import { HttpError, limitParam, type ErrorCode } from './http.js';
import type { Page } from './storage/index.js';

/** What a moderator decides about a message, a photo or an event, by the word in its route, and the status it sets. */
export const DECISIONS = [
  ['approve', 'approved'],
  ['reject', 'rejected'],
] as const satisfies readonly (readonly [string, ModerationStatus])[];

/** What a moderation queue's list asks its storage for: `?status=`, `?case=`, `?cursor=`, `?limit=`. */
export interface QueueQuery {
  status: ModerationStatus;
  caseId?: string;
  cursor?: string;
  limit: number;
}

export interface ModerationQueue<T> {
  /** The queue's path, such as `/v1/admin/messages`. */
  path: string;
  /** What the queue holds, as its 404 names it: "There is no such message." */
  noun: string;
  list(query: QueueQuery): Promise<Page<T>>;
  /** What a moderator sees of an item. */
  view(item: T): unknown;
  /**
   * Moves the item to `status` and answers it as it now is, or null when there is none. Announcing
   * the change is its own.
   */
  decide(id: string, status: ModerationStatus): Promise<{ id: string; status: ModerationStatus } | null>;
  /**
   * Why an item that keeps its status after a decision could not take it, answered 409; absent for a
   * queue whose items always take a decision.
   */
  refused?: { code: ErrorCode; message: string };
}

/**
 * A moderation queue's routes: `GET path` pages through it, newest first, and
 * `POST path/:id/approve` or `…/reject` decides one item, answering `{ id, status }`: 404 when there
 * is no such item, 409 when it cannot take the decision (and stays as it was).
 */
export function moderationQueueRoutes<T>(app: Hono<Env>, deps: Deps, queue: ModerationQueue<T>): void {
  app.get(queue.path, async (c) => {
    const page = await queue.list({
      status: statusParam(c),
      caseId: caseParam(deps, c),
      cursor: c.req.query('cursor'),
      limit: limitParam(c, 50, 200),
    });
    return c.json({ items: page.items.map(queue.view), nextCursor: page.nextCursor, total: page.total });
  });

  for (const [action, status] of DECISIONS) {
    app.post(`${queue.path}/:id/${action}`, async (c) => {
      const item = await queue.decide(c.req.param('id') ?? '', status);
      if (!item) throw new HttpError(404, 'not_found', `There is no such ${queue.noun}.`);
      if (queue.refused && item.status !== status) {
        throw new HttpError(409, queue.refused.code, queue.refused.message);
      }
      return c.json({ id: item.id, status });
    });
  }
}
