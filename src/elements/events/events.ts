import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { readerFor } from '../../core/data/endpoint-reader.js';
import { countryName, countryOfLocale, countryOptions } from '../../core/format/country.js';
import { errorCode } from '../../core/format/error-messages.js';
import { eventErrorMessage } from './event-errors.js';
import { formStyles } from '../../core/forms/form-fields.js';
import { formatNumber } from '../../core/format/format-number.js';
import { getLocale } from '../../core/locale/localization.js';
import { textIn } from '../../core/locale/locale.js';
import type { Outcome } from '../../core/data/outbox.js';
import { outbox } from '../../core/data/default-outbox.js';
import { newActionKey } from '../../core/data/action-key.js';
import { plural } from '../../core/format/plural.js';
import {
  gatheringPage,
  gatheringReceipt,
  joinReceipt,
  publicGathering,
  reportReceipt,
  type PublicGathering,
} from '../../schema/gathering.js';
import { eventsStyles } from './events.styles.js';
import { HostForm } from './host-form.js';
import { editLinkFor, editLinkIn, ReportForm } from './report-form.js';
import { formatWhen } from './zoned-time.js';

type View = 'list' | 'host' | 'hosted' | 'report';

const JOINED_PREFIX = 'w4r-joined:';
const PAGE_SIZE = 50;
/** `#w4r-event=<id>`: an event's own link, which opens its details. */
const EVENT_LINK = /^#w4r-event=([\w-]{1,64})$/;

function remembered(id: string): boolean {
  try {
    return localStorage.getItem(JOINED_PREFIX + id) === '1';
  } catch {
    return false;
  }
}

function remember(id: string): void {
  try {
    localStorage.setItem(JOINED_PREFIX + id, '1');
  } catch {
    // nowhere to remember it: the button is offered again next time
  }
}

/**
 * @summary Letter-writing events: find one near you, say you'll come, add it to a calendar, host one,
 * and report the letters written there.
 *
 * Lists the campaign's upcoming events (only the case's, with `case`), soonest first, with dates in the
 * reader's own time zone and language, filtered by country (the page's region by default) or to online
 * ones. Hosts announce an event with a form; it shows once the campaign team approved it. After the
 * event, the host's private edit link (`#w4r-report=…` on this page) opens the report of letters
 * written per case, which adds to each case's letter count.
 *
 * @csspart base - The whole widget.
 * @csspart filters - The country and online filters.
 * @csspart list - The list of events.
 * @csspart event - One event.
 * @csspart join - The "I'll come" button.
 * @csspart calendar - The "Add to calendar" link.
 * @csspart host-form - The form to host an event.
 * @csspart report-form - The host's report of letters.
 * @csspart field - Each field with its label and problem.
 * @csspart field-error - A field's problem.
 * @csspart submit - A form's send button.
 * @csspart failure - What went wrong.
 * @csspart notice - What happened after sending.
 *
 * @fires w4r-event-hosted - `detail: { caseId?, status: 'approved' | 'pending' | 'queued', source? }` when an event was announced.
 * @fires w4r-event-joined - `detail: { eventId, status: 'counted' | 'queued' }` on "I'll come".
 * @fires w4r-event-calendar - `detail: { eventId }` when a calendar file was asked for.
 * @fires w4r-event-reported - `detail: { eventId, letters, status: 'counted' | 'queued' }` when a host reported letters.
 * @fires w4r-error - `detail: { caseId?, code, message }` when something could not be done.
 */
export class W4rEvents extends W4rElement {
  static override styles = [...W4rElement.styles, formStyles, eventsStyles];

  /** The case id; without it, the whole campaign's events. */
  @property({ attribute: 'case' }) caseId?: string;

  /** The country shown first (ISO 3166-1 alpha-2); defaults to the page's region, if its locale has one. */
  @property() country?: string;

  /** Level of the widget's heading (2–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private view: View = 'list';
  @state() private items: PublicGathering[] = [];
  @state() private total = 0;
  @state() private nextCursor: string | null = null;
  @state() private loading = false;
  @state() private loadError?: string;
  @state() private countryFilter?: string;
  @state() private onlineOnly = false;
  @state() private caseNames = new Map<string, string>();
  @state() private open = new Set<string>();
  @state() private joining = new Set<string>();
  /** Events the endpoint said are full when this reader asked to come. */
  @state() private full = new Set<string>();
  @state() private hosted?: { status: 'approved' | 'pending' | 'queued'; link?: string };
  @state() private report?: {
    id: string;
    token: string;
    gathering?: PublicGathering;
    error?: string;
    done?: number;
  };
  @state() private announcement = '';

