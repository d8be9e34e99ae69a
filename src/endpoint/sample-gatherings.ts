import type { Campaign } from './config.js';
import { newEditToken, storedDetails } from './gathering-view.js';
import type { Storage } from './storage/index.js';

/**
 * Stores the campaign file's sample events as approved, each once: one already stored (by its `id`)
 * is left as it is, participants and all. Nobody holds their edit token, so nobody reports for them.
 */
export async function addSampleGatherings(storage: Storage, campaign: Campaign, now: Date): Promise<number> {
  let added = 0;
  for (const sample of campaign.config.gatherings) {
    if (await storage.gatherings.get(sample.id)) continue;
    await storage.gatherings.add({
      id: sample.id,
      ...storedDetails(sample),
      source: null,
      // A token nobody is given: the digest of a random one, thrown away.
      tokenHash: newEditToken().hash,
      status: 'approved',
      heldFor: [],
      createdAt: now.toISOString(),
    });
    added++;
  }
  return added;
}
