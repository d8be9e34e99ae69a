import { actionClientFor } from './action-client.js';
import { liveHub } from './live-hub.js';
import { Outbox } from './outbox.js';

/** The page's outbox, for every widget not given another through context. */
export const outbox = new Outbox({ clientFor: actionClientFor, stats: liveHub.stats });
