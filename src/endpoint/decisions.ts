import type { Hono } from 'hono';
import type { ModerationStatus } from '../schema/status.js';
import type { Deps, Env } from './deps.js';
import { caseParam, statusParam } from './guards.js';
import { limitParam } from './http.js';
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
  list(query: QueueQuery): Promise<Page<T>>;
  /** What a moderator sees of an item. */
  view(item: T): unknown;
  /**
   * Moves the item to `status` and answers its id, or throws the HttpError that says why not (404 for
   * none, 409 for a decision it cannot take); announcing the change is its own.
   */
  decide(id: string, status: ModerationStatus): Promise<string>;
}

/**
 * A moderation queue's routes: `GET path` pages through it, newest first, and
 * `POST path/:id/approve` or `…/reject` decides one item, answering `{ id, status }`.
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
      const id = await queue.decide(c.req.param('id') ?? '', status);
      return c.json({ id, status });
    });
  }
}
