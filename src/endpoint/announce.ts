import type { Deps } from './deps.js';
import type { StoredMessage } from './storage/index.js';
import { readStats, toAdminMessage, toPublicMessage } from './views.js';

/** What the live streams are told: new stats of a case, and what became of a message. */

export function announceStats(deps: Deps, caseId: string): void {
  deps.live.statsChanged(caseId, () => readStats(deps, caseId));
}

/** Tells the wall's readers and the moderators what became of a message. */
export function announceMessage(deps: Deps, message: StoredMessage): void {
  if (message.status === 'approved') {
    deps.live.publish(`case:${message.caseId}`, 'message', toPublicMessage(message));
    announceStats(deps, message.caseId);
  } else if (message.status === 'pending') {
    deps.live.publish('admin', 'pending', toAdminMessage(message));
  }
}
