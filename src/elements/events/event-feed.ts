import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EndpointReader } from '../../core/data/endpoint-reader.js';
import { gatheringPage, type PublicGathering } from '../../schema/gathering.js';

/** Events asked for per page. */
const PAGE_SIZE = 50;

export interface EventFeedSettings {
  reader(): EndpointReader | undefined;
  /** The case whose events are listed; the whole campaign's without one. */
  caseId(): string | undefined;
  locale(): string;
  /** The country listed first, until the reader picks another ('' for every country). */
  country(): string;
  /** Once a page and the cases' names are in, what else the widget loads with them (a report's event). */
  loaded(reader: EndpointReader, signal: AbortSignal): Promise<void>;
  /** A page could not be loaded. */
  failed(error: unknown): void;
}

/**
 * The events listed, soonest first: a page at a time for the country chosen (or online ones only),
 * the names of the campaign's cases, and the list read again when the filters change or it is asked to.
 */
export class EventFeed implements ReactiveController {
  items: PublicGathering[] = [];
  total = 0;
  nextCursor: string | null = null;
  loading = false;
  /** The page that could not be loaded, when the last one could not. */
  loadError?: unknown;
  caseNames = new Map<string, string>();
  country?: string;
  onlineOnly = false;

  private loadedFor?: string;
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly settings: EventFeedSettings,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** Starts again when the endpoint, the case, the filters or the language change; call before rendering. */
  sync(): void {
    this.country ??= this.settings.country();
    const reader = this.settings.reader();
    const key = `${reader?.endpoint}|${this.settings.caseId()}|${this.country}|${this.onlineOnly}|${this.settings.locale()}`;
    if (reader && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load(reader, true);
    }
  }

  /** Read again at the next update: an event approved meanwhile shows. */
  reload(): void {
    this.loadedFor = undefined;
    this.host.requestUpdate();
  }

  more(): void {
    const reader = this.settings.reader();
    if (reader) void this.load(reader, false);
  }

  filter(country: string, onlineOnly = this.onlineOnly): void {
    this.country = country;
    this.onlineOnly = onlineOnly;
    this.host.requestUpdate();
  }

  /** An event's count of people coming, as the endpoint answered it. */
  participants(id: string, participants: number): void {
    this.items = this.items.map((item) => (item.id === id ? { ...item, participants } : item));
    this.host.requestUpdate();
  }

  /** The first page for the filters (or the next one) and, the first time, the cases' names. */
  private async load(reader: EndpointReader, fresh: boolean): Promise<void> {
    if (fresh) this.abort?.abort();
    const abort = (this.abort = fresh ? new AbortController() : (this.abort ?? new AbortController()));
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (this.onlineOnly) params.set('online', '1');
    else if (this.country) params.set('country', this.country);
    if (!fresh && this.nextCursor) params.set('cursor', this.nextCursor);
    const caseId = this.settings.caseId();
    const path = caseId ? `cases/${encodeURIComponent(caseId)}/gatherings` : 'gatherings';
    this.loading = true;
    this.loadError = undefined;
    this.host.requestUpdate();
    try {
      const [page, cases] = await Promise.all([
        reader.get(path, gatheringPage, { signal: abort.signal }, params),
        this.caseNames.size
          ? undefined
          : reader.getCases({ signal: abort.signal, locale: this.settings.locale() }),
      ]);
      if (cases) this.caseNames = new Map(cases.map((entry) => [entry.id, entry.name]));
      this.items = fresh ? page.items : [...this.items, ...page.items];
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      await this.settings.loaded(reader, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadError = error;
      this.settings.failed(error);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
      this.host.requestUpdate();
    }
  }
}
