import type { Hono } from 'hono';
import { letterReport } from '../../schema/index.js';
import { announceStats } from '../announce.js';
import type { Deps, Env } from '../deps.js';
import { rejectAutomated, requireCase } from '../guards.js';
import { toStats } from '../views.js';
import { HttpError, idempotencyKey, jsonBody } from '../http.js';
import type { Counts } from '../storage/index.js';
import { acceptWrite } from '../write.js';

export function letterRoutes(app: Hono<Env>, deps: Deps): void {
  app.post('/v1/cases/:id/letters', async (c) => {
    const { id, config } = requireCase(deps, c);
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, letterReport);

    const answer = (counts: Counts) => ({ status: 201, body: { stats: toStats(deps, id, counts) } });
    return acceptWrite(deps, c, {
      kind: 'letters',
      claim: key ? { scope: `letters:${id}`, key, requestHash: hash } : undefined,
      admit: () => {
        if (!config.letter) throw new HttpError(404, 'not_found', 'This case has no letter to report.');
        // The honeypot only: a supporter comes back days after writing and reports in one click, so
        // how long the form was open says nothing about who sends it.
        rejectAutomated(data, 0);
      },
      store: (keyed) =>
        deps.storage.addLetters(
          {
            caseId: id,
            count: data.count,
            country: data.country ?? null,
            kind: data.kind ?? 'appeal',
            source: data.source ?? null,
            createdAt: deps.now().toISOString(),
          },
          keyed,
          deps.events.lettersReported(),
        ),
      answer,
      stored: () => announceStats(deps, id),
    });
  });
}
