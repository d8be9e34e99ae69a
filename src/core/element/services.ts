import { createContext } from '@lit/context';
import type { EndpointReader } from '../data/endpoint-reader.js';
import type { LiveHub } from '../data/live-hub.js';
import type { Outbox } from '../data/outbox.js';

/**
 * The services a widget uses, which a page, a story or a test can give the widgets inside an element
 * (`<w4r-campaign .services=${…}>`, or any `ContextProvider`) instead of replacing `fetch` and
 * `EventSource` for the whole page. What is not given is the page's own. Only types are imported here:
 * a widget that never writes never loads the writer.
 */
export interface Services {
  /** How a widget reads from an endpoint (the case, its numbers, its messages); one reader per endpoint. */
  client?: (endpoint: string) => EndpointReader;
  /** Where the widgets that write keep and send their actions. */
  outbox?: Outbox;
  /** The event streams and live numbers. */
  liveHub?: LiveHub;
}

export const servicesContext = createContext<Services>(Symbol('w4r-services'));
