import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';
import { ActionError } from '../../core/data/action-error.js';
import { countryOptions } from '../../core/format/country.js';
import { eventErrorMessage } from './event-errors.js';
import {
  fieldError,
  fieldErrors,
  fieldLabel,
  focusFirstInvalid,
  honeypotField,
  isEmptyIssue,
  selectField,
  textField,
  type FieldErrors,
  type FieldIssue,
} from '../../core/forms/form-fields.js';
import { afterMinFill, minFillMs } from '../../core/forms/min-fill.js';
import { readerFor } from '../../core/data/endpoint-reader.js';
import { outbox } from '../../core/data/default-outbox.js';
import { newActionKey } from '../../core/data/action-key.js';
import { GATHERING_DESCRIPTION_MAX, gatheringInput, type GatheringInput } from '../../schema/gathering.js';
import { timeZoneOptions, zonedMoment, readerTimeZone } from './zoned-time.js';

export interface HostFormSettings {
  endpoint(): string | undefined;
  /** The case the widget is for, checked at first; the campaign's others can be added. */
  caseId(): string | undefined;
  cases(): readonly { id: string; name: string }[];
  source(): string | undefined;
  locale(): string;
  /** The action went to the outbox under `key`. */
  sent(key: string): void;
}

interface Values {
  group: string;
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  mode: 'place' | 'online';
  city: string;
  country: string;
  online: string;
  cases: string[];
  capacity: string;
  email: string;
  website: string;
}

/** The field a schema or endpoint issue belongs to (`place.city` is the city field). */
function fieldOf(path: readonly PropertyKey[] | string): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  if (parts[0] === 'place') return parts[1] ?? 'city';
  if (parts[0] === 'start') return 'date';
  if (parts[0] === 'end') return 'endTime';
  return parts[0] ?? '';
}

function wording(field: string, issue: FieldIssue): string | undefined {
  const empty = isEmptyIssue(issue);
  switch (field) {
    case 'group':
      return empty ? msg('Enter the name of your group.') : undefined;
    case 'title':
      return empty ? msg('Give your event a title.') : undefined;
    case 'date':
      return msg('Choose a day from today on, and a start time.');
    case 'endTime':
      return msg('The event ends after it starts, on the same day.');
    case 'city':
      return msg('Enter the city.');
    case 'country':
      return msg('Choose the country.');
    case 'online':
      return msg('Enter the web address people join at (https://…).');
    case 'cases':
      return msg('Choose at least one case.');
    case 'capacity':
      return msg('Enter a number of people from 1 to 10,000, or leave it empty.');
    case 'email':
      return empty
        ? msg('Enter your email address.')
        : msg('Enter an email address such as name@example.org.');
    default:
      return undefined;
  }
}

/** The problems keyed by the form's own fields. */
function errorsOf(issues: readonly FieldIssue[]): FieldErrors {
  return fieldErrors(
    issues.map((issue) => ({ ...issue, path: [fieldOf(issue.path)] })),
    wording,
  );
}

/**
 * The form to host an event: who, what, when (a day and times in a chosen time zone), where (a place or
 * a link), for which cases, how many people, and a contact for the campaign's staff. Checked with the
 * same schema as the endpoint's, sent through the outbox.
 */
