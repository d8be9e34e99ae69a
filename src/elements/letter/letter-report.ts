import { html, nothing, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type * as z from 'zod/mini';
import { ActionController, type ActionTarget } from '../../core/data/action-controller.js';
import type { LiveHub } from '../../core/data/live-hub.js';
import { liveHub as pageLiveHub } from '../../core/data/live-hub.js';
import { LiveStatsController } from '../../core/data/live-stats.js';
import type { Outcome } from '../../core/data/outbox.js';
import { emit } from '../../core/element/events.js';
import { countryOfLocale, countryOptions } from '../../core/format/country.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { formatNumber } from '../../core/format/format-number.js';
import { FormController, type FormWording } from '../../core/forms/form-controller.js';
import {
  boundField,
  fieldError,
  fieldLabel,
  honeypotField,
  selectField,
} from '../../core/forms/form-fields.js';
import { letterReport, type Case } from '../../schema/index.js';
import type { LetterMode } from './letter-template.js';

export interface LetterReportSettings {
  /** Where the report goes. */
  target(): ActionTarget;
  source(): string | undefined;
  /** The locale the widget formats in. */
  locale(): string;
  /** The widget's own locale, then its campaign's, for the country it was posted from. */
  locales(): (string | undefined)[];
  liveHub(): LiveHub | undefined;
}

const wording: FormWording = (field) =>
  field === 'count' ? msg('Enter how many letters you sent: a number from 1 to 100.') : undefined;

/**
 * "I've sent my letter": the count and where from, reported once through the outbox. A report that
 * cannot be delivered now is kept on the device and said so, on this visit and the next, instead of
 * offering to report the same letters again. The thanks gives the campaign's total, kept current.
 */
export class LetterReportForm {
  readonly action: ActionController<'letters'>;
  private readonly form: FormController<z.output<typeof letterReport>>;
  private readonly liveStats: LiveStatsController;
  private mode: LetterMode = 'appeal';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode },
    private readonly settings: LetterReportSettings,
  ) {
    this.form = new FormController(host, {
      schema: letterReport,
      fields: ['count', 'country'],
      wording,
      extra: () => ({ kind: this.mode, source: settings.source() }),
      selector: 'form.report',
    });
    this.action = new ActionController(host, 'letters', settings.target, {
      saved: (_, was) => was === 'saving' && void this.focusThanks(),
      sent: (outcome, was) => this.counted(outcome, was === 'saving' || host.matches(':focus-within')),
      failed: (outcome) => this.refused(outcome),
    });
    // Once thanked, the campaign's total follows the endpoint's numbers as other letters are counted.
    this.liveStats = new LiveStatsController(
      host,
      () => (settings.liveHub() ?? pageLiveHub).stats,
      () => (this.action.phase === 'sent' ? settings.target() : {}),
    );
  }

  get sent(): boolean {
    return this.action.phase === 'sent';
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.action.busy) return;
    const report = this.form.check();
    if (!report) return;
    if (!this.settings.target().endpoint) {
      this.form.failure = msg('This page cannot count letters: it has no campaign server.');
      this.host.requestUpdate();
      return;
    }
    await this.action.send(report);
  }

  private counted(outcome: Outcome<'letters'> & { status: 'delivered' }, follow: boolean): void {
    const { count, kind, source } = outcome.entry.body;
    emit(this.host, 'w4r-letter-sent', {
      caseId: outcome.entry.caseId,
      count,
      kind: kind ?? 'appeal',
      source,
    });
    // Focus follows the outcome only where the writer is: a report the outbox delivers later leaves it be.
    if (follow) void this.focusThanks();
  }

  private refused({ entry, error }: Outcome<'letters'> & { status: 'refused' }): void {
    this.form.failure = errorMessage(error);
    emit(this.host, 'w4r-error', {
      caseId: entry.caseId,
      code: errorCode(error),
      message: this.form.failure,
    });
  }

  private async focusThanks(): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#thanks')?.focus();
  }

  /** The thanks and the photo once counted, the notice while saved, else the form. */
  private get resolvedLocale(): string {
    return this.settings.locale();
  }

  render(data: Case, mode: LetterMode, afterThanks: unknown) {
    this.mode = mode;
    const stats = this.liveStats.value ?? this.action.receipt?.stats;
    const { phase, entry } = this.action;
    if (phase === 'sent' && stats)
      return html`<div class="stack" tabindex="-1" id="thanks">
          <p class="ok" role="status">${msg('Thank you! Your letters are counted.')}</p>
          <p>
            ${msg(str`Letters written for ${data.name} so far: ${formatNumber(stats.letters, this.resolvedLocale)}.`)}
          </p>
        </div>
        ${afterThanks}`;
    if (phase === 'saved-offline')
      return html`<p class="ok" role="status" tabindex="-1" id="thanks">
        ${msg('Your report is saved on this device and will be sent automatically when you are back online.')}
      </p>`;
    const { errors } = this.form;
    // A refused report comes back as it was sent.
    const last = phase === 'failed' ? entry?.body : undefined;
    const sending = phase === 'saving';
    return html`<form
      class="stack report"
      novalidate
      @submit=${(event: Event) => this.submit(event)}
      @input=${this.changed}
      @change=${this.changed}
    >
      <p>${msg('Posted it? Tell us, so the campaign can count every letter.')}</p>
      <div class="fields">
        <div class="field">
          ${fieldLabel({ name: 'count', label: msg('Letters sent') })}
          <input
            ${boundField({ name: 'count', required: true, error: errors['count'] })}
            type="number"
            inputmode="numeric"
            min="1"
            max="100"
            value=${String(last?.count ?? 1)}
          />
          ${fieldError('count', errors['count'])}
        </div>
        ${selectField({
          name: 'country',
          label: msg('Posted from'),
          value: last ? last.country : countryOfLocale(...this.settings.locales()),
          error: errors['country'],
          options: countryOptions(this.resolvedLocale),
          placeholder: msg('Prefer not to say'),
        })}
      </div>
      ${honeypotField()}
      ${
        this.form.failure || this.form.announcement
          ? html`<p class="error" role="alert">${this.form.failure ?? this.form.announcement}</p>`
          : nothing
      }
      <button class="button" type="submit" ?disabled=${sending}>
        ${sending ? msg('Sending…') : msg('I’ve sent my letter')}
      </button>
    </form>`;
  }

  private readonly changed = (event: Event) => {
    this.form.input(event);
    // A report being sent keeps its key, so that its answer is heard and it is never sent again under a new one.
    this.action.changed();
    if (this.form.failure || this.form.announcement) {
      this.form.failure = undefined;
      this.form.announcement = '';
      this.host.requestUpdate();
    }
  };
}
