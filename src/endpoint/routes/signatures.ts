import type { Hono } from 'hono';
import { signatureInput } from '../../schema/index.js';
import { announceStats } from '../announce.js';
import type { Deps, Env } from '../deps.js';
import { rejectAutomated, requireCase } from '../guards.js';
import { toStats } from '../views.js';
import { HttpError, idempotencyKey, jsonBody } from '../http.js';
import type { NewSignature, SignatureResult } from '../storage/index.js';
import { acceptWrite } from '../write.js';
import { bothReports } from '../opt-in/double-opt-in.js';
import { optInLanguage } from '../opt-in/wording.js';

export function signatureRoutes(app: Hono<Env>, deps: Deps): void {
  app.post('/v1/cases/:id/signatures', async (c) => {
    const { id, config } = requireCase(deps, c);
    const key = idempotencyKey(c);
    const { data, hash } = await jsonBody(c, signatureInput);
    const now = deps.now();

    // A repeat (the same email on this case) is answered exactly like a first signature, and its stats
    // are announced the same way, so nobody can learn from the answer, the public count (in coarse
    // steps, see public-count.ts) or the live stream whether someone signed.
    const answer = (result: SignatureResult) => ({
      status: 201,
      body: { status: 'counted', stats: toStats(deps, id, result.counts) },
    });
    return acceptWrite(deps, c, {
      kind: 'signatures',
      claim: key ? { scope: `signatures:${id}`, key, requestHash: hash } : undefined,
      admit: () => {
        if (!config.petition) throw new HttpError(404, 'not_found', 'This case has no petition to sign.');
        if (config.petition.closes && Date.parse(config.petition.closes) <= now.getTime()) {
          throw new HttpError(
            410,
            'petition_closed',
            'This petition is closed and takes no more signatures.',
          );
        }
        rejectAutomated(data, deps.campaign.config.minFillMs);
      },
      store: (keyed) => {
        const signature: NewSignature = {
          caseId: id,
          firstName: data.firstName,
          lastName: data.lastName,
          email: data.email,
          country: data.country,
          optIn: data.optIn ?? false,
          source: data.source ?? null,
          consentVersion: data.consentVersion ?? deps.campaign.config.consentVersion,
          createdAt: now.toISOString(),
        };
        // With double opt-in, a ticked box waits for the signer's confirmation; the signature counts now.
        const confirmation =
          signature.optIn && deps.optIn
            ? deps.optIn.begin(
                signature,
                signerLanguage(
                  c.req.header('accept-language'),
                  data.locale,
                  config.lang ?? deps.campaign.config.defaultLocale,
                ),
              )
            : undefined;
        if (confirmation) signature.optInId = confirmation.optInId;
        const report = bothReports(deps.events.signatureCreated(signature), confirmation?.report);
        return deps.storage.addSignature(signature, keyed, report);
      },
      answer,
      stored: () => announceStats(deps, id),
    });
  });
}

/** The form's language, else the browser's, else the case's: the one the confirmation email is written in. */
function signerLanguage(
  acceptLanguage: string | undefined,
  locale: string | undefined,
  caseLang: string,
): string {
  const accepted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim())
    .filter(Boolean);
  return optInLanguage([...(locale ? [locale] : []), ...accepted], caseLang);
}
