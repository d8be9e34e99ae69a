import type { ReactiveControllerHost } from 'lit';
import { statsSchema, type Stats } from '../../schema/index.js';
import type { EndpointReader } from './endpoint-reader.js';
import type { EventStreams } from './event-stream.js';
import { KeyedSubscriptionController } from './keyed-subscription.js';

/** How often to look whether the numbers need fetching by hand. */
const TICK_MS = 15_000;
/** With no word from the stream this soon after starting, the numbers are fetched by hand. */
const FIRST_POLL_MS = 3_000;
/** With no word from the stream for this long (it may have dropped quietly), fetch the numbers. */
const QUIET_MS = 60_000;

interface SharedStats {
  stats?: Stats;
  listeners: Set<(stats: Stats) => void>;
  stop: () => void;
}

const keyOf = (endpoint: string, caseId: string) => `${endpoint}|${caseId}`;

function accept(entry: SharedStats, data: unknown): void {
  const parsed = statsSchema.safeParse(data);
  if (!parsed.success) return;
  entry.stats = parsed.data;
  for (const listener of [...entry.listeners]) listener(parsed.data);
}

/**
 * Follows cases' numbers: live through the endpoint's event stream, polling when the stream is
 * unavailable. Every widget on the page watching the same case at the same endpoint shares one
 * subscription, which closes when the last one stops.
 */
export class LiveStats {
  private readonly shared = new Map<string, SharedStats>();

  constructor(
    private readonly streams: EventStreams,
    private readonly readerFor: (endpoint: string) => EndpointReader,
  ) {}

  /**
   * Watches a case's numbers; the listener hears the latest at once when they are known. Returns the
   * function that stops watching.
   */
  watch(endpoint: string, caseId: string, listener: (stats: Stats) => void): () => void {
    const key = keyOf(endpoint, caseId);
    let entry = this.shared.get(key);
    if (!entry) {
      entry = this.start(endpoint, caseId);
      this.shared.set(key, entry);
    }
    entry.listeners.add(listener);
    if (entry.stats) listener(entry.stats);
    const watched = entry;
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size || this.shared.get(key) !== watched) return;
      watched.stop();
      this.shared.delete(key);
    };
  }

  /**
   * Hands every widget watching the case numbers the endpoint just sent with an answer (a signature's).
   * An answer may be an older one replayed to a retry, so it only ever raises a count; the stream and
   * the polls, which are always current, may lower one (after an erasure).
   */
  publish(endpoint: string, caseId: string, stats: Stats): void {
    const entry = this.shared.get(keyOf(endpoint, caseId));
    if (!entry) return;
    const known = entry.stats;
    accept(
      entry,
      known
        ? {
            ...stats,
            signatures: Math.max(stats.signatures, known.signatures),
            messages: Math.max(stats.messages, known.messages),
            letters: Math.max(stats.letters, known.letters),
          }
        : stats,
    );
  }

  private start(endpoint: string, caseId: string): SharedStats {
    const reader = this.readerFor(endpoint);
    let open = false;
    let heard = 0;
    const entry: SharedStats = { listeners: new Set(), stop: () => {} };
    const hear = (data?: unknown) => {
      heard = Date.now();
      if (data !== undefined) accept(entry, data);
    };
    const poll = () => {
      if (open && Date.now() - heard < QUIET_MS) return;
      reader.getStats(caseId).then(hear, () => {
        // Unreachable for now: the next tick tries again.
      });
    };
    const unsubscribe = this.streams.subscribe(
      reader.eventsUrl(caseId),
      {
        stats: hear,
        open: () => {
          open = true;
          hear();
        },
      },
      { replay: ['stats'] },
    );
    // Without streams (an old browser, a proxy that buffers them), the numbers are polled.
    const timer = setInterval(poll, TICK_MS);
    const first = setTimeout(poll, typeof EventSource === 'undefined' ? 0 : FIRST_POLL_MS);
    entry.stop = () => {
      clearInterval(timer);
      clearTimeout(first);
      unsubscribe();
    };
    return entry;
  }
}

interface StatsTarget {
  endpoint: string;
  caseId: string;
}

/** Keeps an element's `value` on its case's latest numbers while it is connected. */
export class LiveStatsController {
  value?: Stats;

  constructor(
    host: ReactiveControllerHost,
    stats: () => LiveStats,
    target: () => { endpoint?: string | undefined; caseId?: string | undefined },
  ) {
    new KeyedSubscriptionController<StatsTarget>(host, {
      target: () => {
        const { endpoint, caseId } = target();
        return endpoint && caseId ? { endpoint, caseId } : undefined;
      },
      keyOf: ({ endpoint, caseId }) => keyOf(endpoint, caseId),
      changed: () => (this.value = undefined),
      start: ({ endpoint, caseId }) =>
        stats().watch(endpoint, caseId, (latest) => {
          this.value = latest;
          host.requestUpdate();
        }),
    });
  }
}
