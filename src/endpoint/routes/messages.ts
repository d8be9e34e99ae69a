import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { messageInput } from '../../schema/index.js';
import { announceMessage } from '../announce.js';
import type { Deps, Env } from '../deps.js';
import { rejectAutomated, requireCase } from '../guards.js';
import { toPublicMessage } from '../views.js';
import { idempotencyKey, jsonBody, limitParam } from '../http.js';
import { moderate } from '../moderation.js';
import type { MessageResult } from '../storage/index.js';
import { acceptWrite } from '../write.js';

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
