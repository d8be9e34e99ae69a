import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { ActionError } from '../../core/data/action-error.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import type { Outbox, Outcome } from '../../core/data/outbox.js';
import { outbox } from '../../core/data/default-outbox.js';
import { newActionKey } from '../../core/data/action-key.js';
import type { EndpointReader } from '../../core/data/endpoint-reader.js';
import { afterMinFill, minFillMs } from '../../core/forms/min-fill.js';
import {
  fieldError,
  honeypotField,
  fieldLabel,
  fieldErrors,
  fieldValue,
  focusFirstInvalid,
  isEmptyIssue,
  selectField,
  textField,
  type FieldIssue,
} from '../../core/forms/form-fields.js';
import { emit } from '../../core/element/events.js';
import { countryOptions } from '../../core/format/country.js';
import {
  MESSAGE_MAX_LENGTH,
  messageInput,
  type MessageInput,
  type MessageReceipt,
  type PublicMessage,
} from '../../schema/index.js';

type Field = 'name' | 'country' | 'text';

export interface PostFormSettings {
  /** The endpoint's base URL, when the wall has one. */
  endpoint(): string | undefined;
  reader(): EndpointReader | undefined;
  /** The outbox given to the wall, if any. */
  outbox(): Outbox | undefined;
  caseId(): string | undefined;
  source(): string | undefined;
  /** The message was accepted: on the wall now, or waiting for a moderator. */
  posted(message: PublicMessage, status: 'approved' | 'pending'): void;
}

/** How long typing must pause before the characters left are announced. */
const ANNOUNCE_AFTER_MS = 1000;
/** Characters left from which the count is announced at all. */
const ANNOUNCE_FROM = 50;

