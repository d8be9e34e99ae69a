import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { messageInput } from '../../schema/index.js';
import {
  announceStats,
  rejectAutomated,
  requireCase,
  toAdminMessage,
  toPublicMessage,
  type Deps,
  type Env,
} from '../deps.js';
import { idempotencyKey, jsonBody, limitParam } from '../http.js';
import { moderate } from '../moderation.js';
import type { MessageResult, StoredMessage } from '../storage/index.js';
import { acceptWrite } from '../write.js';

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
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, messageInput);

    const answer = (result: MessageResult) => ({
      status: 201,
      body: { id: result.message.id, status: result.message.status },
    });
    return acceptWrite(deps, c, {
      kind: 'messages',
      claim: key ? { scope: `messages:${id}`, key, requestHash: hash } : undefined,
      admit: () => rejectAutomated(data, deps.campaign.config.minFillMs),
      store: (keyed) => {
        const { status, heldFor } = moderate(deps.campaign.moderation(id), data);
        return deps.storage.addMessage(
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
          keyed,
          deps.events.messagePosted(),
        );
      },
      answer,
      stored: (result) => announceMessage(deps, result.message),
    });
  });
}
