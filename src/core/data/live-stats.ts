import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { statsSchema, type Stats } from '../../schema/index.js';
import { actionClientFor } from './action-client.js';
import { subscribe } from './event-stream.js';

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

const shared = new Map<string, SharedStats>();
const keyOf = (endpoint: string, caseId: string) => `${endpoint}|${caseId}`;

function accept(entry: SharedStats, data: unknown): void {
  const parsed = statsSchema.safeParse(data);
  if (!parsed.success) return;
  entry.stats = parsed.data;
  for (const listener of [...entry.listeners]) listener(parsed.data);
}

function start(endpoint: string, caseId: string): SharedStats {
  const client = actionClientFor(endpoint);
  let open = false;
  let heard = 0;
  const entry: SharedStats = { listeners: new Set(), stop: () => {} };
  const hear = (data?: unknown) => {
    heard = Date.now();
    if (data !== undefined) accept(entry, data);
  };
  const poll = () => {
    if (open && Date.now() - heard < QUIET_MS) return;
    client.getStats(caseId).then(hear, () => {
      // Unreachable for now: the next tick tries again.
    });
  };
  const unsubscribe = subscribe(
    client.eventsUrl(caseId),
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

/**
 * Follows a case's numbers: live through the endpoint's event stream, polling when the stream is
 * unavailable. Every widget on the page watching the same case at the same endpoint shares one
 * subscription, which closes when the last one stops. The listener hears the latest numbers at once
 * when they are known. Returns the function that stops watching.
 */
export function watchStats(endpoint: string, caseId: string, listener: (stats: Stats) => void): () => void {
  const key = keyOf(endpoint, caseId);
  let entry = shared.get(key);
  if (!entry) {
    entry = start(endpoint, caseId);
    shared.set(key, entry);
  }
  entry.listeners.add(listener);
  if (entry.stats) listener(entry.stats);
  const watched = entry;
  return () => {
    watched.listeners.delete(listener);
    if (watched.listeners.size || shared.get(key) !== watched) return;
    watched.stop();
    shared.delete(key);
  };
}

/**
 * Hands every widget watching the case numbers the endpoint just sent with an answer (a signature's).
 * An answer may be an older one replayed to a retry, so it only ever raises a count; the stream and
 * the polls, which are always current, may lower one (after an erasure).
 */
export function publishStats(endpoint: string, caseId: string, stats: Stats): void {
  const entry = shared.get(keyOf(endpoint, caseId));
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

/** Keeps an element's `value` on its case's latest numbers while it is connected. */
export class LiveStatsController implements ReactiveController {
  value?: Stats;
  private key?: string;
  private stop?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => { endpoint?: string | undefined; caseId?: string | undefined },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = this.key = undefined;
  }

  private sync(): void {
    const { endpoint, caseId } = this.target();
    const key = endpoint && caseId ? keyOf(endpoint, caseId) : undefined;
    if (key === this.key) return;
    this.stop?.();
    this.key = key;
    this.value = undefined;
    this.stop =
      endpoint && caseId
        ? watchStats(endpoint, caseId, (stats) => {
            this.value = stats;
            this.host.requestUpdate();
          })
        : undefined;
  }
}
