import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps, Env } from '../deps.js';
import { optInLanguage } from '../opt-in/wording.js';
import { confirmPage, type ConfirmOutcome } from '../opt-in/page.js';
import { OWN_PAGE_POLICY } from '../page-policy.js';

const STATUS: Record<ConfirmOutcome, ContentfulStatusCode> = {
  confirmed: 200,
  already: 200,
  expired: 410,
  invalid: 400,
  unknown: 404,
};

/** `GET /v1/confirm/:token`: the link in a double opt-in email. */
export function confirmRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/confirm/:token', async (c) => {
    const optIn = deps.optIn;
    const fallback = optInLanguage(
      (c.req.header('accept-language') ?? '').split(',').map((part) => part.split(';')[0]!.trim()),
      deps.campaign.config.defaultLocale,
    );
    let outcome: ConfirmOutcome = 'invalid';
    let lang = fallback;
    let caseName = '';
    const reading = optIn?.read(c.req.param('token'), deps.now()) ?? { kind: 'invalid' as const };
    if (reading.kind !== 'invalid') lang = optInLanguage([reading.lang], fallback);
    if (reading.kind === 'expired') outcome = 'expired';
    if (reading.kind === 'valid') {
      const at = deps.now().toISOString();
      const done = await deps.storage.confirmOptIn(reading.optInId, at, deps.events.signatureConfirmed());
      outcome = done.kind;
      if (done.kind !== 'unknown')
        caseName = deps.campaign.localized(done.signature.caseId, [lang])?.name ?? done.signature.caseId;
    }
    return c.html(confirmPage(outcome, lang, caseName), STATUS[outcome], {
      'Content-Security-Policy': OWN_PAGE_POLICY,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
  });
}
