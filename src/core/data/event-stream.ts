import type { ReactiveControllerHost } from 'lit';
import { KeyedSubscriptionController } from './keyed-subscription.js';

/**
 * What a subscriber wants from a stream: a handler per named event (`stats`, `message`, …) called with
 * the event's JSON, and `open`, called with no data each time the stream (re)connects.
 */
export type EventHandlers = Record<string, ((data: unknown) => void) | undefined>;

export interface SubscribeOptions {
  /**
   * Events whose latest data a late subscriber is handed at once (`stats`, which the endpoint sends
   * only on connect and on change); others (`message`) are only ever delivered live.
   */
  replay?: readonly string[];
}

interface Subscriber {
  handlers: EventHandlers;
  replay: readonly string[];
}

interface SharedStream {
  source?: EventSource;
  subscribers: Set<Subscriber>;
  /** Event names with a listener on the current source. */
  names: Set<string>;
  /** The latest data of each event name, for `replay`. */
  last: Map<string, unknown>;
  retry?: ReturnType<typeof setTimeout>;
  delay: number;
}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/**
 * Listens to named events of Server-Sent Events streams. Every widget of the page that listens to
 * the same URL shares one `EventSource`, which closes when the last one leaves. The browser reconnects
 * after a dropped connection by itself; when the endpoint refuses the stream (an error status), it is
 * tried again with a growing delay.
 */
export class EventStreams {
  private readonly streams = new Map<string, SharedStream>();

  /** Subscribes `handlers` to the stream at `url`. Returns the function that unsubscribes. */
  subscribe(url: string, handlers: EventHandlers, options: SubscribeOptions = {}): () => void {
    let stream = this.streams.get(url);
    if (!stream) {
      stream = { subscribers: new Set(), names: new Set(), last: new Map(), delay: FIRST_RETRY_MS };
      this.streams.set(url, stream);
      open(url, stream);
    }
    const subscriber: Subscriber = { handlers, replay: options.replay ?? [] };
    stream.subscribers.add(subscriber);
    for (const name of Object.keys(handlers)) listen(stream, name);
    for (const name of subscriber.replay) {
      if (stream.last.has(name)) handlers[name]?.(stream.last.get(name));
    }
    const shared = stream;
    return () => {
      shared.subscribers.delete(subscriber);
      if (shared.subscribers.size > 0 || this.streams.get(url) !== shared) return;
      clearTimeout(shared.retry);
      shared.source?.close();
      this.streams.delete(url);
    };
  }
}

function open(url: string, stream: SharedStream): void {
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource(url);
  stream.source = source;
  const names = [...stream.names];
  stream.names.clear();
  for (const name of names) listen(stream, name);
  source.addEventListener('open', () => {
    stream.delay = FIRST_RETRY_MS;
    for (const { handlers } of [...stream.subscribers]) handlers['open']?.(undefined);
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED || stream.source !== source) return;
    stream.retry = setTimeout(() => open(url, stream), stream.delay);
    stream.delay = Math.min(stream.delay * 2, MAX_RETRY_MS);
  });
}

function listen(stream: SharedStream, name: string): void {
  if (name === 'open' || stream.names.has(name) || !stream.source) {
    if (name !== 'open') stream.names.add(name);
    return;
  }
  stream.names.add(name);
  stream.source.addEventListener(name, (event) => {
    let data: unknown;
    try {
      data = JSON.parse((event as MessageEvent<string>).data);
    } catch {
      return;
    }
    stream.last.set(name, data);
    for (const { handlers } of [...stream.subscribers]) handlers[name]?.(data);
  });
}


/**
 * Keeps an element subscribed to a stream while it is connected, following the URL when the element's
 * settings change it (a new case, a new endpoint); no URL, no subscription.
 */
export const eventStreamController = (
  host: ReactiveControllerHost,
  streams: () => EventStreams,
  url: () => string | undefined,
  handlers: EventHandlers,
  options: SubscribeOptions = {},
) =>
  new KeyedSubscriptionController(host, {
    target: url,
    keyOf: (target) => target,
    start: (target) => streams().subscribe(target, handlers, options),
  });
