import { html, nothing, type ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { ActionController, type ActionTarget } from '../../core/data/action-controller.js';
import type { Outcome } from '../../core/data/outbox.js';
import { emit } from '../../core/element/events.js';
import { errorCode } from '../../core/format/error-messages.js';
import { FormController } from '../../core/forms/form-controller.js';
import { boundField, fieldError, submitButton, type FieldIssue } from '../../core/forms/form-fields.js';
import {
  gatheringReport,
  reportReceipt,
  type GatheringReport,
  type PublicGathering,
} from '../../schema/gathering.js';
import { eventErrorMessage } from './event-errors.js';

/** Where the host's private edit link points: `#w4r-report=<event id>.<token>` on the widget's page. */
const EDIT_LINK = /^#w4r-report=([\w-]{1,64})\.([\w-]{20,100})$/;

/** The event and token of a private edit link in `hash`, if it is one. */
export function editLinkIn(hash: string): { id: string; token: string } | undefined {
  const match = EDIT_LINK.exec(hash);
  return match ? { id: match[1]!, token: match[2]! } : undefined;
}

/**
 * The host's private edit link. The token travels in the fragment, which browsers never send to a
 * server, so it stays out of logs and Referer headers.
 */
export function editLinkFor(page: string, id: string, token: string): string {
  return `${page.split('#')[0]}#w4r-report=${id}.${token}`;
}

export interface ReportFormSettings {
  /** Where the report goes: its case is the event's id. */
  target(): ActionTarget;
  /** The event reported on and the private token from the edit link, once loaded. */
  event(): { gathering?: PublicGathering | undefined; token: string } | undefined;
  caseName(id: string): string;
  /** The report was counted or saved to send later: `letters` in all, the event's rows once counted. */
  reported(letters: number, rows?: PublicGathering['letters']): void;
}

const fieldName = (id: string) => `letters-${id}`;

/**
 * The host's report after the event: letters written per case. Sent again, it replaces the first, so
 * a mistake is corrected by sending the right numbers.
 */
export class ReportForm {
  readonly action: ActionController<'reports'>;
  private readonly form: FormController<GatheringReport>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode },
    private readonly settings: ReportFormSettings,
  ) {
    const cases = () => settings.event()?.gathering?.cases ?? [];
    this.form = new FormController(host, {
      schema: gatheringReport,
      fields: () => cases().map(fieldName),
      wording: (field) =>
        field.startsWith('letters-') ? msg('Enter a whole number of letters, 0 or more.') : undefined,
      // `letters.2.count` is the third case's field.
      fieldOf: (path: FieldIssue['path']) => {
        const [, index] = typeof path === 'string' ? path.split('.') : path.map(String);
        const id = cases()[Number(index)];
        return id ? fieldName(id) : String(index);
      },
      read: (_, values) => ({
        token: settings.event()?.token,
        letters: cases().map((id) => ({ case: id, count: values[fieldName(id)] ?? 0 })),
      }),
      selector: 'form.report-form',
    });
    this.action = new ActionController(host, 'reports', settings.target, {
      saved: (outcome, was) => was === 'saving' && this.reported(outcome, 'queued'),
      sent: (outcome) => this.reported(outcome, 'counted'),
      failed: (outcome) => this.refused(outcome),
    });
  }

  private reported(outcome: Outcome<'reports'>, status: 'counted' | 'queued'): void {
    const { entry } = outcome;
    const letters = entry.body.letters.reduce((sum, row) => sum + row.count, 0);
    const rows = outcome.status === 'delivered' ? reportReceipt.parse(outcome.receipt).letters : undefined;
    this.settings.reported(letters, rows);
    emit(this.host, 'w4r-event-reported', { eventId: entry.caseId, letters, status });
  }

  private refused({ error }: Outcome<'reports'> & { status: 'refused' }): void {
    this.form.failure = eventErrorMessage(error);
    emit(this.host, 'w4r-error', { code: errorCode(error), message: this.form.failure });
    this.host.requestUpdate();
  }

  private readonly submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.action.busy) return;
    const report = this.form.check();
    if (report) void this.action.send(report);
  };

  private readonly input = (event: Event) => {
    this.form.input(event);
    // Other numbers from now on; a report being sent keeps its key.
    this.action.changed();
  };

  render(gathering: PublicGathering) {
    return html`<form
      part="report-form"
      class="report-form"
      novalidate
      @submit=${this.submit}
      @input=${this.input}
    >
      ${this.form.failure ? html`<p part="failure" class="failure" role="alert">${this.form.failure}</p>` : nothing}
      <p>${msg('How many letters did people write at your event, for each case?')}</p>
      ${gathering.cases.map((id) => {
        const name = fieldName(id);
        const error = this.form.errors[name];
        const count = gathering.letters?.find((row) => row.case === id)?.count;
        return html`<div class="field" part="field">
          <label for=${name}>${this.settings.caseName(id)}</label>
          <input
            ${boundField({ name, error })}
            type="number"
            min="0"
            max="100000"
            inputmode="numeric"
            value=${count ?? nothing}
          />
          ${fieldError(name, error)}
        </div>`;
      })}
      ${submitButton({
        label: gathering.letters ? msg('Correct the report') : msg('Report the letters'),
        busy: this.action.busy,
        busyLabel: msg('Sending…'),
      })}
    </form>`;
  }
}
