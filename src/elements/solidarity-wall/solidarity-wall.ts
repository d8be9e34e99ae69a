import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleProperties } from '../../core/element/style-properties.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import { ActionError } from '../../core/data/action-error.js';
import { eventStreamController } from '../../core/data/event-stream.js';
import { liveHub } from '../../core/data/live-hub.js';
import { countryName } from '../../core/format/country.js';
import { formStyles } from '../../core/forms/form-fields.js';
import { relativeTime } from '../../core/format/relative-time.js';
import { getLocale } from '../../core/locale/localization.js';
import { plural } from '../../core/format/plural.js';
import { formatNumber } from '../../core/format/format-number.js';
import { publicMessage, statsSchema, type PublicMessage } from '../../schema/index.js';
import { RowHeights } from './row-heights.js';
import { PostForm } from './post-form.js';
import { solidarityWallStyles } from './solidarity-wall.styles.js';

/** Pixels rendered beyond each edge of the visible part of the list, so fast scrolling shows no gap. */
const OVERSCAN = 480;
/** Messages asked for per page. */
const PAGE = 100;
/** Narrowest column of the grid layout, in pixels. */
const COLUMN = 260;
/** Web addresses, for campaigns that allow links in messages. */
const WEB_ADDRESS = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/;

interface Anchor {
  id: string;
  delta: number;
}

/**
 * @summary Reads and posts short messages of solidarity, live.
 *
 * Messages come newest first from `GET {endpoint}/v1/cases/:id/messages`, a page at a time as the
 * reader scrolls, and live from the case's event stream. Only the messages in view are in the DOM, so
 * a wall of 100,000 messages costs what a wall of twenty does. A message that arrives while the reader
 * is further down is added above without moving what they read, and a "new messages" button takes them
 * up to it. Every message is plain text; addresses in it are links only with the `links` attribute.
 *
 * @csspart base - The wall.
 * @csspart heading - The heading.
 * @csspart total - How many messages the wall holds.
 * @csspart form - The form to post a message.
 * @csspart counter - The characters used and allowed.
 * @csspart submit - The "Post message" button.
 * @csspart posted - What became of the message just posted.
 * @csspart error - An error message.
 * @csspart new-messages - The "N new messages" button.
 * @csspart list - The scrolling list of messages.
 * @csspart message - One message.
 * @csspart name - The writer's name.
 * @csspart country - The writer's country.
 * @csspart time - When the message was written.
 * @csspart text - The message.
 *
 * @cssproperty --w4r-wall-block-size - Height of the scrolling list (default 32rem).
 *
 * @fires w4r-message-posted - A message was posted; `detail.status` is `approved` or `pending`. Never the text.
 * @fires w4r-error - Posting or loading failed; `detail.code` says why.
 */
export class W4rSolidarityWall extends W4rElement {
  static override styles = [...W4rElement.styles, formStyles, solidarityWallStyles];

  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  /** `list`: one message per row; `grid`: as many columns as fit. */
  @property({ reflect: true }) layout: 'list' | 'grid' = 'list';

  /** Makes web addresses in messages clickable, for campaigns that allow links. Off by default. */
  @property({ type: Boolean }) links = false;

  /** Level of the wall's heading (1–6), to fit the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Messages to show instead of the endpoint's, newest first (a page that has them at hand, a preview). */
  @property({ attribute: false }) messages?: PublicMessage[];

  @state() private items: PublicMessage[] = [];
  @state() private total?: number;
  @state() private nextCursor?: string | null;
  @state() private loading = false;
  @state() private loadError?: ActionError;
  @state() private newCount = 0;

