import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { msg, str } from '@lit/localize';
import { ActionError, type ActionClient } from '../../core/action-client.js';
import { emit } from '../../core/events.js';
import { countryOptions } from '../../core/country.js';
import { MESSAGE_MAX_LENGTH, messageInput, type PublicMessage } from '../../schema/index.js';

type Field = 'name' | 'country' | 'text';

export interface PostFormSettings {
  client(): ActionClient | undefined;
  caseId(): string | undefined;
  source(): string | undefined;
  /** The message was accepted: on the wall now, or waiting for a moderator. */
  posted(message: PublicMessage, status: 'approved' | 'pending'): void;
}

/** How long typing must pause before the characters left are announced. */
const ANNOUNCE_AFTER_MS = 1000;
/** Characters left from which the count is announced at all. */
const ANNOUNCE_FROM = 50;

/** What a field's problem reads as, from the shared schema's issue code. */
function fieldError(field: Field, code: string): string {
  if (field === 'name')
    return code === 'too_small'
      ? msg('Please write your name.')
      : code === 'too_big'
        ? msg('Your name is too long: 60 characters at most.')
        : msg('Your name contains characters that are not allowed.');
  if (field === 'text')
    return code === 'too_small'
      ? msg('Please write a message.')
      : code === 'too_big'
        ? msg(str`Your message is too long: ${MESSAGE_MAX_LENGTH} characters at most.`)
        : msg('Your message contains characters that are not allowed.');
  return msg('Choose a country from the list, or none.');
}

function errorText(error: ActionError): string {
  if (error.code === 'rate_limited')
    return msg('Many messages are arriving at once. Please try again in a minute.');
  if (error.code === 'looks_automated')
    return msg('Your message looked automated. Please wait a moment and try again.');
  if (error.code === 'case_not_found') return msg('This case is no longer on the wall.');
  if (error.kind === 'network' || error.kind === 'timeout')
    return msg('The message could not be sent. Check your connection and try again.');
  return msg('The message could not be posted. Please try again.');
}

/**
 * The wall's form: name, optional country and the message, with a character count, checked with the
 * same schema as the endpoint's, and a clear answer once posted.
 */
export class PostForm implements ReactiveController {
  private name = '';
  private country = '';
  private text = '';
  private website = '';
  private errors: Partial<Record<Field, string>> = {};
  private failure = '';
  private outcome?: 'approved' | 'pending';
  private sending = false;
  private announcement = '';
  private announceTimer?: ReturnType<typeof setTimeout>;
  private openedAt = performance.now();
  private idempotencyKey?: string;
  private optionsLocale?: string;
  private options: TemplateResult[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: PostFormSettings,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.openedAt = performance.now();
  }

  hostDisconnected(): void {
    clearTimeout(this.announceTimer);
  }

  private get length(): number {
    return this.text.normalize('NFC').trim().length;
  }

  private input(field: Field | 'website', value: string): void {
    this[field] = value;
    this.idempotencyKey = undefined;
    if (field !== 'website' && this.errors[field]) this.validate();
    if (field === 'text') {
      clearTimeout(this.announceTimer);
      this.announceTimer = setTimeout(() => {
        const left = MESSAGE_MAX_LENGTH - this.length;
        this.announcement =
          left > ANNOUNCE_FROM
            ? ''
            : left >= 0
              ? msg(str`${left} characters left`)
              : msg(str`${-left} characters too many`);
        this.host.requestUpdate();
      }, ANNOUNCE_AFTER_MS);
    }
    this.host.requestUpdate();
  }

