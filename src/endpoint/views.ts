import type { Case, PublicMessage, Stats } from '../schema/index.js';
import type { Deps } from './deps.js';
import type { Counts, StoredMessage, StoredPhoto } from './storage/index.js';

/** What the endpoint shows of what it stores, to the public and to the campaign's own people. */

/** The case's stats as the public reads them: the signatures in coarse steps (see public-count.ts). */
export function toStats(
  deps: Pick<Deps, 'campaign' | 'publicCounts'>,
  caseId: string,
  counts: Counts,
): Stats {
  return {
    ...toExactStats(deps, caseId, counts),
    signatures: deps.publicCounts.signatures(caseId, counts.signatures),
  };
}

/** The case's exact stats, for the campaign's own people only. */
export function toExactStats(deps: Pick<Deps, 'campaign'>, caseId: string, counts: Counts): Stats {
  return { ...counts, goal: deps.campaign.caseConfig(caseId)?.petition?.goal ?? null };
}

export function readStats(
  deps: Pick<Deps, 'campaign' | 'publicCounts' | 'storage'>,
  caseId: string,
): Promise<Stats> {
  return deps.storage.counts(caseId).then((counts) => toStats(deps, caseId, counts));
}

export function toPublicMessage(message: StoredMessage): PublicMessage {
  return {
    id: message.id,
    name: message.name,
    ...(message.country ? { country: message.country } : {}),
    text: message.text,
    createdAt: message.createdAt,
  };
}

export function toAdminMessage(message: StoredMessage) {
  return {
    ...toPublicMessage(message),
    caseId: message.caseId,
    status: message.status,
    ...(message.heldFor.length > 0 ? { heldFor: message.heldFor } : {}),
  };
}

export function toAdminPhoto(photo: StoredPhoto) {
  return {
    id: photo.id,
    caseId: photo.caseId,
    status: photo.status,
    type: photo.type,
    size: photo.size,
    ...(photo.source ? { source: photo.source } : {}),
    createdAt: photo.createdAt,
  };
}

export type { Case };