  /** The scrolling list, once rendered. */
  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.scroller');
  }

  private readonly heights = new RowHeights();
  private readonly ids = new Set<string>();
  private columns = 1;
  private width = 0;
  private loadedFor?: string;
  private listTop = 0;
  private viewport = 0;
  private rendered: [number, number] = [0, -1];
  private anchor?: Anchor;
  private focusNewest = false;
  private generation = 0;
  private abort?: AbortController;
  private clock?: ReturnType<typeof setInterval>;
  private readonly resize = new ResizeObserver(() => this.onScroll());

  private readonly form = new PostForm(this, {
    endpoint: () => this.resolvedEndpoint,
    reader: () => this.reader,
    outbox: () => this.givenOutbox,
    caseId: () => this.caseId,
    source: () => this.resolvedSource,
    posted: (message, status) => {
      if (status === 'approved') {
        this.scrollListTo(0);
        this.receive(message);
      }
    },
  });

  constructor() {
    super();
    eventStreamController(
      this,
      () => (this.givenLiveHub ?? liveHub).streams,
      () => (this.client && this.caseId ? this.client.eventsUrl(this.caseId) : undefined),
      {
        open: () => this.reconnected(),
        message: (data) => {
          const parsed = publicMessage.safeParse(data);
          if (parsed.success) this.receive(parsed.data);
        },
        stats: (data) => {
          const parsed = statsSchema.safeParse(data);
          if (parsed.success && !this.messages) this.total = parsed.data.messages;
        },
      },
      { replay: ['stats'] },
    );
  }

  private get client() {
    return this.reader;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.resize.disconnect();
    this.abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (
      changed.has('messages') ||
      changed.has('caseId') ||
      changed.has('endpoint') ||
      changed.has('campaign')
    ) {
      const key = `${this.resolvedEndpoint}|${this.caseId}`;
      if (changed.has('messages') || key !== this.loadedFor) this.reset(key);
    }
    const cols = this.layout === 'grid' ? Math.max(1, Math.floor((this.width + 16) / (COLUMN + 16))) : 1;
    if (changed.has('items') || cols !== this.columns || changed.has('layout')) {
      this.columns = cols;
      const keys: string[] = [];
      for (let index = 0; index < this.items.length; index += cols)
        keys.push(`${this.items[index]!.id}|${cols}`);
      this.heights.setRows(keys);
    }
  }

  private reset(key: string): void {
    this.loadedFor = key;
    this.abort?.abort();
    this.generation++;
    this.ids.clear();
    this.newCount = 0;
    this.loadError = undefined;
    this.loading = false;
    if (this.messages) {
      this.items = this.messages.filter((message) => !this.ids.has(message.id) && this.ids.add(message.id));
      this.total = this.messages.length;
      this.nextCursor = null;
      return;
    }
    this.items = [];
    this.total = undefined;
    this.nextCursor = undefined;
    if (this.client && this.caseId) void this.loadPage();
  }

  /** Loads the next page of older messages (the first page when none is loaded). */
  private async loadPage(): Promise<void> {
    const client = this.client;
    const caseId = this.caseId;
    if (!client || !caseId || this.loading || this.nextCursor === null) return;
    const generation = this.generation;
    this.abort = new AbortController();
    this.loading = true;
    this.loadError = undefined;
    try {
      const page = await client.getMessages(caseId, this.nextCursor, {
        limit: PAGE,
        signal: this.abort.signal,
      });
      if (generation !== this.generation) return;
      const fresh = page.items.filter((message) => !this.ids.has(message.id) && this.ids.add(message.id));
      this.items = [...this.items, ...fresh];
      this.total = page.total;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation !== this.generation || !(error instanceof ActionError)) return;
      this.loadError = error;
      this.emit('w4r-error', { caseId, code: error.code, message: error.message });
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** After the stream reconnects, messages approved meanwhile are fetched with the first page. */
  private reconnected(): void {
    const client = this.client;
    if (!client || !this.caseId || this.messages || this.nextCursor === undefined) return;
    const generation = this.generation;
    client
      .getMessages(this.caseId, null, { limit: PAGE })
      .then((page) => {
        if (generation !== this.generation) return;
        for (const message of [...page.items].reverse()) this.receive(message);
        this.total = page.total;
      })
      .catch(() => undefined);
  }

  /** A newer message: added on top; a reader further down keeps their place and is told. */
  private receive(message: PublicMessage): void {
    if (this.ids.has(message.id)) return;
    this.ids.add(message.id);
    if (this.listTop > 4 && this.items.length) {
      this.anchor ??= this.anchorNow();
      this.newCount++;
    }
    this.items = [message, ...this.items];
  }

  /** The first message in view and how far the list is scrolled past it. */
  private anchorNow(): Anchor | undefined {
    const row = this.heights.indexAt(this.listTop);
    const first = this.items[row * this.columns];
    return first && { id: first.id, delta: this.listTop - this.heights.offset(row) };
  }

  private onScroll(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    this.listTop = scroller.scrollTop;
    this.viewport = scroller.clientHeight;
    if (this.width !== scroller.clientWidth) {
      this.width = scroller.clientWidth;
      this.requestUpdate();
    }
    if (this.listTop <= 4 && this.newCount) this.newCount = 0;
    const [first, last] = this.range();
    if (first !== this.rendered[0] || last !== this.rendered[1]) this.requestUpdate();
    if (last >= this.heights.rowCount - 3 && this.nextCursor && !this.loadError) void this.loadPage();
  }

  private range(): [number, number] {
    const count = this.heights.rowCount;
    if (!count) return [0, -1];
    const first = this.heights.indexAt(Math.max(0, this.listTop - OVERSCAN));
    const last = this.heights.indexAt(this.listTop + Math.max(this.viewport, 400) + OVERSCAN);
    return [first, Math.min(last, count - 1)];
  }

  private scrollListTo(top: number): void {
    this.anchor = undefined;
    this.listTop = top;
    if (this.scroller) this.scroller.scrollTop = top;
    this.newCount = 0;
  }

  private showNewest(): void {
    this.scrollListTo(0);
    this.focusNewest = true;
    this.requestUpdate();
  }

  protected override firstUpdated(): void {
    if (this.scroller) this.resize.observe(this.scroller);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const scroller = this.scroller;
    if (!scroller) return;
    // Where the reader was, before rows above them change height or new rows arrive above them.
    if (this.anchor) {
      const index = this.items.findIndex((message) => message.id === this.anchor!.id);
      if (index >= 0)
        scroller.scrollTop = this.heights.offset(Math.floor(index / this.columns)) + this.anchor.delta;
      this.anchor = undefined;
    }
    const anchor = scroller.scrollTop > 4 ? this.anchorNow() : undefined;
    let moved = false;
    for (const row of scroller.querySelectorAll<HTMLElement>('[data-key]')) {
      moved = this.heights.measure(row.dataset['key']!, row.getBoundingClientRect().height) || moved;
    }
    if (moved) {
      this.heights.relayout();
      this.anchor = anchor;
      this.requestUpdate();
    }
    if (this.focusNewest) {
      this.focusNewest = false;
      // The list is already at its top; letting focus scroll too could nudge it a pixel past.
      scroller.querySelector<HTMLElement>('article')?.focus({ preventScroll: true });
    }
    this.onScroll();
  }

  protected override render() {
    const level = headingLevel(this.headingLevel);
    return html`
      <section part="base" class="wall" aria-labelledby="heading" lang=${getLocale()} dir=${this.direction}>
        <div class="header">
          <h2 part="heading" id="heading" aria-level=${level}>${msg('Messages of solidarity')}</h2>
          ${this.total === undefined ? nothing : html`<p part="total" class="total">${this.totalText(this.total)}</p>`}
        </div>
        ${this.client && this.caseId ? this.form.render(this.resolvedLocale) : nothing} ${this.renderList()}
      </section>
    `;
  }

  private totalText(total: number): string {
    const count = formatNumber(total, this.resolvedLocale);
    return plural(total, {
      '=0': msg('No messages yet', { id: 'wall.total.0' }),
      '=1': msg('One message', { id: 'wall.total.1' }),
      '=2': msg('Two messages', { id: 'wall.total.2' }),
      few: msg(str`${count} messages`, { id: 'wall.total.few' }),
      many: msg(str`${count} messages`, { id: 'wall.total.many' }),
      other: msg(str`${count} messages`, { id: 'wall.total.other' }),
    });
  }

  private newMessagesText(added: number): string {
    const count = formatNumber(added, this.resolvedLocale);
    return plural(added, {
      '=1': msg('One new message', { id: 'wall.new.1' }),
      '=2': msg('Two new messages', { id: 'wall.new.2' }),
      few: msg(str`${count} new messages`, { id: 'wall.new.few' }),
      many: msg(str`${count} new messages`, { id: 'wall.new.many' }),
      other: msg(str`${count} new messages`, { id: 'wall.new.other' }),
    });
  }

  private renderList() {
    const [first, last] = (this.rendered = this.range());
    const rows = [];
    for (let row = first; row <= last; row++) rows.push(this.renderRow(row));
    const padding = {
      'padding-block-start': `${this.heights.offset(first)}px`,
      'padding-block-end': `${this.heights.total - this.heights.offset(last + 1)}px`,
      '--_columns': String(this.columns),
    };
    const empty = !this.items.length && !this.loading && !this.loadError && this.nextCursor !== undefined;
    return html`
      <div class="frame">
        <button
          part="new-messages"
          class="button new"
          type="button"
          ?hidden=${!this.newCount}
          @click=${this.showNewest}
        >
          ${this.newMessagesText(this.newCount)}
        </button>
        <div
          part="list"
          class=${!this.items.length && (empty || this.loadError) ? 'scroller compact' : 'scroller'}
          role=${this.items.length ? 'feed' : 'group'}
          tabindex="0"
          aria-label=${msg('Messages')}
          aria-busy=${this.loading ? 'true' : 'false'}
          @scroll=${this.onScroll}
        >
          <div class="rows" style=${styleProperties(padding)}>${rows}</div>
          ${this.renderEnd(empty)}
        </div>
      </div>
    `;
  }

  private renderEnd(empty: boolean) {
    if (this.loadError) {
      return html`<div part="error" class="end" role="alert">
        <p>${msg('The messages could not be loaded.')}</p>
        <button class="button secondary" type="button" @click=${() => void this.loadPage()}>
          ${msg('Try again')}
        </button>
      </div>`;
    }
    if (this.loading) return html`<p class="end">${msg('Loading messages…')}</p>`;
    if (empty) return html`<p class="end">${msg('No messages yet. Be the first to write one.')}</p>`;
    if (this.nextCursor === null && this.items.length > 1)
      return html`<p class="end">${msg('You have reached the oldest message.')}</p>`;
    return nothing;
  }

  private renderRow(row: number) {
    const cols = this.columns;
    const messages = this.items.slice(row * cols, row * cols + cols);
    return html`<div class="row" data-key=${`${messages[0]!.id}|${cols}`}>
      ${messages.map((message, column) => this.renderMessage(message, row * cols + column))}
    </div>`;
  }

  private renderMessage(message: PublicMessage, index: number) {
    const locale = this.resolvedLocale;
    const when = new Date(message.createdAt);
    return html`<article
      part="message"
      class="message"
      tabindex="-1"
      aria-labelledby=${`n${index}`}
      aria-posinset=${index + 1}
      aria-setsize=${Math.max(this.total ?? -1, this.items.length)}
    >
      <p class="meta">
        <span part="name" class="name" id=${`n${index}`} dir="auto">${message.name}</span>
        ${
          message.country
            ? html`<span part="country" class="country">${countryName(message.country, locale)}</span>`
            : nothing
        }
        <time part="time" datetime=${message.createdAt} title=${when.toLocaleString(locale)}>
          ${relativeTime(when, locale)}
        </time>
      </p>
      <p part="text" class="text" dir="auto">${this.links ? this.linked(message.text) : message.text}</p>
    </article>`;
  }

  /** The text with its web addresses as links; everything else stays text. */
  private linked(text: string) {
    return text
      .split(WEB_ADDRESS)
      .map((part, index) =>
        index % 2
          ? html`<a href=${part} rel="nofollow ugc noopener noreferrer" target="_blank">${part}</a>`
          : part,
      );
  }
}
