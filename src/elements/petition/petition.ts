import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { literal, html as staticHtml } from 'lit/static-html.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import { CaseController } from '../../core/data/case-controller.js';
import { ActionError } from '../../core/data/action-error.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { countryOfLocale, countryOptions } from '../../core/format/country.js';
import { textIn } from '../../core/locale/locale.js';
import { getLocale } from '../../core/locale/localization.js';
import { focusPetition } from '../../core/page/take-action.js';
import { addressee } from '../../core/format/addressee.js';
import { formatNumber } from '../../core/format/format-number.js';
import { afterMinFill, minFillMs } from '../../core/forms/min-fill.js';
import { ActionController, type ActionPhase } from '../../core/data/action-controller.js';
import type { Outcome } from '../../core/data/outbox.js';
import { hasSigned } from '../../core/data/signed.js';
import {
  checkboxField,
  fieldErrors,
  focusFirstInvalid,
  honeypotField,
  fieldValue,
  formStyles,
  isEmptyIssue,
  selectField,
  textField,
  validate,
  type FieldErrors,
  type FieldIssue,
} from '../../core/forms/form-fields.js';
import { signatureInput, type Case, type SignatureInput, type Stats } from '../../schema/index.js';
import { petitionStyles } from './petition.styles.js';

/** Where the petition is: its form, sending, saved to send later, signed, or closed. */
type Phase = 'form' | 'sending' | 'queued' | 'counted' | 'remembered' | 'closed';
/** What the petition shows when no signature of this visit is on its way or counted. */
type View = 'form' | 'remembered' | 'closed';

interface Values {
  firstName: string;
  lastName: string;
  email: string;
  country: string;
  consent: boolean;
  optIn: boolean;
  website: string;
}

