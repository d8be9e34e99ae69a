import type { Hono } from 'hono';
import { signatureInput } from '../../schema/index.js';
import {
  announceStats,
  rateLimit,
  rejectAutomated,
  requireCase,
  toStats,
  type Deps,
  type Env,
} from '../deps.js';
import { answerOutcome, HttpError, idempotencyKey, jsonBody } from '../http.js';
import type { SignatureResult } from '../storage/index.js';

export function signatureRoutes(app: Hono<Env>, deps: Deps): void {
  app.post('/v1/cases/:id/signatures', async (c) => {
    const { id, config } = requireCase(deps, c);
    rateLimit(deps, c, 'signatures');
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, signatureInput);
    if (!config.petition) throw new HttpError(404, 'not_found', 'This case has no petition to sign.');
    const now = deps.now();
    if (config.petition.closes && Date.parse(config.petition.closes) <= now.getTime()) {
      throw new HttpError(410, 'petition_closed', 'This petition is closed and takes no more signatures.');
    }
    rejectAutomated(deps, data);

    // A repeat (the same email on this case) is answered exactly like a first signature, so nobody
    // can learn from the answer whether someone signed.
    const answer = (result: SignatureResult) => ({
      status: 201,
      body: { status: 'counted', stats: toStats(deps, id, result.counts) },
    });
    const outcome = await deps.storage.addSignature(
      {
        caseId: id,
        firstName: data.firstName,
        lastName: data.lastName,
        email: data.email,
        country: data.country,
        optIn: data.optIn ?? false,
        source: data.source ?? null,
        consentVersion: data.consentVersion ?? deps.campaign.config.consentVersion,
        createdAt: now.toISOString(),
      },
      key ? { claim: { scope: `signatures:${id}`, key, requestHash: hash }, answer } : undefined,
    );
    if (outcome.kind === 'done' && outcome.value.added) announceStats(deps, id);
    return answerOutcome(c, outcome, answer);
  });
}
