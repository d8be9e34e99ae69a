import { readerFor } from './endpoint-reader.js';
import { EventStreams } from './event-stream.js';
import { LiveStats } from './live-stats.js';

/** What keeps the widgets live: the shared event streams and the cases' numbers on them. */
export interface LiveHub {
  streams: EventStreams;
  stats: LiveStats;
}

export function createLiveHub(reader: (endpoint: string) => ReturnType<typeof readerFor> = readerFor): LiveHub {
  const streams = new EventStreams();
  return { streams, stats: new LiveStats(streams, reader) };
}

/** The page's hub, for every widget not given another through context. */
export const liveHub: LiveHub = createLiveHub();
