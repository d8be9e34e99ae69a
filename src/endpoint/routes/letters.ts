import type { Hono } from 'hono';
import { letterReport } from '../../schema/index.js';
import { announceStats, rateLimit, requireCase, toStats, type Deps, type Env } from '../deps.js';
import { answerOutcome, HttpError, idempotencyKey, jsonBody } from '../http.js';
import type { Counts } from '../storage/index.js';

export function letterRoutes(app: Hono<Env>, deps: Deps): void {
  app.post('/v1/cases/:id/letters', async (c) => {
    const { id, config } = requireCase(deps, c);
    rateLimit(deps, c, 'letters');
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, letterReport);
    if (!config.letter) throw new HttpError(404, 'not_found', 'This case has no letter to report.');

    const answer = (counts: Counts) => ({ status: 201, body: { stats: toStats(deps, id, counts) } });
    const outcome = await deps.storage.addLetters(
      {
        caseId: id,
        count: data.count,
        country: data.country ?? null,
        kind: data.kind ?? 'appeal',
        source: data.source ?? null,
        createdAt: deps.now().toISOString(),
      },
      key ? { claim: { scope: `letters:${id}`, key, requestHash: hash }, answer } : undefined,
    );
    if (outcome.kind === 'done') announceStats(deps, id);
    return answerOutcome(c, outcome, answer);
  });
}