/** The wall's own words where they say more than the shared ones. */
function wording(field: string, issue: FieldIssue): string | undefined {
  if (field === 'name' && isEmptyIssue(issue)) return msg('Please write your name.');
  if (field === 'text' && isEmptyIssue(issue)) return msg('Please write a message.');
  if (field === 'text' && issue.code === 'too_big')
    return msg(str`Your message is too long: ${MESSAGE_MAX_LENGTH} characters at most.`);
  return undefined;
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
  private errors: Partial<Record<string, string>> = {};
  private failure = '';
  private outcome?: 'approved' | 'pending' | 'queued';
  private sending = false;
  private announcement = '';
  private announceTimer?: ReturnType<typeof setTimeout>;
  private openedAt = performance.now();
  /** The key of the message being sent, kept until the endpoint has it, so it is posted once. */
  private idempotencyKey?: string;
  private stopHearing?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: PostFormSettings,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.openedAt = performance.now();
    this.outbox.start();
    this.stopHearing = this.outbox.onOutcome((outcome) => this.heard(outcome));
  }

  hostDisconnected(): void {
    clearTimeout(this.announceTimer);
    this.stopHearing?.();
  }

  /**
   * The form appears for a case: a message of this device still waiting to be sent for it says so again
   * (after a reload, say) and is followed until the endpoint has it.
   */
  restore(): void {
    if (this.sending) return;
    const endpoint = this.settings.endpoint();
    const caseId = this.settings.caseId();
    const waiting =
      endpoint && caseId ? this.outbox.pendingFor('messages', endpoint, caseId).at(-1) : undefined;
    this.idempotencyKey = waiting?.key;
    this.outcome = waiting ? 'queued' : undefined;
    this.openedAt = performance.now();
    const reader = this.settings.reader();
    if (reader) void minFillMs(reader);
  }

  private get outbox(): Outbox {
    return this.settings.outbox() ?? outbox;
  }

  private get length(): number {
    return this.text.normalize('NFC').trim().length;
  }

  private input(field: Field | 'website', value: string): void {
    this[field] = value;
    // Another message from now on; the one being sent keeps its key.
    if (!this.sending) this.idempotencyKey = undefined;
    if (field !== 'website' && this.errors[field]) this.validate();
    if (field === 'text') {
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
    this.errors = parsed.success ? {} : fieldErrors(parsed.error.issues as unknown as FieldIssue[], wording);
    return parsed;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const endpoint = this.settings.endpoint();
    const caseId = this.settings.caseId();
    const reader = this.settings.reader();
    if (this.sending || !endpoint || !reader || !caseId) return;
    const parsed = this.validate();
    this.failure = '';
    this.outcome = undefined;
    this.host.requestUpdate();
    if (!parsed.success) {
      await this.host.updateComplete;
      if (this.host.shadowRoot) focusFirstInvalid(this.host.shadowRoot);
      return;
    }
    this.sending = true;
    this.host.requestUpdate();
    const body = { ...parsed.data, elapsedMs: await afterMinFill(reader, this.openedAt) };
    this.idempotencyKey ??= newActionKey();
    // The outbox keeps the message until the endpoint has it, and tells `heard` how each attempt ends.
    await this.outbox.send({ key: this.idempotencyKey, kind: 'messages', endpoint, caseId, body });
  }

  /** How an attempt to send this form's message ended, ours or a later one of the outbox. */
  private heard(outcome: Outcome): void {
    const { entry } = outcome;
    if (entry.kind !== 'messages' || entry.key !== this.idempotencyKey) return;
    const message = entry.body as MessageInput;
    const source = message.source;
    this.sending = false;
    if (outcome.status === 'queued') {
      this.outcome = 'queued';
      this.text = '';
      this.announcement = '';
    } else if (outcome.status === 'delivered') {
      const receipt = outcome.receipt as MessageReceipt;
      this.idempotencyKey = undefined;
      this.outcome = receipt.status;
      this.text = '';
      this.announcement = '';
      this.settings.posted(
        {
          id: receipt.id,
          name: message.name,
          country: message.country,
          text: message.text,
          createdAt: new Date().toISOString(),
        },
        receipt.status,
      );
      emit(this.host, 'w4r-message-posted', {
        caseId: entry.caseId,
        status: receipt.status,
        ...(source ? { source } : {}),
      });
    } else {
      this.idempotencyKey = undefined;
      this.outcome = undefined;
      // Refused for good: the message comes back into the form, with the reason beside its field.
      this.text = message.text;
      const issues = outcome.error instanceof ActionError ? outcome.error.issues : [];
      const fields = issues.filter((issue) => ['name', 'country', 'text'].includes(issue.path));
      this.errors = fieldErrors(fields, wording);
      if (!fields.length) this.failure = errorMessage(outcome.error);
      emit(this.host, 'w4r-error', {
        caseId: entry.caseId,
        code: errorCode(outcome.error),
        message: errorMessage(outcome.error),
      });
    }
    this.host.requestUpdate();
  }

  render(locale: string) {
    const length = this.length;
    const onInput = (event: Event) => {
      const field = fieldValue(event);
      if (field && typeof field.value === 'string') this.input(field.name as Field | 'website', field.value);
    };
    return html`
      <form
        part="form"
        class="form"
        novalidate
        @submit=${(event: SubmitEvent) => this.submit(event)}
        @input=${onInput}
        @change=${onInput}
      >
        <p class="fine-print">${msg('Fields marked * are required.')}</p>
        ${textField({
          name: 'name',
          label: msg('Your name'),
          value: this.name,
          autocomplete: 'name',
          required: true,
          error: this.errors['name'],
        })}
        ${selectField({
          name: 'country',
          label: msg('Your country (optional)'),
          value: this.country,
          options: countryOptions(locale),
          placeholder: msg('Not given'),
          autocomplete: 'country',
          error: this.errors['country'],
        })}
        <div class="field">
          ${fieldLabel({ name: 'text', label: msg('Your message'), required: true })}
          <textarea
            id="text"
            name="text"
            rows="4"
            required
            .value=${this.text}
            aria-invalid=${this.errors['text'] ? 'true' : 'false'}
            aria-describedby="count text-error"
          ></textarea>
          <p part="counter" id="count" class=${length > MESSAGE_MAX_LENGTH ? 'counter over' : 'counter'}>
            ${msg(str`${length} of ${MESSAGE_MAX_LENGTH} characters`)}
          </p>
          <p class="visually-hidden announce" aria-live="polite">${this.announcement}</p>
          ${fieldError('text', this.errors['text'])}
        </div>
        ${honeypotField(this.website)}
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
                : this.outcome === 'queued'
                  ? msg(
                      'Your message is saved on this device and will be sent automatically when you are back online.',
                    )
                  : nothing
          }
        </p>
      </form>
    `;
  }
}