export class HostForm implements ReactiveController {
  values: Values;
  errors: FieldErrors = {};
  failure?: string;
  sending = false;
  private openedAt?: number;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: HostFormSettings,
  ) {
    host.addController(this);
    this.values = this.empty();
  }

  hostConnected(): void {
    this.openedAt = performance.now();
    const endpoint = this.settings.endpoint();
    if (endpoint) void minFillMs(readerFor(endpoint));
  }

  private empty(): Values {
    const own = this.settings.caseId();
    return {
      group: '',
      title: '',
      description: '',
      date: '',
      startTime: '18:00',
      endTime: '20:00',
      timeZone: readerTimeZone(),
      mode: 'place',
      city: '',
      country: '',
      online: '',
      cases: own ? [own] : [],
      capacity: '',
      email: '',
      website: '',
    };
  }

  reset(): void {
    this.values = this.empty();
    this.errors = {};
    this.failure = undefined;
    this.sending = false;
    this.openedAt = performance.now();
    this.host.requestUpdate();
  }

  /** What the form would send now. */
  payload(): Record<string, unknown> {
    const v = this.values;
    const source = this.settings.source();
    const body: Record<string, unknown> = {
      group: v.group,
      title: v.title,
      ...(v.description.trim() ? { description: v.description } : {}),
      start: zonedMoment(v.date, v.startTime, v.timeZone),
      end: zonedMoment(v.date, v.endTime, v.timeZone),
      timeZone: v.timeZone,
      place: v.mode === 'online' ? { online: v.online.trim() } : { city: v.city, country: v.country },
      cases: v.cases,
      ...(v.capacity.trim() ? { capacity: Number(v.capacity) } : {}),
      email: v.email,
      lang: this.settings.locale().split('-')[0],
      ...(source ? { source } : {}),
      ...(v.website ? { website: v.website } : {}),
    };
    return body;
  }

  private check(): { data?: GatheringInput; errors: FieldErrors } {
    const body = this.payload();
    const parsed = gatheringInput.safeParse(body);
    const errors = parsed.success ? {} : errorsOf(parsed.error.issues as unknown as FieldIssue[]);
    // Only the endpoint's clock decides, but a day already gone is caught here too.
    if (!errors['date'] && typeof body.start === 'string' && Date.parse(body.start) <= Date.now())
      errors['date'] = wording('date', { code: 'too_small', path: ['date'] });
    return parsed.success && Object.keys(errors).length === 0 ? { data: parsed.data, errors } : { errors };
  }

  private readonly edit = (event: Event) => {
    const field = event.target as HTMLInputElement;
    if (!field.name) return;
    const v = this.values;
    if (field.name === 'cases') {
      const cases = field.checked ? [...v.cases, field.value] : v.cases.filter((id) => id !== field.value);
      this.values = { ...v, cases };
    } else {
      this.values = { ...v, [field.name]: field.value };
    }
    if (this.errors[field.name]) {
      this.errors = { ...this.errors, [field.name]: this.check().errors[field.name] };
    }
    this.host.requestUpdate();
  };

  private readonly submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.sending) return;
    const { data, errors } = this.check();
    this.failure = undefined;
    const endpoint = this.settings.endpoint();
    if (!data) {
      this.errors = errors;
      this.host.requestUpdate();
      await (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      focusFirstInvalid(this.host.shadowRoot ?? this.host);
      return;
    }
    this.errors = {};
    if (!endpoint) {
      this.refused(new ActionError('http', 'endpoint_missing', ''));
      return;
    }
    this.sending = true;
    this.host.requestUpdate();
    const elapsedMs = await afterMinFill(readerFor(endpoint), this.openedAt ?? performance.now());
    const key = newActionKey();
    this.settings.sent(key);
    void outbox.send({
      key,
      kind: 'gatherings',
      endpoint,
      caseId: this.settings.caseId() ?? '',
      body: { ...data, elapsedMs },
    });
  };

  /** The endpoint refused the event: back to the form, with its problems by field. */
  refused(error: unknown): void {
    this.sending = false;
    this.failure = eventErrorMessage(error);
    if (error instanceof ActionError && error.issues.length) this.errors = errorsOf(error.issues);
    this.host.requestUpdate();
    void (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() =>
      focusFirstInvalid(this.host.shadowRoot ?? this.host),
    );
  }

  render(headingLevel: number) {
    const { values: v, errors } = this;
    const locale = this.settings.locale();
    const heading = `h${Math.min(headingLevel, 6)}`;
    const casesError = errors['cases'];
    return html`<form
      part="host-form"
      class="host-form"
      novalidate
      aria-labelledby="host-heading"
      @submit=${this.submit}
      @input=${this.edit}
      @change=${this.edit}
    >
      <div role="heading" aria-level=${heading.slice(1)} id="host-heading" class="heading">
        ${msg('Host a letter-writing event')}
      </div>
      ${this.failure ? html`<p part="failure" class="failure" role="alert">${this.failure}</p>` : nothing}
      <p class="fine-print">
        ${msg('Fields marked * are required. Your email is only for the campaign team, never shown.')}
      </p>
      ${textField({ name: 'group', label: msg('Your group'), value: v.group, error: errors['group'], required: true, maxlength: 100, autocomplete: 'organization' })}
      ${textField({ name: 'title', label: msg('Title of the event'), value: v.title, error: errors['title'], required: true, maxlength: 120 })}
      <div class="field" part="field">
        ${fieldLabel({ name: 'description', label: msg('What people can expect') })}
        <textarea
          id="description"
          name="description"
          rows="3"
          maxlength=${GATHERING_DESCRIPTION_MAX}
          aria-invalid=${errors['description'] ? 'true' : 'false'}
          aria-describedby="description-error"
          .value=${live(v.description)}
        ></textarea>
        ${fieldError('description', errors['description'])}
      </div>
      <div class="row">
        ${this.input('date', msg('Day'), 'date', v.date, true)}
        ${this.input('startTime', msg('Starts at'), 'time', v.startTime, true)}
        ${this.input('endTime', msg('Ends at'), 'time', v.endTime, true)}
      </div>
      ${selectField({ name: 'timeZone', label: msg('Time zone'), value: v.timeZone, error: errors['timeZone'], required: true, options: timeZoneOptions().map((zone) => [zone, zone.replace(/_/g, ' ')] as const) })}
      <fieldset class="choice">
        <legend>${msg('Where')}</legend>
        <label
          ><input type="radio" name="mode" value="place" .checked=${live(v.mode === 'place')} />
          ${msg('In person')}</label
        >
        <label
          ><input type="radio" name="mode" value="online" .checked=${live(v.mode === 'online')} />
          ${msg('Online')}</label
        >
      </fieldset>
      ${
        v.mode === 'place'
          ? html`<div class="row">
              ${textField({ name: 'city', label: msg('City'), value: v.city, error: errors['city'], required: true, maxlength: 100, autocomplete: 'address-level2' })}
              ${selectField({ name: 'country', label: msg('Country'), value: v.country, error: errors['country'], required: true, options: countryOptions(locale), placeholder: v.country ? undefined : msg('Choose the country'), autocomplete: 'country' })}
            </div>`
          : textField({
              name: 'online',
              label: msg('Link to join'),
              value: v.online,
              error: errors['online'],
              required: true,
              maxlength: 2000,
              autocomplete: 'url',
            })
      }
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
                  .checked=${live(v.cases.includes(entry.id))}
                />
                ${entry.name}</label
              >`,
          )}
        ${fieldError('cases', casesError)}
      </fieldset>
      ${this.input('capacity', msg('People you expect'), 'number', v.capacity, false)}
      ${textField({ name: 'email', label: msg('Your email'), type: 'email', value: v.email, error: errors['email'], required: true, maxlength: 254, autocomplete: 'email' })}
      ${honeypotField()}
      <div class="actions">
        <button
          part="submit"
          class="button"
          type="submit"
          ?disabled=${this.sending}
          aria-busy=${this.sending ? 'true' : 'false'}
        >
          ${this.sending ? msg('Sending…') : msg('Announce the event')}
        </button>
      </div>
    </form>`;
  }

  private input(name: string, label: string, type: string, value: string, required: boolean) {
    const error = this.errors[name];
    return html`<div class="field" part="field">
      ${fieldLabel({ name, label, required })}
      <input
        id=${name}
        name=${name}
        type=${type}
        min=${type === 'number' ? '1' : nothing}
        max=${type === 'number' ? '10000' : nothing}
        ?required=${required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${name}-error"
        .value=${live(value)}
      />
      ${fieldError(name, error)}
    </div>`;
  }
}