  private readonly hostForm = new HostForm(this, {
    endpoint: () => this.resolvedEndpoint,
    caseId: () => this.caseId,
    cases: () => [...this.caseNames].map(([id, name]) => ({ id, name })),
    source: () => this.resolvedSource,
    locale: () => this.resolvedLocale,
    sent: (key) => this.keys.set(key, 'host'),
  });
  private readonly reportForm = new ReportForm(this, {
    endpoint: () => this.resolvedEndpoint,
    caseName: (id) => this.caseNames.get(id) ?? id,
    sent: (key, letters) => this.keys.set(key, `report:${letters}`),
  });
  /** The actions this widget sent, by key: what each was. */
  private readonly keys = new Map<string, string>();
  private loadedFor?: string;
  private abort?: AbortController;
  private stopListening?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    outbox.start();
    this.stopListening = outbox.onOutcome((outcome) => this.heard(outcome));
    const edit = editLinkIn(location.hash);
    if (edit) {
      this.view = 'report';
      this.report = edit;
    }
    const link = EVENT_LINK.exec(location.hash);
    if (link) this.open = new Set([link[1]!]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.countryFilter === undefined) {
      this.countryFilter =
        this.country?.toUpperCase() ??
        countryOfLocale(this.locale, this.campaign?.locale, this.resolvedLocale) ??
        '';
    }
    const endpoint = this.resolvedEndpoint;
    const key = `${endpoint}|${this.caseId}|${this.countryFilter}|${this.onlineOnly}|${this.resolvedLocale}`;
    if (endpoint && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load(endpoint, true);
    }
  }

  /** The first page of events for the filters (or the next one), the cases' names, and a report's event. */
  private async load(endpoint: string, fresh: boolean): Promise<void> {
    if (fresh) this.abort?.abort();
    const abort = (this.abort = fresh ? new AbortController() : (this.abort ?? new AbortController()));
    const client = readerFor(endpoint);
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (this.onlineOnly) params.set('online', '1');
    else if (this.countryFilter) params.set('country', this.countryFilter);
    if (!fresh && this.nextCursor) params.set('cursor', this.nextCursor);
    const path = this.caseId ? `cases/${encodeURIComponent(this.caseId)}/gatherings` : 'gatherings';
    this.loading = true;
    this.loadError = undefined;
    try {
      const [page, cases] = await Promise.all([
        client.get(path, gatheringPage, { signal: abort.signal }, params),
        this.caseNames.size
          ? undefined
          : client.getCases({ signal: abort.signal, locale: this.resolvedLocale }),
      ]);
      if (cases) this.caseNames = new Map(cases.map((entry) => [entry.id, entry.name]));
      this.items = fresh ? page.items : [...this.items, ...page.items];
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      if (this.report && !this.report.gathering) await this.loadReport(endpoint, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadError = eventErrorMessage(error);
      this.emit('w4r-error', {
        ...(this.caseId ? { caseId: this.caseId } : {}),
        code: errorCode(error),
        message: this.loadError,
      });
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  private async loadReport(endpoint: string, signal: AbortSignal): Promise<void> {
    const report = this.report!;
    try {
      const gathering = await readerFor(endpoint).get(
        `gatherings/${encodeURIComponent(report.id)}`,
        publicGathering,
        { signal },
      );
      this.reportForm.load(gathering);
      this.report = { ...report, gathering };
    } catch (error) {
      if (signal.aborted) return;
      this.report = {
        ...report,
        error:
          errorCode(error) === 'not_found'
            ? msg(
                'This event is not shown yet: the campaign team has not approved it. You can report its letters once it is.',
              )
            : eventErrorMessage(error),
      };
    }
  }

  protected override render() {
    const level = Math.min(Math.max(Math.trunc(this.headingLevel) || 2, 2), 6);
    return html`<section
      part="base"
      class="events"
      aria-labelledby="events-heading"
      lang=${getLocale()}
      dir=${this.direction}
    >
      <div role="heading" aria-level=${level} id="events-heading" class="heading">
        ${msg('Letter-writing events')}
      </div>
      ${this.renderView(level + 1)}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  private renderView(level: number) {
    switch (this.view) {
      case 'host':
        return html`${this.hostForm.render(level)}
          <button class="button secondary" type="button" @click=${() => this.show('list')}>
            ${msg('Back to the events')}
          </button>`;
      case 'hosted':
        return this.renderHosted();
      case 'report':
        return this.renderReport(level);
      default:
        return this.renderList(level);
    }
  }

  private renderList(level: number) {
    const locale = this.resolvedLocale;
    return html`<div part="filters" class="filters">
        <div class="field">
          <label for="country-filter">${msg('Country')}</label>
          <select
            id="country-filter"
            ?disabled=${this.onlineOnly}
            .value=${this.countryFilter ?? ''}
            @change=${(event: Event) => (this.countryFilter = (event.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!this.countryFilter}>${msg('All countries')}</option>
            ${countryOptions(locale).map(([code, name]) => html`<option value=${code} ?selected=${code === this.countryFilter}>${name}</option>`)}
          </select>
        </div>
        <div class="field checkbox">
          <input
            id="online-filter"
            type="checkbox"
            .checked=${this.onlineOnly}
            @change=${(event: Event) => (this.onlineOnly = (event.target as HTMLInputElement).checked)}
          />
          <label for="online-filter">${msg('Online only')}</label>
        </div>
      </div>
      ${
        this.loadError
          ? html`<div part="failure" class="failure" role="alert">
              <p>${msg('We could not show the events.')} ${this.loadError}</p>
              <button class="button secondary" type="button" @click=${() => this.reload()}>
                ${msg('Try again')}
              </button>
            </div>`
          : nothing
      }
      ${this.loading && this.items.length === 0 ? html`<p role="status">${msg('Loading the events…')}</p>` : nothing}
      ${!this.loading && !this.loadError && this.items.length === 0 ? this.renderEmpty() : nothing}
      ${
        this.items.length
          ? html`<p class="count">${this.countText()}</p>
              <ul part="list" class="list" aria-busy=${this.loading ? 'true' : 'false'}>
                ${this.items.map((item) => this.renderEvent(item, level))}
              </ul>`
          : nothing
      }
      ${
        this.nextCursor
          ? html`<button
              class="button secondary"
              type="button"
              ?disabled=${this.loading}
              @click=${() => void this.load(this.resolvedEndpoint!, false)}
            >
              ${msg('Show more events')}
            </button>`
          : nothing
      }
      <div class="actions">
        <button class="button" type="button" @click=${() => this.show('host')}>
          ${msg('Host an event')}
        </button>
      </div>`;
  }

  private renderEmpty() {
    const where = this.onlineOnly ? undefined : this.countryFilter;
    const name = where ? countryName(where, this.resolvedLocale) : '';
    return html`<div class="empty">
      <p>${where ? msg(str`No upcoming events in ${name} yet.`) : msg('No upcoming events yet.')}</p>
      ${
        where || this.onlineOnly
          ? html`<button class="button secondary" type="button" @click=${() => this.showEverywhere()}>
              ${msg('Show events everywhere')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private countText(): string {
    const count = formatNumber(this.total, this.resolvedLocale);
    return plural(this.total, {
      '=1': msg('One upcoming event', { id: 'events.total.1' }),
      '=2': msg('Two upcoming events', { id: 'events.total.2' }),
      few: msg(str`${count} upcoming events`, { id: 'events.total.few' }),
      many: msg(str`${count} upcoming events`, { id: 'events.total.many' }),
      other: msg(str`${count} upcoming events`, { id: 'events.total.other' }),
    });
  }

  private reportedText(letters: number): string {
    const count = formatNumber(letters, this.resolvedLocale);
    return msg(str`Thank you! ${count} letters are counted.`);
  }

  private comingText(item: PublicGathering): string {
    const count = formatNumber(item.participants, this.resolvedLocale);
    const coming = plural(item.participants, {
      '=0': msg('Nobody has said they are coming yet', { id: 'events.coming.0' }),
      '=1': msg('One person is coming', { id: 'events.coming.1' }),
      '=2': msg('Two people are coming', { id: 'events.coming.2' }),
      few: msg(str`${count} people are coming`, { id: 'events.coming.few' }),
      many: msg(str`${count} people are coming`, { id: 'events.coming.many' }),
      other: msg(str`${count} people are coming`, { id: 'events.coming.other' }),
    });
    if (item.capacity === undefined) return coming;
    const expected = formatNumber(item.capacity, this.resolvedLocale);
    return `${coming} · ${msg(str`room for ${expected}`)}`;
  }

  private renderEvent(item: PublicGathering, level: number) {
    const locale = this.resolvedLocale;
    const text = textIn(item.lang);
    const open = this.open.has(item.id);
    const joined = remembered(item.id);
    const sending = this.joining.has(item.id);
    const full =
      !joined &&
      (this.full.has(item.id) || (item.capacity !== undefined && item.participants >= item.capacity));
    const where =
      'online' in item.place
        ? msg('Online')
        : `${item.place.city}, ${countryName(item.place.country, locale)}`;
    const cases = item.cases.map((id) => this.caseNames.get(id) ?? id).join(', ');
    const endpoint = this.resolvedEndpoint ?? '';
    return html`<li part="event" class="event">
      <div role="heading" aria-level=${Math.min(level, 6)} class="title">
        <button
          type="button"
          class="link-button disclosure"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="details-${item.id}"
          @click=${() => this.toggle(item.id)}
        >
          <bdi lang=${text.lang} dir=${text.dir}>${item.title}</bdi>
        </button>
      </div>
      <p class="group"><bdi lang=${text.lang} dir=${text.dir}>${item.group}</bdi></p>
      <p class="when"><time datetime=${item.start}>${formatWhen(item.start, item.end, locale)}</time></p>
      <p class="where">${where}</p>
      <p class="cases">${msg(str`Writing for ${cases}`)}</p>
      <p class="people">${this.comingText(item)}</p>
      <div id="details-${item.id}" class="details" ?hidden=${!open}>
        ${item.description ? html`<p class="description" lang=${text.lang} dir="auto">${item.description}</p>` : nothing}
        ${'online' in item.place ? html`<p><a href=${item.place.online} rel="noopener noreferrer" target="_blank">${msg('Join online')}</a></p>` : nothing}
        <p>
          <a class="own-link" href=${`${location.href.split('#')[0]}#w4r-event=${item.id}`}
            >${msg('Link to this event')}</a
          >
        </p>
      </div>
      <div class="actions">
        <button
          part="join"
          class="button"
          type="button"
          ?disabled=${joined || sending || full}
          aria-busy=${sending ? 'true' : 'false'}
          @click=${() => this.join(item)}
        >
          ${joined ? msg('You are coming') : full ? msg('Full') : sending ? msg('Sending…') : msg("I'll come")}
        </button>
        <a
          part="calendar"
          class="button secondary"
          href=${`${endpoint}/v1/gatherings/${encodeURIComponent(item.id)}/calendar.ics`}
          download=${`event-${item.id}.ics`}
          @click=${() => this.emit('w4r-event-calendar', { eventId: item.id })}
          >${msg('Add to calendar')}</a
        >
      </div>
    </li>`;
  }

  private renderHosted() {
    const hosted = this.hosted!;
    const [title, line] =
      hosted.status === 'queued'
        ? [msg('Your event is saved'), msg('It is kept on this device and sent when you are back online.')]
        : hosted.status === 'pending'
          ? [
              msg('Thank you! Your event was sent'),
              msg('The campaign team will check it, then it is shown here.'),
            ]
          : [msg('Thank you! Your event is announced'), msg('It is shown with the other events now.')];
    return html`<div part="notice" class="notice">
      <p class="outcome" tabindex="-1"><strong>${title}</strong></p>
      <p>${line}</p>
      ${
        hosted.link
          ? html`<p>
                ${msg('Keep this private link: after the event, it lets you report the letters written, and correct the report.')}
              </p>
              <p><a class="edit-link" href=${hosted.link}>${hosted.link}</a></p>`
          : nothing
      }
      <button class="button secondary" type="button" @click=${() => this.show('list')}>
        ${msg('Back to the events')}
      </button>
    </div>`;
  }

  private renderReport(level: number) {
    const report = this.report!;
    const gathering = report.gathering;
    const text = textIn(gathering?.lang);
    return html`<div class="report">
      <div role="heading" aria-level=${Math.min(level, 6)} class="heading">
        ${msg('Report the letters of your event')}
      </div>
      ${gathering ? html`<p><bdi lang=${text.lang} dir=${text.dir}>${gathering.title}</bdi></p>` : nothing}
      ${report.error ? html`<p part="failure" class="failure" role="alert">${report.error}</p>` : nothing}
      ${!gathering && !report.error ? html`<p role="status">${msg('Loading the events…')}</p>` : nothing}
      ${
        report.done !== undefined
          ? html`<div part="notice" class="notice">
              <p class="outcome" tabindex="-1">
                <strong>${this.reportedText(report.done)}</strong>
              </p>
              <p>${msg('You can correct the numbers with the same link.')}</p>
            </div>`
          : nothing
      }
      ${gathering ? this.reportForm.render(gathering, report.token) : nothing}
      <button class="button secondary" type="button" @click=${() => this.show('list')}>
        ${msg('Back to the events')}
      </button>
    </div>`;
  }

  private show(view: View): void {
    if (view === 'host') this.hostForm.reset();
    // Back at the list, it is read again: an event approved meanwhile shows.
    if (view === 'list' && this.view !== 'list') this.reload();
    this.view = view;
    void this.updateComplete.then(() => {
      const target = view === 'host' ? '#group' : view === 'list' ? '.actions .button' : '.outcome';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  }

  private reload(): void {
    this.loadedFor = undefined;
    this.requestUpdate();
  }

  private showEverywhere(): void {
    this.onlineOnly = false;
    this.countryFilter = '';
  }

  private toggle(id: string): void {
    const open = new Set(this.open);
    if (!open.delete(id)) open.add(id);
    this.open = open;
  }

  private join(item: PublicGathering): void {
    const endpoint = this.resolvedEndpoint;
    if (!endpoint || remembered(item.id) || this.joining.has(item.id)) return;
    this.joining = new Set([...this.joining, item.id]);
    const key = newActionKey();
    this.keys.set(key, 'join');
    const source = this.resolvedSource;
    void outbox.send({ key, kind: 'joins', endpoint, caseId: item.id, body: source ? { source } : {} });
  }

  /** How one of this widget's actions ended. */
  private heard(outcome: Outcome): void {
    const what = this.keys.get(outcome.entry.key);
    if (!what) return;
    const { entry } = outcome;
    if (outcome.status !== 'queued') this.keys.delete(entry.key);
    if (what === 'host') return this.heardHost(outcome);
    if (what === 'join') return this.heardJoin(outcome);
    return this.heardReport(outcome, Number(what.split(':')[1]));
  }

  private heardHost(outcome: Outcome): void {
    const caseDetail = this.caseId ? { caseId: this.caseId } : {};
    const source = this.resolvedSource ? { source: this.resolvedSource } : {};
    if (outcome.status === 'refused') {
      this.hostForm.refused(outcome.error);
      this.emit('w4r-error', {
        ...caseDetail,
        code: errorCode(outcome.error),
        message: eventErrorMessage(outcome.error),
      });
      return;
    }
    if (outcome.status === 'queued') {
      this.hosted = { status: 'queued' };
      this.emit('w4r-event-hosted', { ...caseDetail, status: 'queued', ...source });
    } else {
      const receipt = gatheringReceipt.parse(outcome.receipt);
      this.hosted = {
        status: receipt.status,
        link: editLinkFor(location.href, receipt.id, receipt.editToken),
      };
      this.emit('w4r-event-hosted', { ...caseDetail, status: receipt.status, ...source });
      if (receipt.status === 'approved') this.reload();
    }
    this.view = 'hosted';
    this.announcement =
      this.hosted.status === 'queued' ? msg('Your event is saved') : msg('Thank you! Your event was sent');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus());
  }

  private heardJoin(outcome: Outcome): void {
    const id = outcome.entry.caseId;
    const joining = new Set(this.joining);
    joining.delete(id);
    this.joining = joining;
    if (outcome.status === 'refused') {
      const message = eventErrorMessage(outcome.error);
      if (errorCode(outcome.error) === 'gathering_full') this.full = new Set([...this.full, id]);
      this.announcement = message;
      this.emit('w4r-error', { code: errorCode(outcome.error), message });
      return;
    }
    remember(id);
    if (outcome.status === 'delivered') {
      const { participants } = joinReceipt.parse(outcome.receipt);
      this.items = this.items.map((item) => (item.id === id ? { ...item, participants } : item));
    }
    this.announcement = msg('Thank you! You are on the list of people coming.');
    this.emit('w4r-event-joined', {
      eventId: id,
      status: outcome.status === 'delivered' ? 'counted' : 'queued',
    });
  }

  private heardReport(outcome: Outcome, letters: number): void {
    const id = outcome.entry.caseId;
    if (outcome.status === 'refused') {
      this.reportForm.refused(outcome.error);
      this.emit('w4r-error', { code: errorCode(outcome.error), message: eventErrorMessage(outcome.error) });
      return;
    }
    this.reportForm.sending = false;
    if (outcome.status === 'delivered' && this.report?.gathering) {
      const receipt = reportReceipt.parse(outcome.receipt);
      this.report = {
        ...this.report,
        gathering: { ...this.report.gathering, letters: receipt.letters },
        done: letters,
      };
    } else if (this.report) {
      this.report = { ...this.report, done: letters };
    }
    this.announcement = this.reportedText(letters);
    this.emit('w4r-event-reported', {
      eventId: id,
      letters,
      status: outcome.status === 'delivered' ? 'counted' : 'queued',
    });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus());
  }
}
