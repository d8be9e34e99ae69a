import { createContext } from '@lit/context';
import type { EndpointReader } from '../data/endpoint-reader.js';
import type { LiveHub } from '../data/live-hub.js';
import type { Outbox } from '../data/outbox.js';

/**
 * The services a widget uses, which a page, a story or a test can give the widgets inside an element
 * (`<w4r-campaign .client=${…}>`, or any `ContextProvider`) instead of replacing `fetch` and
 * `EventSource` for the whole page. A widget given none uses the page's own. Only types are imported
 * here: a widget that never writes never loads the writer.
 */

/** How a widget reads from an endpoint (the case, its numbers, its messages). */
export type ClientFor = (endpoint: string) => EndpointReader;

export const clientContext = createContext<ClientFor>(Symbol('w4r-client'));
export const outboxContext = createContext<Outbox>(Symbol('w4r-outbox'));
export const liveHubContext = createContext<LiveHub>(Symbol('w4r-live-hub'));