const EMPTY: Values = {
  firstName: '',
  lastName: '',
  email: '',
  country: '',
  consent: false,
  optIn: false,
  website: '',
};
const FIELDS = ['firstName', 'lastName', 'email', 'country', 'consent'];
const HEADINGS = [literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];
const SAFE_HREF = /^(https?:|[/?#.]|[^:]*$)/i;

/** A closing date without a time closes at the end of that day. */
const closesAt = (closes: string) => Date.parse(/T/.test(closes) ? closes : `${closes}T23:59:59Z`);

/**
 * @summary Signs the case's petition and shows the count toward the goal.
 *
 * Shows the petition's text and who it is addressed to, the live count, and a short form. A signature
 * that cannot be delivered now is saved on the device and sent when the connection is back, counted
 * once. This browser remembers that it signed (a flag, no personal data) and says so on return.
 *
 * @slot share - Share buttons (such as `<w4r-share>`) shown with the thanks once signed.
 *
 * @csspart base - The petition.
 * @csspart heading - The heading.
 * @csspart target - Who the petition is addressed to.
 * @csspart text - The petition's text.
 * @csspart counter - The live count (a `<w4r-counter>`).
 * @csspart form - The form.
 * @csspart field - Each field with its label and problem.
 * @csspart field-error - A field's problem.
 * @csspart submit - The "Sign the petition" button.
 * @csspart failure - What went wrong when sending.
 * @csspart notice - Thanks, saved-for-later and closed messages.
 *
 * @fires w4r-signed - `detail: { caseId, status: 'queued' | 'counted', source }`; `queued` when saved to send later, then `counted` once the endpoint has it. A second signature with the same email is `counted` too, and counted once: no one learns from the page whether an email signed before.
 * @fires w4r-error - `detail: { caseId, code, message }` when the endpoint refused the signature or could not be reached for the case.
 */
export class W4rPetition extends W4rElement {
  static override styles = [...W4rElement.styles, formStyles, petitionStyles];

  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  /** The case itself, for pages that have it at hand. */
  @property({ attribute: false }) caseData?: Case;

  /** The privacy policy linked from the consent text; defaults to the campaign's. */
  @property({ attribute: 'privacy-href' }) privacyHref?: string;

  /** Where "Sign for another case" leads; without it, the button goes to another petition on the page. */
  @property({ attribute: 'another-href' }) anotherHref?: string;

  /** Level of the petition's heading (2–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private view: View = 'form';
  @state() private values: Values = { ...EMPTY };
  @state() private errors: FieldErrors = {};
  /** What went wrong with the last attempt, in plain words. */
  @state() private failure?: string;
  /** Why a signature waits in the outbox, when known. */
  @state() private queuedReason?: string;
  @state() private receipt?: Stats;
  /** What the status region says (announced by screen readers). */
  @state() private announcement = '';

  private startedAt?: number;
  private restoredFor?: string;
  private readonly caseCtl = new CaseController(this, {
    reader: () => this.reader,
    locale: () => this.resolvedLocale,
  });

  private readonly action = new ActionController(
    this,
    'signatures',
    () => ({ endpoint: this.resolvedEndpoint, caseId: this.caseCtl.id, outbox: this.givenOutbox }),
    {
      saved: (outcome, was) => this.saved(outcome, was),
      sent: (outcome, was) => this.counted(outcome, was),
      failed: (outcome, was) => this.refused(outcome, was),
    },
  );

  private get phase(): Phase {
    const shown: Partial<Record<ActionPhase, Phase>> = {
      saving: 'sending',
      'saved-offline': 'queued',
      sent: 'counted',
    };
    return shown[this.action.phase] ?? this.view;
  }

  /** Puts the supporter in the first field (or on the message that replaces the form). */
  async focusFirstField(): Promise<void> {
    await this.caseCtl.task.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('form input:not([tabindex="-1"]), .outcome')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const where = `${this.resolvedEndpoint}|${this.caseId ?? this.caseData?.id}`;
    if (where !== this.restoredFor && this.phase !== 'sending') {
      this.restoredFor = where;
      this.restore();
    }
    if (!this.values.country) {
      const country = countryOfLocale(this.locale, this.campaign?.locale, this.resolvedLocale);
      if (country) this.values = { ...this.values, country };
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.phase === 'form' && this.startedAt === undefined && this.renderRoot.querySelector('form')) {
      this.startedAt = performance.now();
      const reader = this.reader;
      if (reader) void minFillMs(reader);
    }
  }

  /** On arrival: one this browser signed before (a signature still waiting is the action's). */
  private restore(): void {
    const id = this.caseCtl.id;
    if (!id) return;
    if (hasSigned(id)) this.view = 'remembered';
    else if (this.view !== 'closed') this.view = 'form';
  }

  protected override render() {
    return this.caseCtl.task.render({
      initial: () => this.renderLoading(),
      pending: () => (this.caseCtl.value ? this.renderPetition(this.caseCtl.value) : this.renderLoading()),
      complete: (data) => this.renderPetition(data),
      error: (error) =>
        html`<div part="base failure" class="failure" role="alert">
          <p>${msg('We could not show this petition.')}</p>
          <p>${errorMessage(error)}</p>
          <button class="button secondary" type="button" @click=${() => this.caseCtl.task.run()}>
            ${msg('Try again')}
          </button>
        </div>`,
    });
  }

  private renderLoading() {
    return html`<div part="base" class="petition" aria-busy="true">
      <p role="status">${msg('Loading the petition…')}</p>
    </div>`;
  }

  private renderPetition(data: Case) {
    const petition = data.petition;
    const level = headingLevel(this.headingLevel, 2);
    const to = textIn(data.target.lang ?? data.lang);
    const text = textIn(petition?.lang ?? data.lang);
    const who = addressee(data.target);
    const closed = this.phase === 'closed' || (!!petition?.closes && closesAt(petition.closes) < Date.now());
    return html`<section
      part="base"
      class="petition"
      aria-labelledby="heading"
      lang=${getLocale()}
      dir=${this.direction}
    >
      ${staticHtml`<${HEADINGS[level - 2]} part="heading" id="heading">${msg('Sign the petition')}</${HEADINGS[level - 2]}>`}
      ${
        petition
          ? html`<p part="target" class="target">
                ${msg('To:')} <bdi lang=${to.lang} dir=${to.dir}>${who}</bdi>
              </p>
              <blockquote part="text" class="text" lang=${text.lang} dir=${text.dir}>
                ${petition.text}
              </blockquote>
              ${
                this.resolvedEndpoint
                  ? html`<w4r-counter
                      part="counter"
                      .endpoint=${this.resolvedEndpoint}
                      .caseId=${data.id}
                      .locale=${this.resolvedLocale}
                      .theme=${this.theme}
                    ></w4r-counter>`
                  : nothing
              }
              ${closed ? this.renderClosed(petition.closes) : this.renderPhase(level + 1)}`
          : html`<p part="notice" class="notice">${msg('There is no petition to sign for this case.')}</p>`
      }
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  private renderPhase(level: number) {
    switch (this.phase) {
      case 'queued':
        return this.renderNotice(level, 'queued', msg('Your signature is saved'), [
          this.queuedReason,
          msg(
            'It is kept on this device and sent automatically when you are back online. It will count only once.',
          ),
        ]);
      case 'counted':
      case 'remembered':
        return this.renderDone(level);
      default:
        return this.renderForm();
    }
  }

  private renderNotice(
    level: number,
    kind: string,
    title: string,
    lines: (string | undefined)[],
    extra: unknown = nothing,
  ) {
    const heading = HEADINGS[Math.min(level, 6) - 2];
    return html`<div part="notice" class="notice ${kind}">
      ${staticHtml`<${heading} class="outcome" tabindex="-1">${title}</${heading}>`}
      ${lines.filter(Boolean).map((line) => html`<p>${line}</p>`)} ${extra}
    </div>`;
  }

  private renderDone(level: number) {
    const count = this.receipt ? formatNumber(this.receipt.signatures, this.resolvedLocale) : undefined;
    // The same words whether this email signed before or not: the page must not tell anyone which.
    const [title, line] =
      this.phase === 'counted'
        ? [msg('Thank you for signing!'), msg('Your signature is in. Each person is counted once.')]
        : [msg('You signed this petition'), msg('Thank you!')];
    const another = this.anotherCase();
    const anotherHref = this.anotherHref?.trim();
    return this.renderNotice(
      level,
      'done',
      title,
      [
        line,
        count && this.phase !== 'remembered' ? msg(str`Signatures so far: ${count}.`) : undefined,
        msg('Share the case, so more people sign:'),
      ],
      html`<slot name="share"></slot>
        <div class="actions">
          ${
            anotherHref && SAFE_HREF.test(anotherHref)
              ? html`<a class="button" href=${anotherHref}>${msg('Sign for another case')}</a>`
              : another
                ? html`<button
                    class="button"
                    type="button"
                    @click=${() => focusPetition(this.ownerDocument, another)}
                  >
                    ${msg('Sign for another case')}
                  </button>`
                : nothing
          }
          <button class="button secondary" type="button" @click=${() => this.signAsSomeoneElse()}>
            ${msg('Sign as someone else')}
          </button>
        </div>`,
    );
  }

  private renderClosed(closes?: string) {
    const date = closes
      ? new Intl.DateTimeFormat(this.resolvedLocale, {
          dateStyle: 'long',
          timeZone: /T/.test(closes) ? undefined : 'UTC',
        }).format(closesAt(closes))
      : undefined;
    return html`<div part="notice" class="notice closed">
      <p class="outcome" tabindex="-1">
        ${date ? msg(str`This petition closed on ${date}.`) : msg('This petition has closed.')}
      </p>
      <p>${msg('Thank you to everyone who signed.')}</p>
    </div>`;
  }

  private renderForm() {
    const { values, errors } = this;
    const sending = this.phase === 'sending';
    const privacy = (this.privacyHref ?? this.campaign?.privacyHref)?.trim();
    const locale = this.resolvedLocale;
    return html`<form
      part="form"
      novalidate
      @submit=${this.submit}
      @input=${this.edit}
      @change=${this.edit}
      @focusout=${this.check}
    >
      ${this.failure ? html`<p part="failure" class="failure" role="alert">${this.failure}</p>` : nothing}
      <p class="fine-print">${msg('Fields marked * are required.')}</p>
      <div class="names">
        ${textField({ name: 'firstName', label: msg('First name'), value: values.firstName, error: errors['firstName'], autocomplete: 'given-name', required: true, maxlength: 80 })}
        ${textField({ name: 'lastName', label: msg('Last name'), value: values.lastName, error: errors['lastName'], autocomplete: 'family-name', required: true, maxlength: 80 })}
      </div>
      ${textField({ name: 'email', label: msg('Email'), type: 'email', value: values.email, error: errors['email'], autocomplete: 'email', required: true, maxlength: 254 })}
      ${selectField({
        name: 'country',
        label: msg('Country'),
        value: values.country,
        error: errors['country'],
        autocomplete: 'country',
        required: true,
        options: countryOptions(locale),
        placeholder: values.country ? undefined : msg('Choose your country'),
      })}
      ${checkboxField({
        name: 'consent',
        checked: values.consent,
        error: errors['consent'],
        required: true,
        label:
          privacy && SAFE_HREF.test(privacy)
            ? msg(
                html`I agree that my name and country go to the authorities with this petition, and my details
                  are kept as the <a href=${privacy} target="_blank" rel="noopener">privacy policy</a> says.`,
              )
            : msg('I agree that my name and country go to the authorities with this petition.'),
      })}
      ${checkboxField({ name: 'optIn', checked: values.optIn, label: msg('Email me news about this case.') })}
      ${honeypotField(values.website)}
      <div class="actions">
        <button
          part="submit"
          class="button"
          type="submit"
          ?disabled=${sending}
          aria-busy=${sending ? 'true' : 'false'}
        >
          ${sending ? msg('Signing…') : msg('Sign the petition')}
        </button>
      </div>
    </form>`;
  }

  /** What the form would send now. */
  private payload(): SignatureInput {
    const { firstName, lastName, email, country, consent, optIn, website } = this.values;
    const body: SignatureInput = { firstName, lastName, email, country, consent: consent as true, optIn };
    const source = this.resolvedSource;
    if (source) body.source = source;
    if (website) body.website = website;
    body.elapsedMs = Math.round(performance.now() - (this.startedAt ?? performance.now()));
    return body;
  }

  /** The petition's own words for a field's problem. */
  private readonly wording = (field: string, issue: FieldIssue): string | undefined => {
    const empty =
      isEmptyIssue(issue) ||
      (typeof this.values[field as keyof Values] === 'string' &&
        !String(this.values[field as keyof Values]).trim());
    switch (field) {
      case 'firstName':
        return empty ? msg('Enter your first name.') : undefined;
      case 'lastName':
        return empty ? msg('Enter your last name.') : undefined;
      case 'email':
        if (empty) return msg('Enter your email address.');
        return issue.code === 'invalid_format'
          ? msg('Enter an email address such as name@example.org.')
          : undefined;
      case 'country':
        return msg('Choose your country.');
      case 'consent':
        return msg('Tick this box to sign.');
      default:
        return undefined;
    }
  };

  private readonly edit = (event: Event) => {
    const field = fieldValue(event);
    if (!field || !(field.name in this.values)) return;
    this.values = { ...this.values, [field.name]: field.value };
    // A problem already shown goes away as soon as it is fixed.
    if (this.errors[field.name] || (field.name === 'consent' && event.type === 'change'))
      this.checkField(field.name);
  };

  private readonly check = (event: FocusEvent) => {
    const name = (event.target as HTMLInputElement).name;
    if (FIELDS.includes(name)) this.checkField(name);
  };

  private checkField(name: string): void {
    const { errors } = validate(signatureInput, this.payload(), this.wording);
    if ((errors?.[name] ?? undefined) !== this.errors[name])
      this.errors = { ...this.errors, [name]: errors?.[name] };
  }

  private readonly submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.phase === 'sending') return;
    const id = this.caseCtl.id;
    const result = validate(signatureInput, this.payload(), this.wording);
    this.failure = undefined;
    if (result.errors) {
      this.errors = result.errors;
      const shown = FIELDS.some((field) => result.errors[field]);
      if (!shown) this.failure = errorMessage(new ActionError('http', 'validation_failed', ''));
      this.announcement = msg('Some fields need your attention.');
      await this.updateComplete;
      if (shown) focusFirstInvalid(this.renderRoot);
      return;
    }
    this.errors = {};
    const endpoint = this.resolvedEndpoint;
    if (!endpoint || !id) {
      this.fail(new ActionError('http', 'endpoint_missing', 'No endpoint to send the signature to.'));
      return;
    }
    this.announcement = msg('Signing…');
    const opened = this.startedAt ?? performance.now();
    const reader = this.reader!;
    void this.action.send(afterMinFill(reader, opened).then((elapsedMs) => ({ ...result.data, elapsedMs })));
  };

  /** The signature could not be delivered yet: it waits on the device. */
  private saved(outcome: Outcome<'signatures'> & { status: 'queued' }, was: ActionPhase): void {
    this.queuedReason = this.reasonQueued(outcome.error);
    if (was !== 'saving') return;
    this.announcement = msg('Your signature is saved');
    this.emit('w4r-signed', { caseId: outcome.entry.caseId, status: 'queued', ...this.sourceDetail() });
    void this.focusOutcome();
  }

  private counted(outcome: Outcome<'signatures'> & { status: 'delivered' }, was: ActionPhase): void {
    this.receipt = outcome.receipt.stats;
    this.values = { ...EMPTY, country: this.values.country };
    this.announcement = msg('Thank you for signing!');
    this.emit('w4r-signed', { caseId: outcome.entry.caseId, status: 'counted', ...this.sourceDetail() });
    if (was === 'saving' || this.matches(':focus-within')) void this.focusOutcome();
  }

  /** Refused for good: back to the form, with what the supporter typed. */
  private refused(outcome: Outcome<'signatures'> & { status: 'refused' }, was: ActionPhase): void {
    if (was === 'saved-offline') {
      const body = outcome.entry.body;
      this.values = { ...EMPTY, ...body, optIn: !!body.optIn, website: '', consent: true };
    }
    this.view = errorCode(outcome.error) === 'petition_closed' ? 'closed' : 'form';
    this.fail(outcome.error);
  }

  private fail(error: unknown): void {
    const code = errorCode(error);
    const message = errorMessage(error);
    this.failure = message;
    if (error instanceof ActionError && error.issues.length)
      this.errors = fieldErrors(error.issues, this.wording);
    this.announcement = this.phase === 'closed' ? message : '';
    this.emit('w4r-error', { caseId: this.caseCtl.id, code, message });
    if (this.phase === 'closed') void this.focusOutcome();
    else void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
  }

  private reasonQueued(error: unknown): string {
    const code = errorCode(error);
    if (code === 'network' || code === 'timeout') return msg('You seem to be offline.');
    if (code === 'rate_limited') return errorMessage(error);
    return msg('The campaign server has a problem right now.');
  }

  private sourceDetail(): { source?: string } {
    const source = this.resolvedSource;
    return source ? { source } : {};
  }

  private async focusOutcome(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  /** The next petition on the page this browser has not signed yet. */
  private anotherCase(): string | undefined {
    const others = [...this.ownerDocument.querySelectorAll('w4r-petition')].filter(
      (petition) => petition !== this,
    );
    const ids = others.map((petition) => petition.getAttribute('case') ?? '').filter(Boolean);
    return ids.find((id) => !hasSigned(id));
  }

  private signAsSomeoneElse(): void {
    this.values = { ...EMPTY, country: this.values.country };
    this.errors = {};
    this.failure = undefined;
    this.receipt = undefined;
    this.startedAt = undefined;
    this.action.reset();
    this.view = 'form';
    void this.focusFirstField();
  }
}
