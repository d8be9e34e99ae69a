import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { literal, html as staticHtml } from 'lit/static-html.js';
import { msg } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import { CaseController } from '../../core/data/case-controller.js';
import { ActionError } from '../../core/data/action-error.js';
import { ActionController, type ActionPhase } from '../../core/data/action-controller.js';
import type { Outcome } from '../../core/data/outbox.js';
import { hasSigned } from '../../core/data/signed.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { countryOfLocale } from '../../core/format/country.js';
import { addressee } from '../../core/format/addressee.js';
import { textIn } from '../../core/locale/locale.js';
import { speaks } from '../../core/locale/speaks.js';
import { focusPetition, petitionCases } from '../../core/page/take-action.js';
import { FormController } from '../../core/forms/form-controller.js';
import { focusFirstInvalid, formStyles, panelStyles } from '../../core/forms/form-fields.js';
import { signatureInput, type Case, type Stats } from '../../schema/index.js';
import { PETITION_FIELDS, petitionForm, petitionWording } from './petition-form.js';
import {
  closedNotice,
  closesAt,
  doneNotice,
  failedNotice,
  loadingNotice,
  queuedNotice,
} from './petition-notices.js';
import { petitionStyles } from './petition.styles.js';
import { SHOWN, type Phase, type View } from './petition-phase.js';

