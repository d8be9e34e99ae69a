import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import type { EndpointReader } from '../../core/data/endpoint-reader.js';
import { countryOfLocale } from '../../core/format/country.js';
import { errorCode } from '../../core/format/error-messages.js';
import { formStyles, panelStyles } from '../../core/forms/form-fields.js';
import { speaks } from '../../core/locale/speaks.js';
import { publicGathering, type PublicGathering } from '../../schema/gathering.js';
import { eventErrorMessage } from './event-errors.js';
import { EventFeed } from './event-feed.js';
import { EventJoins } from './event-joins.js';
import { eventList } from './event-list.js';
import { eventsStyles } from './events.styles.js';
import { HostForm, type Hosted } from './host-form.js';
import { editLinkIn, ReportForm } from './report-form.js';
import { hostedNotice, reportedText, reportView } from './event-notices.js';

type View = 'list' | 'host' | 'hosted' | 'report';

/** `#w4r-event=<id>`: an event's own link, which opens its details. */
const EVENT_LINK = /^#w4r-event=([\w-]{1,64})$/;

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
  static override styles = [...W4rElement.styles, panelStyles, formStyles, eventsStyles];

  /** The case id; without it, the whole campaign's events. */
  @property({ attribute: 'case' }) caseId?: string;

  /** The country shown first (ISO 3166-1 alpha-2); defaults to the page's region, if its locale has one. */
  @property() country?: string;

  /** Level of the widget's heading (2–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private view: View = 'list';
  @state() private open = new Set<string>();
  @state() private hosted?: Hosted;
  /** The event of a private edit link, its token, and what became of its report. */
  @state() private report?: {
    id: string;
    token: string;
    gathering?: PublicGathering;
    error?: string;
    done?: number;
  };
  @state() private announcement = '';

  private readonly feed = new EventFeed(this, {
    reader: () => this.reader,
    caseId: () => this.caseId,
    locale: () => this.resolvedLocale,
    country: () =>
      this.country?.toUpperCase() ??
      countryOfLocale(this.locale, this.campaign?.locale, this.resolvedLocale) ??
      '',
    loaded: (reader, signal) => this.loadReport(reader, signal),
    failed: (error) =>
      this.emit('w4r-error', {
        ...this.caseDetail,
        code: errorCode(error),
        message: eventErrorMessage(error),
      }),
  });
  private readonly joins = new EventJoins(this, {
    target: () => this.actionTarget,
    source: () => this.resolvedSource,
    joined: (id, participants) => this.joined(id, participants),
    refused: (_id, error) => {
      this.announcement = eventErrorMessage(error);
      this.emit('w4r-error', { code: errorCode(error), message: this.announcement });
    },
  });
  private readonly hostForm = new HostForm(this, {
    target: () => ({ ...this.actionTarget, caseId: this.caseId ?? '' }),
    reader: () => this.reader,
    caseId: () => this.caseId,
    cases: () => [...this.feed.caseNames].map(([id, name]) => ({ id, name })),
    source: () => this.resolvedSource,
    locale: () => this.resolvedLocale,
    hosted: (hosted) => this.announced(hosted),
  });
  private readonly reportForm = new ReportForm(this, {
    target: () => ({ ...this.actionTarget, caseId: this.report?.id }),
    event: () => this.report,
    caseName: (id) => this.feed.caseNames.get(id) ?? id,
    reported: (letters, rows) => this.reported(letters, rows),
  });

  private get caseDetail(): { caseId?: string } {
    return this.caseId ? { caseId: this.caseId } : {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const edit = editLinkIn(location.hash);
    if (edit) {
      this.view = 'report';
      this.report = edit;
    }
    const link = EVENT_LINK.exec(location.hash);
    if (link) this.open = new Set([link[1]!]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.feed.sync();
  }

  /** The event of a private edit link, once the list and the cases' names are in. */
  private async loadReport(reader: EndpointReader, signal: AbortSignal): Promise<void> {
    const report = this.report;
    if (!report || report.gathering) return;
    try {
      const path = `gatherings/${encodeURIComponent(report.id)}`;
      this.report = { ...report, gathering: await reader.get(path, publicGathering, { signal }) };
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
    const level = headingLevel(this.headingLevel, 2);
    return html`<section part="base" class="events panel" aria-labelledby="heading" ${speaks(this.direction)}>
      <div role="heading" aria-level=${level} id="heading" class="heading">
        ${msg('Letter-writing events')}
      </div>
      ${this.renderView(level + 1)}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  private renderView(level: number) {
    switch (this.view) {
      case 'host':
        return html`${this.hostForm.render(level)} ${this.backButton()}`;
      case 'hosted':
        return hostedNotice(this.hosted!, this.backButton());
      case 'report':
        return reportView({
          ...this.report!,
          level,
          locale: this.resolvedLocale,
          form: (gathering) => this.reportForm.render(gathering),
          back: this.backButton(),
        });
      default:
        return eventList({
          feed: this.feed,
          joins: this.joins,
          locale: this.resolvedLocale,
          endpoint: this.resolvedEndpoint,
          level,
          open: this.open,
          loadError: this.feed.loadError === undefined ? undefined : eventErrorMessage(this.feed.loadError),
          toggle: (id) => this.toggle(id),
          calendar: (eventId) => this.emit('w4r-event-calendar', { eventId }),
          host: () => this.show('host'),
        });
    }
  }

  private backButton() {
    return html`<button class="button secondary" type="button" @click=${() => this.show('list')}>
      ${msg('Back to the events')}
    </button>`;
  }

  private show(view: View): void {
    if (view === 'host') this.hostForm.reset();
    // Back at the list, it is read again: an event approved meanwhile shows.
    if (view === 'list' && this.view !== 'list') this.feed.reload();
    this.view = view;
    void this.updateComplete.then(() => {
      const target = view === 'host' ? '#group' : view === 'list' ? '.actions .button' : '.outcome';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  }

  private toggle(id: string): void {
    const open = new Set(this.open);
    if (!open.delete(id)) open.add(id);
    this.open = open;
  }

  private async focusOutcome(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  private announced(hosted: Hosted): void {
    this.hosted = hosted;
    if (hosted.status === 'approved') this.feed.reload();
    this.view = 'hosted';
    this.announcement =
      hosted.status === 'queued' ? msg('Your event is saved') : msg('Thank you! Your event was sent');
    void this.focusOutcome();
  }

  private joined(id: string, participants: number | undefined): void {
    if (participants !== undefined) this.feed.participants(id, participants);
    this.announcement = msg('Thank you! You are on the list of people coming.');
    this.emit('w4r-event-joined', { eventId: id, status: participants === undefined ? 'queued' : 'counted' });
    this.requestUpdate();
  }

  private reported(letters: number, rows: PublicGathering['letters']): void {
    const report = this.report;
    if (report) {
      const gathering = report.gathering && rows ? { ...report.gathering, letters: rows } : report.gathering;
      this.report = { ...report, ...(gathering ? { gathering } : {}), done: letters };
    }
    this.announcement = reportedText(letters, this.resolvedLocale);
    void this.focusOutcome();
  }
}