  private validate() {
    const parsed = messageInput.safeParse({
      name: this.name,
      country: this.country || undefined,
      text: this.text,
      source: this.settings.source(),
      website: this.website,
      elapsedMs: Math.round(performance.now() - this.openedAt),
    });
    this.errors = {};
    for (const issue of parsed.error?.issues ?? []) {
      const field = issue.path[0] as Field;
      this.errors[field] ??= fieldError(field, issue.code);
    }
    return parsed;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.settings.client();
    const caseId = this.settings.caseId();
    if (this.sending || !client || !caseId) return;
    const parsed = this.validate();
    this.failure = '';
    this.outcome = undefined;
    this.host.requestUpdate();
    if (!parsed.success) {
      await this.host.updateComplete;
      this.host.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.sending = true;
    const source = parsed.data.source;
    try {
      this.idempotencyKey ??= crypto.randomUUID();
      const receipt = await client.postMessage(caseId, parsed.data, { idempotencyKey: this.idempotencyKey });
      this.idempotencyKey = undefined;
      this.outcome = receipt.status;
      this.text = '';
      this.announcement = '';
      const { name, country, text } = parsed.data;
      this.settings.posted(
        { id: receipt.id, name, country, text, createdAt: new Date().toISOString() },
        receipt.status,
      );
      emit(this.host, 'w4r-message-posted', {
        caseId,
        status: receipt.status,
        ...(source ? { source } : {}),
      });
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      const fields = error.issues.filter((issue) => ['name', 'country', 'text'].includes(issue.path));
      for (const issue of fields)
        this.errors[issue.path as Field] = fieldError(issue.path as Field, issue.code);
      if (!fields.length) this.failure = errorText(error);
      emit(this.host, 'w4r-error', { caseId, code: error.code, message: error.message });
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  render(locale: string) {
    if (locale !== this.optionsLocale) {
      this.optionsLocale = locale;
      this.options = countryOptions(locale).map(
        ([code, name]) => html`<option value=${code}>${name}</option>`,
      );
    }
    const length = this.length;
    const error = (field: Field) =>
      this.errors[field]
        ? html`<p part="error" class="field-error" id=${`${field}-error`}>${this.errors[field]}</p>`
        : nothing;
    const invalid = (field: Field) => (this.errors[field] ? 'true' : 'false');
    return html`
      <form part="form" class="form" novalidate @submit=${(event: SubmitEvent) => this.submit(event)}>
        <div class="field">
          <label for="name">${msg('Your name')}</label>
          <input
            id="name"
            name="name"
            autocomplete="name"
            .value=${this.name}
            aria-invalid=${invalid('name')}
            aria-describedby=${this.errors.name ? 'name-error' : nothing}
            @input=${(event: InputEvent) => this.input('name', (event.target as HTMLInputElement).value)}
          />
          ${error('name')}
        </div>
        <div class="field">
          <label for="country">${msg('Your country (optional)')}</label>
          <select
            id="country"
            name="country"
            autocomplete="country"
            .value=${this.country}
            aria-invalid=${invalid('country')}
            aria-describedby=${this.errors.country ? 'country-error' : nothing}
            @change=${(event: Event) => this.input('country', (event.target as HTMLSelectElement).value)}
          >
            <option value="">${msg('Not given')}</option>
            ${this.options}
          </select>
          ${error('country')}
        </div>
        <div class="field">
          <label for="text">${msg('Your message')}</label>
          <textarea
            id="text"
            name="text"
            rows="4"
            .value=${this.text}
            aria-invalid=${invalid('text')}
            aria-describedby=${this.errors.text ? 'count text-error' : 'count'}
            @input=${(event: InputEvent) => this.input('text', (event.target as HTMLTextAreaElement).value)}
          ></textarea>
          <p part="counter" id="count" class=${length > MESSAGE_MAX_LENGTH ? 'counter over' : 'counter'}>
            ${msg(str`${length} of ${MESSAGE_MAX_LENGTH} characters`)}
          </p>
          <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
          ${error('text')}
        </div>
        <div class="trap" aria-hidden="true">
          <label for="website">${msg('Leave this field empty')}</label>
          <input
            id="website"
            name="website"
            tabindex="-1"
            autocomplete="off"
            @input=${(event: InputEvent) => this.input('website', (event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="actions">
          <button part="submit" class="button" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
            ${this.sending ? msg('Posting…') : msg('Post message')}
          </button>
        </div>
        <p part="error" class="failure" role="alert">${this.failure}</p>
        <p part="posted" class="posted" role="status">
          ${
            this.outcome === 'approved'
              ? msg('Thank you! Your message is on the wall.')
              : this.outcome === 'pending'
                ? msg('Thank you! Your message will appear on the wall once a moderator has read it.')
                : nothing
          }
        </p>
      </form>
    `;
  }
}
