import type { Hono } from 'hono';
import type { Deps, Env } from '../deps.js';
import { requireCase } from '../guards.js';
import { deliveryDocument, type DeliveryMessage, type DeliverySigner } from '../delivery/document.js';
import { download, flagParam, HttpError } from '../http.js';
import type { Storage } from '../storage/index.js';

async function* signers(storage: Storage, caseId: string): AsyncIterable<DeliverySigner> {
  for await (const row of storage.exportSignatures(caseId)) {
    yield { name: `${row.firstName} ${row.lastName}`, country: row.country, createdAt: row.createdAt };
  }
}

async function* messages(storage: Storage, caseId: string): AsyncIterable<DeliveryMessage> {
  for await (const message of storage.exportMessages(caseId)) {
    yield { name: message.name, country: message.country, text: message.text, createdAt: message.createdAt };
  }
}

/** `GET /v1/admin/cases/:id/delivery.pdf`: the document a section hands in with the signatures. */
export function deliveryDocumentRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/admin/cases/:id/delivery.pdf', async (c) => {
    const { id } = requireCase(deps, c);
    const appendix = flagParam(c, 'messages');
    // The petition in the case's own language, as it was written.
    const source = deps.campaign.localized(id, [])!;
    if (!source.petition) {
      throw new HttpError(
        404,
        'not_found',
        'This case has no petition, so there are no signatures to deliver.',
      );
    }
    const [counts, byCountry] = await Promise.all([deps.storage.counts(id), deps.storage.deliveryTotals(id)]);
    const body = deliveryDocument({
      campaignName: deps.campaign.config.name,
      caseName: source.name,
      target: source.target,
      petitionText: source.petition.text,
      date: deps.now(),
      totals: counts,
      byCountry,
      signers: signers(deps.storage, id),
      messages: appendix ? messages(deps.storage, id) : undefined,
    });
    return download(c, body, 'application/pdf', `${id}-delivery.pdf`);
  });
}
