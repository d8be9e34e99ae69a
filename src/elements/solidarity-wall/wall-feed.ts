import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ActionError } from '../../core/data/action-error.js';
import type { EndpointReader } from '../../core/data/endpoint-reader.js';
import { eventStreamController, type EventStreams } from '../../core/data/event-stream.js';
import { publicMessage, statsSchema, type PublicMessage } from '../../schema/index.js';

/** Messages asked for per page. */
const PAGE = 100;

export interface WallFeedSettings {
  reader(): EndpointReader | undefined;
  caseId(): string | undefined;
  streams(): EventStreams;
  /** Messages to show instead of the endpoint's, newest first. */
  given(): PublicMessage[] | undefined;
  /** A newer message is about to go on top. */
  arriving(): void;
  /** A page could not be loaded. */
  failed(error: ActionError): void;
}

/**
 * The wall's messages, newest first: a page at a time from the endpoint, live ones from the case's
 * event stream merged on top, each message once however often it arrives (a page, the stream, the
 * page fetched again after the stream reconnects, the writer's own post).
 */
export class WallFeed implements ReactiveController {
  items: PublicMessage[] = [];
  total?: number | undefined;
  /** Where the next older page starts; null once the oldest is loaded, undefined before the first. */
  nextCursor?: string | null | undefined;
  loading = false;
  loadError?: ActionError | undefined;

  private readonly ids = new Set<string>();
  private loadedFor?: string;
  private given?: PublicMessage[] | undefined;
  /** Answers to requests made for an earlier case are dropped. */
  private generation = 0;
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly settings: WallFeedSettings,
  ) {
    host.addController(this);
    eventStreamController(
      host,
      settings.streams,
      () => {
        const reader = settings.reader();
        const caseId = settings.caseId();
        return reader && caseId ? reader.eventsUrl(caseId) : undefined;
      },
      {
        open: () => this.reconnected(),
        message: (data) => {
          const parsed = publicMessage.safeParse(data);
          if (parsed.success) this.receive(parsed.data);
        },
        stats: (data) => {
          const parsed = statsSchema.safeParse(data);
          if (parsed.success && !this.given) this.total = parsed.data.messages;
          this.host.requestUpdate();
        },
      },
      { replay: ['stats'] },
    );
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** Starts again when the wall's case, endpoint or given messages change; call before rendering. */
  sync(): void {
    const key = `${this.settings.reader()?.endpoint}|${this.settings.caseId()}`;
    const given = this.settings.given();
    if (key === this.loadedFor && given === this.given) return;
    this.loadedFor = key;
    this.given = given;
    this.abort?.abort();
    this.generation++;
    this.ids.clear();
    this.loadError = undefined;
    this.loading = false;
    if (given) {
      this.items = this.fresh(given);
      this.total = given.length;
      this.nextCursor = null;
      return;
    }
    this.items = [];
    this.total = this.nextCursor = undefined;
    void this.loadPage();
  }

  /** Loads the next page of older messages (the first page when none is loaded). */
  async loadPage(): Promise<void> {
    const reader = this.settings.reader();
    const caseId = this.settings.caseId();
    if (!reader || !caseId || this.loading || this.nextCursor === null) return;
    const generation = this.generation;
    this.abort = new AbortController();
    this.loading = true;
    this.loadError = undefined;
    this.host.requestUpdate();
    try {
      const page = await reader.getMessages(caseId, this.nextCursor, {
        limit: PAGE,
        signal: this.abort.signal,
      });
      if (generation !== this.generation) return;
      this.items = [...this.items, ...this.fresh(page.items)];
      this.total = page.total;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation !== this.generation || !(error instanceof ActionError)) return;
      this.loadError = error;
      this.settings.failed(error);
    } finally {
      if (generation === this.generation) this.loading = false;
      this.host.requestUpdate();
    }
  }

  /** A newer message: added on top, once. */
  receive(message: PublicMessage): void {
    if (this.ids.has(message.id)) return;
    this.ids.add(message.id);
    this.settings.arriving();
    this.items = [message, ...this.items];
    this.host.requestUpdate();
  }

  /** After the stream reconnects, messages approved meanwhile are fetched with the first page. */
  private reconnected(): void {
    const reader = this.settings.reader();
    const caseId = this.settings.caseId();
    if (!reader || !caseId || this.given || this.nextCursor === undefined) return;
    const generation = this.generation;
    reader
      .getMessages(caseId, null, { limit: PAGE })
      .then((page) => {
        if (generation !== this.generation) return;
        for (const message of [...page.items].reverse()) this.receive(message);
        this.total = page.total;
        this.host.requestUpdate();
      })
      .catch(() => undefined);
  }

  /** The messages not yet on the wall, now counted as on it. */
  private fresh(messages: readonly PublicMessage[]): PublicMessage[] {
    return messages.filter((message) => !this.ids.has(message.id) && this.ids.add(message.id));
  }
}