const HEADINGS = [literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/**
 * @summary Signs the case's petition and shows the count toward the goal.
 *
 * Shows the petition's text and who it is addressed to, the live count, and a short form. A signature
 * that cannot be delivered now is saved on the device and sent when the connection is back, counted
 * once. This browser remembers that it signed (a flag, no personal data) and says so on return.
 *
 * @slot share - Share buttons shown with the thanks once signed; without any, the case's own `<w4r-share>`.
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
 * @csspart share - The case's share buttons, when the page slots none.
 *
 * @fires w4r-signed - `detail: { caseId, status: 'queued' | 'counted', source }`; `queued` when saved to send later, then `counted` once the endpoint has it. A second signature with the same email is `counted` too, and counted once: no one learns from the page whether an email signed before.
 * @fires w4r-error - `detail: { caseId, code, message }` when the endpoint refused the signature or could not be reached for the case.
 */
export class W4rPetition extends W4rElement {
  static override styles = [...W4rElement.styles, panelStyles, formStyles, petitionStyles];

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
  /** Why a signature waits in the outbox, when known. */
  @state() private queuedError?: unknown;
  @state() private receipt?: Stats;
  /** What the status region says (announced by screen readers), besides the form's own. */
  @state() private announcement = '';

  private restoredFor?: string;
  private readonly caseCtl = new CaseController(this, {
    reader: () => this.reader,
    locale: () => this.resolvedLocale,
  });

  private readonly form = new FormController(this, {
    schema: signatureInput,
    fields: PETITION_FIELDS,
    wording: petitionWording,
    // The form's language goes along: a double opt-in's email is written in it.
    extra: () => ({
      ...(this.resolvedSource ? { source: this.resolvedSource } : {}),
      locale: this.resolvedLocale,
    }),
    minFill: () => this.reader,
    checkOnLeave: true,
  });

  private readonly action = new ActionController(this, 'signatures', () => this.actionTarget, {
    saved: (outcome, was) => this.saved(outcome, was),
    sent: (outcome, was) => this.counted(outcome, was),
    failed: (outcome, was) => this.refused(outcome, was),
  });

  protected override get caseIdForActions(): string | undefined {
    return this.caseCtl.id;
  }

  private get phase(): Phase {
    return SHOWN[this.action.phase] ?? this.view;
  }

  /** Puts the supporter in the first field (or on the message that replaces the form). */
  async focusFirstField(): Promise<void> {
    await this.caseCtl.task.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('form input:not([tabindex="-1"]), .outcome')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const id = this.caseCtl.id;
    const where = `${this.resolvedEndpoint}|${id}`;
    // On arrival: one this browser signed before (a signature still waiting is the action's).
    if (where !== this.restoredFor && this.phase !== 'sending' && id) {
      this.restoredFor = where;
      if (hasSigned(id)) this.view = 'remembered';
      else if (this.view !== 'closed') this.view = 'form';
    }
  }

  protected override render() {
    return this.caseCtl.task.render({
      initial: () => loadingNotice(),
      pending: () => (this.caseCtl.value ? this.renderPetition(this.caseCtl.value) : loadingNotice()),
      complete: (data) => this.renderPetition(data),
      error: (error) => failedNotice(error, () => void this.caseCtl.task.run()),
    });
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
      class="petition panel"
      aria-labelledby="heading"
      ${speaks(this.direction)}
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
              ${closed ? closedNotice(this.resolvedLocale, petition.closes) : this.renderPhase(level + 1, data)}`
          : html`<p part="notice" class="notice">${msg('There is no petition to sign for this case.')}</p>`
      }
      <p class="visually-hidden" role="status">${this.announcement || this.form.announcement}</p>
    </section>`;
  }

  private renderPhase(level: number, data: Case) {
    switch (this.phase) {
      case 'queued':
        return queuedNotice(level, this.queuedError);
      case 'counted':
      case 'remembered':
        return this.renderDone(level, data);
      default:
        return this.renderForm();
    }
  }

  private renderDone(level: number, data: Case) {
    // The case's own share buttons, for a page that slots none: loaded once a thanks first needs them.
    void import('../share/define.js');
    return doneNotice({
      level,
      counted: this.phase === 'counted',
      signatures: this.receipt?.signatures,
      locale: this.resolvedLocale,
      share: html`<w4r-share
        part="share"
        .caseData=${data}
        .endpoint=${this.resolvedEndpoint}
        .locale=${this.resolvedLocale}
        .source=${this.resolvedSource}
        .theme=${this.theme}
      ></w4r-share>`,
      anotherHref: this.anotherHref,
      // The next petition on the page this browser has not signed yet.
      another: petitionCases(this.ownerDocument, this).find((id) => !hasSigned(id)),
      goTo: (caseId) => focusPetition(this.ownerDocument, caseId),
      someoneElse: () => this.signAsSomeoneElse(),
    });
  }

  private renderForm() {
    return petitionForm({
      form: this.form,
      sending: this.phase === 'sending',
      country: countryOfLocale(this.locale, this.campaign?.locale, this.resolvedLocale),
      locale: this.resolvedLocale,
      privacyHref: this.privacyHref ?? this.campaign?.privacyHref,
      submit: (event) => void this.submit(event),
    });
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.phase === 'sending') return;
    this.announcement = '';
    const body = this.form.check();
    if (!body) return;
    if (!this.resolvedEndpoint) {
      this.fail(new ActionError('http', 'endpoint_missing', 'No endpoint to send the signature to.'));
      return;
    }
    this.announcement = msg('Signing…');
    void this.action.send(this.form.filled(body));
  }

  /** The signature could not be delivered yet: it waits on the device. */
  private saved(outcome: Outcome<'signatures'> & { status: 'queued' }, was: ActionPhase): void {
    this.queuedError = outcome.error;
    if (was !== 'saving') return;
    this.announcement = msg('Your signature is saved');
    this.emit('w4r-signed', { caseId: outcome.entry.caseId, status: 'queued', ...this.sourceDetail });
    void this.focusOutcome();
  }

  private counted(outcome: Outcome<'signatures'> & { status: 'delivered' }, was: ActionPhase): void {
    this.receipt = outcome.receipt.stats;
    this.announcement = msg('Thank you for signing!');
    this.emit('w4r-signed', { caseId: outcome.entry.caseId, status: 'counted', ...this.sourceDetail });
    if (was === 'saving' || this.matches(':focus-within')) void this.focusOutcome();
  }

  /** Refused for good: back to the form, with what the supporter typed. */
  private refused(outcome: Outcome<'signatures'> & { status: 'refused' }, was: ActionPhase): void {
    this.view = errorCode(outcome.error) === 'petition_closed' ? 'closed' : 'form';
    if (was === 'saved-offline') void this.form.fill({ ...outcome.entry.body, website: '', consent: true });
    this.fail(outcome.error);
  }

  private fail(error: unknown): void {
    const code = errorCode(error);
    const message = errorMessage(error);
    this.form.failure = message;
    if (error instanceof ActionError && error.issues.length) this.form.showIssues(error.issues);
    this.announcement = this.phase === 'closed' ? message : '';
    this.emit('w4r-error', { caseId: this.caseCtl.id, code, message });
    if (this.phase === 'closed') void this.focusOutcome();
    else void this.updateComplete.then(() => focusFirstInvalid(this.renderRoot));
  }

  private async focusOutcome(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  private signAsSomeoneElse(): void {
    this.form.clear();
    this.receipt = undefined;
    this.action.reset();
    this.view = 'form';
    void this.focusFirstField();
  }
}
