import { html, nothing, type ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { ActionController, type ActionTarget } from '../../core/data/action-controller.js';
import { ActionError } from '../../core/data/action-error.js';
import type { EndpointReader } from '../../core/data/endpoint-reader.js';
import type { Outcome } from '../../core/data/outbox.js';
import { emit } from '../../core/element/events.js';
import { countryOptions } from '../../core/format/country.js';
import { errorCode } from '../../core/format/error-messages.js';
import { FormController } from '../../core/forms/form-controller.js';
import {
  boundField,
  fieldError,
  fieldLabel,
  focusFirstInvalid,
  honeypotField,
  selectField,
  submitButton,
  textField,
} from '../../core/forms/form-fields.js';
import { GATHERING_DESCRIPTION_MAX, gatheringReceipt, type GatheringInput } from '../../schema/gathering.js';
import { eventErrorMessage } from './event-errors.js';
import { editLinkFor } from './report-form.js';
import { eventBody, HOST_FIELDS, hostFieldOf, hostSchema, hostWording } from './host-body.js';
import { readerTimeZone, timeZoneOptions } from './zoned-time.js';

/** What became of an event announced: shown, waiting for the campaign team, or kept on the device. */
export interface Hosted {
  status: 'approved' | 'pending' | 'queued';
  /** The host's private edit link, once the endpoint has the event. */
  link?: string;
}

export interface HostFormSettings {
  /** Where the event goes: its case is the widget's, or none. */
  target(): ActionTarget;
  reader(): EndpointReader | undefined;
  /** The case the widget is for, checked at first; the campaign's others can be added. */
  caseId(): string | undefined;
  cases(): readonly { id: string; name: string }[];
  source(): string | undefined;
  locale(): string;
  /** The event was sent, saved to send later, or (from an earlier visit) delivered. */
  hosted(hosted: Hosted): void;
}

/**
 * The form to host an event: who, what, when (a day and times in a chosen time zone), where (a place or
 * a link), for which cases, how many people, and a contact for the campaign's staff. Checked with the
 * same schema as the endpoint's, sent through the outbox.
 */
export class HostForm {
  readonly action: ActionController<'gatherings'>;
  private readonly form: FormController<GatheringInput>;
  private online = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode },
    private readonly settings: HostFormSettings,
  ) {
    this.form = new FormController(host, {
      schema: hostSchema,
      fields: HOST_FIELDS,
      wording: hostWording,
      fieldOf: hostFieldOf,
      read: eventBody,
      extra: () => ({ lang: settings.locale().split('-')[0], source: settings.source() }),
      minFill: settings.reader,
      selector: 'form.host-form',
    });
    this.action = new ActionController(host, 'gatherings', settings.target, {
      saved: (_, was) => was === 'saving' && this.announced({ status: 'queued' }),
      sent: ({ receipt }) => {
        const { id, status, editToken } = gatheringReceipt.parse(receipt);
        this.announced({ status, link: editLinkFor(location.href, id, editToken) });
      },
      failed: (outcome) => this.refused(outcome),
    });
  }

  /** A fresh form, for another event. */
  reset(): void {
    this.form.clear();
    this.online = false;
    this.action.changed();
  }

  private announced(hosted: Hosted): void {
    const caseId = this.settings.caseId();
    emit(this.host, 'w4r-event-hosted', {
      ...(caseId ? { caseId } : {}),
      status: hosted.status,
      ...(this.settings.source() ? { source: this.settings.source()! } : {}),
    });
    this.settings.hosted(hosted);
  }

  private readonly submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.action.busy) return;
    const data = this.form.check();
    if (!data) return;
    if (!this.settings.target().endpoint) return this.fail(new ActionError('http', 'endpoint_missing', ''));
    void this.action.send(this.form.filled(data));
  };

  private readonly change = (event: Event) => {
    const field = event.target as HTMLInputElement;
    if (field.name === 'mode') {
      this.online = field.value === 'online';
      this.host.requestUpdate();
    }
    this.form.input(event);
  };

  /** The endpoint refused the event: back to the form, with its problems by field. */
  private refused({ error }: Outcome<'gatherings'> & { status: 'refused' }): void {
    const caseId = this.settings.caseId();
    this.fail(error);
    emit(this.host, 'w4r-error', {
      ...(caseId ? { caseId } : {}),
      code: errorCode(error),
      message: eventErrorMessage(error),
    });
  }

  private fail(error: unknown): void {
    this.form.failure = eventErrorMessage(error);
    if (error instanceof ActionError && error.issues.length) this.form.showIssues(error.issues);
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => focusFirstInvalid(this.host.renderRoot));
  }

  render(level: number) {
    const { errors } = this.form;
    const own = this.settings.caseId();
    const casesError = errors['cases'];
    return html`<form
      part="host-form"
      class="host-form"
      novalidate
      aria-labelledby="host-heading"
      @submit=${this.submit}
      @input=${this.form.input}
      @change=${this.change}
    >
      <div role="heading" aria-level=${Math.min(level, 6)} id="host-heading" class="heading">
        ${msg('Host a letter-writing event')}
      </div>
      ${this.form.failure ? html`<p part="failure" class="failure" role="alert">${this.form.failure}</p>` : nothing}
      <p class="fine-print">
        ${msg('Fields marked * are required. Your email is only for the campaign team, never shown.')}
      </p>
      ${textField({ name: 'group', label: msg('Your group'), error: errors['group'], required: true, maxlength: 100, autocomplete: 'organization' })}
      ${textField({ name: 'title', label: msg('Title of the event'), error: errors['title'], required: true, maxlength: 120 })}
      <div class="field" part="field">
        ${fieldLabel({ name: 'description', label: msg('What people can expect') })}
        <textarea
          ${boundField({ name: 'description', error: errors['description'] })}
          rows="3"
          maxlength=${GATHERING_DESCRIPTION_MAX}
        ></textarea>
        ${fieldError('description', errors['description'])}
      </div>
      <div class="field-row">
        ${this.input('date', msg('Day'), 'date', '', true)}
        ${this.input('startTime', msg('Starts at'), 'time', '18:00', true)}
        ${this.input('endTime', msg('Ends at'), 'time', '20:00', true)}
      </div>
      ${selectField({ name: 'timeZone', label: msg('Time zone'), value: readerTimeZone(), error: errors['timeZone'], required: true, options: timeZoneOptions().map((zone) => [zone, zone.replace(/_/g, ' ')] as const) })}
      <fieldset class="choice">
        <legend>${msg('Where')}</legend>
        <label><input type="radio" name="mode" value="place" checked /> ${msg('In person')}</label>
        <label><input type="radio" name="mode" value="online" /> ${msg('Online')}</label>
      </fieldset>
      <div class="field-row" ?hidden=${this.online}>
        ${textField({ name: 'city', label: msg('City'), error: errors['city'], required: true, maxlength: 100, autocomplete: 'address-level2' })}
        ${selectField({ name: 'country', label: msg('Country'), error: errors['country'], required: true, options: countryOptions(this.settings.locale()), placeholder: msg('Choose the country'), autocomplete: 'country' })}
      </div>
      <div ?hidden=${!this.online}>
        ${textField({ name: 'online', label: msg('Link to join'), error: errors['online'], required: true, maxlength: 2000, autocomplete: 'url' })}
      </div>
      <fieldset class="choice" aria-describedby="cases-error" aria-invalid=${casesError ? 'true' : 'false'}>
        <legend>${msg('Cases you write for')}<span class="required" aria-hidden="true"> *</span></legend>
        ${this.settings
          .cases()
          .map(
            (entry, index) =>
              html`<label
                ><input
                  type="checkbox"
                  name="cases"
                  value=${entry.id}
                  aria-invalid=${casesError && index === 0 ? 'true' : 'false'}
                  ?checked=${entry.id === own}
                />
                ${entry.name}</label
              >`,
          )}
        ${fieldError('cases', casesError)}
      </fieldset>
      ${this.input('capacity', msg('People you expect'), 'number', '', false)}
      ${textField({ name: 'email', label: msg('Your email'), type: 'email', error: errors['email'], required: true, maxlength: 254, autocomplete: 'email' })}
      ${honeypotField()}
      ${submitButton({ label: msg('Announce the event'), busy: this.action.busy, busyLabel: msg('Sending…') })}
    </form>`;
  }

  private input(name: string, label: string, type: string, value: string, required: boolean) {
    const error = this.form.errors[name];
    return html`<div class="field" part="field">
      ${fieldLabel({ name, label, required })}
      <input
        ${boundField({ name, error, required })}
        type=${type}
        min=${type === 'number' ? '1' : nothing}
        max=${type === 'number' ? '10000' : nothing}
        value=${value || nothing}
      />
      ${fieldError(name, error)}
    </div>`;
  }
}
