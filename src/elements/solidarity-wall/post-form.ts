import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type * as z from 'zod/mini';
import { ActionError } from '../../core/data/action-error.js';
import { ActionController, type ActionTarget } from '../../core/data/action-controller.js';
import type { EndpointReader } from '../../core/data/endpoint-reader.js';
import type { Outcome } from '../../core/data/outbox.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { countryOptions } from '../../core/format/country.js';
import { emit } from '../../core/element/events.js';
import { FormController, type FormWording } from '../../core/forms/form-controller.js';
import {
  boundField,
  fieldError,
  fieldLabel,
  honeypotField,
  isEmptyIssue,
  selectField,
  textField,
} from '../../core/forms/form-fields.js';
import { MESSAGE_MAX_LENGTH, messageInput, type PublicMessage } from '../../schema/index.js';

export interface PostFormSettings {
  /** Where a message goes. */
  target(): ActionTarget;
  reader(): EndpointReader | undefined;
  source(): string | undefined;
  /** The message was accepted: on the wall now, or waiting for a moderator. */
  posted(message: PublicMessage, status: 'approved' | 'pending'): void;
}

const FIELDS = ['name', 'country', 'text'];
/** How long typing must pause before the characters left are announced. */
const ANNOUNCE_AFTER_MS = 1000;
/** Characters left from which the count is announced at all. */
const ANNOUNCE_FROM = 50;

/** The wall's own words where they say more than the shared ones. */
const wording: FormWording = (field, issue) => {
  if (field === 'name' && isEmptyIssue(issue)) return msg('Please write your name.');
  if (field === 'text' && isEmptyIssue(issue)) return msg('Please write a message.');
  if (field === 'text' && issue.code === 'too_big')
    return msg(str`Your message is too long: ${MESSAGE_MAX_LENGTH} characters at most.`);
  return undefined;
};

/**
 * The wall's form: name, optional country and the message, with a character count, checked with the
 * same schema as the endpoint's, sent through the outbox, and a clear answer once posted.
 */
export class PostForm implements ReactiveController {
  /** The message's length as the endpoint counts it. */
  private length = 0;
  private announcement = '';
  private announceTimer?: ReturnType<typeof setTimeout>;

  private readonly form: FormController<z.output<typeof messageInput>>;
  private readonly action: ActionController<'messages'>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode },
    private readonly settings: PostFormSettings,
  ) {
    host.addController(this);
    this.form = new FormController(host, {
      schema: messageInput,
      fields: FIELDS,
      wording,
      extra: () => ({ source: settings.source() }),
      minFill: settings.reader,
    });
    this.action = new ActionController(host, 'messages', settings.target, {
      saved: () => this.clearText(),
      sent: (outcome) => this.delivered(outcome),
      failed: (outcome) => this.refused(outcome),
    });
  }

  hostDisconnected(): void {
    clearTimeout(this.announceTimer);
  }

  private readonly input = (event: Event) => {
    this.form.input(event);
    const field = event.target as HTMLInputElement;
    // Another message from now on; the one being sent keeps its key.
    if (field.name) this.action.changed();
    if (field.name !== 'text') return;
    this.length = field.value.normalize('NFC').trim().length;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const left = MESSAGE_MAX_LENGTH - this.length;
      this.announcement =
        left > ANNOUNCE_FROM
          ? ''
          : left >= 0
            ? msg(str`Characters left: ${left}`)
            : msg(str`Characters over the limit: ${-left}`);
      this.host.requestUpdate();
    }, ANNOUNCE_AFTER_MS);
    this.host.requestUpdate();
  };

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { endpoint, caseId } = this.settings.target();
    if (this.action.busy || !endpoint || !caseId) return;
    // What became of the last message is said no longer once another is on its way.
    if (this.action.phase === 'sent' || this.action.phase === 'failed') this.action.reset();
    const body = this.form.check();
    if (body) await this.action.send(this.form.filled(body));
  }

  private clearText(): void {
    this.length = 0;
    this.announcement = '';
    void this.form.fill({ text: '' });
  }

  private delivered(outcome: Outcome<'messages'> & { status: 'delivered' }): void {
    const { entry, receipt } = outcome;
    const { name, country, text, source } = entry.body;
    this.clearText();
    this.settings.posted(
      { id: receipt.id, name, country, text, createdAt: new Date().toISOString() },
      receipt.status,
    );
    emit(this.host, 'w4r-message-posted', {
      caseId: entry.caseId,
      status: receipt.status,
      ...(source ? { source } : {}),
    });
  }

  /** Refused for good: the message comes back into the form, with the reason beside its field. */
  private refused(outcome: Outcome<'messages'> & { status: 'refused' }): void {
    const { entry, error } = outcome;
    void this.form.fill({ text: entry.body.text });
    this.length = entry.body.text.normalize('NFC').trim().length;
    const shown = this.form.showIssues(error instanceof ActionError ? error.issues : []);
    this.form.failure = shown ? undefined : errorMessage(error);
    emit(this.host, 'w4r-error', {
      caseId: entry.caseId,
      code: errorCode(error),
      message: errorMessage(error),
    });
  }

  private outcomeText() {
    const { phase, receipt } = this.action;
    if (phase === 'saved-offline')
      return msg(
        'Your message is saved on this device and will be sent automatically when you are back online.',
      );
    if (phase !== 'sent') return nothing;
    return receipt?.status === 'approved'
      ? msg('Thank you! Your message is on the wall.')
      : msg('Thank you! Your message will appear on the wall once a moderator has read it.');
  }

  render(locale: string) {
    const { errors } = this.form;
    const sending = this.action.busy;
    const length = this.length;
    return html`
      <form
        part="form"
        class="form"
        novalidate
        @submit=${(event: SubmitEvent) => this.submit(event)}
        @input=${this.input}
        @change=${this.input}
      >
        <p class="fine-print">${msg('Fields marked * are required.')}</p>
        ${textField({ name: 'name', label: msg('Your name'), autocomplete: 'name', required: true, error: errors['name'] })}
        ${selectField({
          name: 'country',
          label: msg('Your country (optional)'),
          options: countryOptions(locale),
          placeholder: msg('Not given'),
          autocomplete: 'country',
          error: errors['country'],
        })}
        <div class="field">
          ${fieldLabel({ name: 'text', label: msg('Your message'), required: true })}
          <textarea
            ${boundField({ name: 'text', required: true, error: errors['text'], describedBy: 'count text-error' })}
            rows="4"
          ></textarea>
          <p part="counter" id="count" class=${length > MESSAGE_MAX_LENGTH ? 'counter over' : 'counter'}>
            ${msg(str`${length} of ${MESSAGE_MAX_LENGTH} characters`)}
          </p>
          <p class="visually-hidden announce" aria-live="polite">${this.announcement}</p>
          ${fieldError('text', errors['text'])}
        </div>
        ${honeypotField()}
        <div class="actions">
          <button part="submit" class="button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
            ${sending ? msg('Posting…') : msg('Post message')}
          </button>
        </div>
        <p part="error" class="failure" role="alert">${this.form.failure ?? ''}</p>
        <p part="posted" class="posted" role="status">${this.outcomeText()}</p>
      </form>
    `;
  }
}
