import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { messageInput } from '../../schema/index.js';
import {
  announceStats,
  rateLimit,
  rejectAutomated,
  requireCase,
  toAdminMessage,
  toPublicMessage,
  type Deps,
  type Env,
} from '../deps.js';
import { answerOutcome, idempotencyKey, jsonBody, limitParam } from '../http.js';
import { moderate } from '../moderation.js';
import type { MessageResult, StoredMessage } from '../storage/index.js';

/** Tells the wall's readers and the moderators what became of a message. */
export function announceMessage(deps: Deps, message: StoredMessage): void {
  if (message.status === 'approved') {
    deps.live.publish(`case:${message.caseId}`, 'message', toPublicMessage(message));
    announceStats(deps, message.caseId);
  } else if (message.status === 'pending') {
    deps.live.publish('admin', 'pending', toAdminMessage(message));
  }
}

export function messageRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/cases/:id/messages', async (c) => {
    const { id } = requireCase(deps, c);
    const limit = limitParam(c, 20, 100);
    const page = await deps.storage.listMessages({
      status: 'approved',
      caseId: id,
      cursor: c.req.query('cursor'),
      limit,
    });
    return c.json({ items: page.items.map(toPublicMessage), nextCursor: page.nextCursor, total: page.total });
  });

  app.post('/v1/cases/:id/messages', async (c) => {
    const { id } = requireCase(deps, c);
    rateLimit(deps, c, 'messages');
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, messageInput);
    rejectAutomated(deps, data);

    const { status, heldFor } = moderate(deps.campaign.moderation(id), data);
    const answer = (result: MessageResult) => ({
      status: 201,
      body: { id: result.message.id, status: result.message.status },
    });
    const outcome = await deps.storage.addMessage(
      {
        id: randomUUID(),
        caseId: id,
        name: data.name,
        country: data.country ?? null,
        text: data.text,
        source: data.source ?? null,
        status,
        heldFor,
        createdAt: deps.now().toISOString(),
      },
      key ? { claim: { scope: `messages:${id}`, key, requestHash: hash }, answer } : undefined,
    );
    if (outcome.kind === 'done') announceMessage(deps, outcome.value.message);
    return answerOutcome(c, outcome, answer);
  });
}
