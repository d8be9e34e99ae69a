import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { styleProperties } from '../../core/element/style-properties.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import { liveHub } from '../../core/data/live-hub.js';
import { countryName } from '../../core/format/country.js';
import { formStyles } from '../../core/forms/form-fields.js';
import { relativeTime } from '../../core/format/relative-time.js';
import { speaks } from '../../core/locale/speaks.js';
import { counted } from '../../core/format/plural.js';
import type { PublicMessage } from '../../schema/index.js';
import { VirtualRows } from './virtual-rows.js';
import { WallFeed } from './wall-feed.js';
import { PostForm } from './post-form.js';
import { solidarityWallStyles } from './solidarity-wall.styles.js';

/** Web addresses, for campaigns that allow links in messages. */
const WEB_ADDRESS = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/;

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

  private clock?: ReturnType<typeof setInterval>;

  private readonly feed = new WallFeed(this, {
    reader: () => this.reader,
    caseId: () => this.caseId,
    streams: () => (this.services.liveHub ?? liveHub).streams,
    given: () => this.messages,
    arriving: () => this.rows.arriving(),
    failed: (error) =>
      this.emit('w4r-error', { caseId: this.caseId, code: error.code, message: error.message }),
  });

  private readonly rows = new VirtualRows(this, {
    scroller: () => this.renderRoot.querySelector('.scroller'),
    items: () => this.feed.items,
    grid: () => this.layout === 'grid',
    nearEnd: () => {
      if (this.feed.nextCursor && !this.feed.loadError) void this.feed.loadPage();
    },
  });

  private readonly form = new PostForm(this, {
    target: () => this.actionTarget,
    reader: () => this.reader,
    source: () => this.resolvedSource,
    posted: (message, status) => {
      if (status === 'approved') {
        this.rows.scrollTo(0);
        this.feed.receive(message);
      }
    },
  });

  protected override get caseIdForActions(): string | undefined {
    return this.caseId;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.feed.sync();
    this.rows.layout();
  }

  protected override render() {
    const level = headingLevel(this.headingLevel);
    return html`
      <section part="base" class="wall" aria-labelledby="heading" ${speaks(this.direction)}>
        <div class="header">
          <h2 part="heading" id="heading" aria-level=${level}>${msg('Messages of solidarity')}</h2>
          ${this.feed.total === undefined ? nothing : html`<p part="total" class="total">${this.totalText(this.feed.total)}</p>`}
        </div>
        ${this.reader && this.caseId ? this.form.render(this.resolvedLocale) : nothing} ${this.renderList()}
      </section>
    `;
  }

  private totalText(total: number): string {
    return counted(total, this.resolvedLocale, (count) => ({
      '=0': msg('No messages yet', { id: 'wall.total.0' }),
      '=1': msg('One message', { id: 'wall.total.1' }),
      '=2': msg('Two messages', { id: 'wall.total.2' }),
      few: msg(str`${count} messages`, { id: 'wall.total.few' }),
      many: msg(str`${count} messages`, { id: 'wall.total.many' }),
      other: msg(str`${count} messages`, { id: 'wall.total.other' }),
    }));
  }

  private newMessagesText(added: number): string {
    return counted(added, this.resolvedLocale, (count) => ({
      '=1': msg('One new message', { id: 'wall.new.1' }),
      '=2': msg('Two new messages', { id: 'wall.new.2' }),
      few: msg(str`${count} new messages`, { id: 'wall.new.few' }),
      many: msg(str`${count} new messages`, { id: 'wall.new.many' }),
      other: msg(str`${count} new messages`, { id: 'wall.new.other' }),
    }));
  }

  private renderList() {
    const { items, loading, loadError, nextCursor } = this.feed;
    const [first, last] = this.rows.take();
    const rows = [];
    for (let row = first; row <= last; row++) rows.push(this.renderRow(row));
    const padding = this.rows.padding([first, last]);
    const empty = !items.length && !loading && !loadError && nextCursor !== undefined;
    return html`
      <div class="frame">
        <button
          part="new-messages"
          class="button new"
          type="button"
          ?hidden=${!this.rows.newCount}
          @click=${() => this.rows.showNewest()}
        >
          ${this.newMessagesText(this.rows.newCount)}
        </button>
        <div
          part="list"
          class=${!items.length && (empty || loadError) ? 'scroller compact' : 'scroller'}
          role=${items.length ? 'feed' : 'group'}
          tabindex="0"
          aria-label=${msg('Messages')}
          aria-busy=${loading ? 'true' : 'false'}
          @scroll=${this.rows.onScroll}
        >
          <div class="rows" style=${styleProperties(padding)}>${rows}</div>
          ${this.renderEnd(empty)}
        </div>
      </div>
    `;
  }

  private renderEnd(empty: boolean) {
    const { items, loading, loadError, nextCursor } = this.feed;
    if (loadError) {
      return html`<div part="error" class="end" role="alert">
        <p>${msg('The messages could not be loaded.')}</p>
        <button class="button secondary" type="button" @click=${() => void this.feed.loadPage()}>
          ${msg('Try again')}
        </button>
      </div>`;
    }
    if (loading) return html`<p class="end">${msg('Loading messages…')}</p>`;
    if (empty) return html`<p class="end">${msg('No messages yet. Be the first to write one.')}</p>`;
    if (nextCursor === null && items.length > 1)
      return html`<p class="end">${msg('You have reached the oldest message.')}</p>`;
    return nothing;
  }

  private renderRow(row: number) {
    const cols = this.rows.columns;
    const messages = this.feed.items.slice(row * cols, row * cols + cols);
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
      aria-setsize=${Math.max(this.feed.total ?? -1, this.feed.items.length)}
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
