import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import { CaseController } from '../../core/data/case-controller.js';
import { copyText } from '../../core/page/clipboard.js';
import { countryOfLocale, countryOptions } from '../../core/format/country.js';
import { canonicalLocale, textIn } from '../../core/locale/locale.js';
import { getLocale } from '../../core/locale/localization.js';
import { ActionError } from '../../core/data/action-error.js';
import {
  letterReport,
  type Case,
  type LetterReceipt,
  type LetterReport,
  type Stats,
} from '../../schema/index.js';
import type { Outbox, Outcome } from '../../core/data/outbox.js';
import { outbox } from '../../core/data/default-outbox.js';
import { newActionKey } from '../../core/data/action-key.js';
import { LiveStatsController } from '../../core/data/live-stats.js';
import { liveHub } from '../../core/data/live-hub.js';
import { formatNumber } from '../../core/format/format-number.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { formStyles, honeypotField, selectField, textField } from '../../core/forms/form-fields.js';
import {
  addressLang,
  BLANK,
  letterAddress,
  letterBody,
  letterLang,
  modeFor,
  type LetterMode,
} from './letter-template.js';
import { letterStyles } from './letter.styles.js';
import { LetterPhoto } from './letter-photo.js';
import { LetterPrint } from './letter-print.js';

type Phase = 'idle' | 'sending' | 'queued' | 'sent';

const sameLanguage = (a: string, b: string) =>
  a.split('-')[0]!.toLowerCase() === b.split('-')[0]!.toLowerCase();

/**
 * @summary Writes a letter to the authority (or a card to the person) from the case's template; print, copy, download; "I've sent my letter".
 *
 * The case's letter template is filled with the authority's name and title, the case and the writer's
 * name and city. The text stays editable; until the writer edits it by hand, it follows their name and
 * city; where the letter is in another language than the widget's words, a blank line to write on
 * stands in for them. The letter, its address and its date are marked with the language they are in
 * (the letter section's `lang`, else the case's). Printing prints only the letter, from the Print button
 * or the browser's own Print: inside the widget everything else is hidden under `@media print`, and
 * while printing the element carries a `printing` attribute and adds a constructed style sheet to the
 * page that hides every other part of the page and sets margins that fit A4 and US Letter. A page that
 * wants more (its own print header, say) can style `w4r-letter[printing]` or
 * `body:has(w4r-letter[printing]) …` under `@media print`.
 *
 * "I've sent my letter" reports the count once: a report that cannot be delivered now is saved on the
 * device and sent when the connection is back, and the widget says so, on this visit and the next,
 * instead of offering to report the same letters again. The thanks gives the campaign's total, kept
 * up to date while it shows.
 *
 * @csspart base - The whole widget.
 * @csspart letter - The letter as it prints: address, date and text.
 * @csspart address - The recipient's postal address.
 * @csspart body - The editable text.
 * @csspart actions - Print, copy and download.
 * @csspart send - Posting guidance and the "I've sent my letter" form.
 * @csspart photo - The optional photo of the letters.
 *
 * @cssproperty --w4r-color-surface - The letter's paper.
 * @cssproperty --w4r-color-accent - Buttons.
 *
 * @fires w4r-letter-sent - Letters were reported as sent; `detail.count`, `detail.kind` (`appeal` or `card`).
 * @fires w4r-error - `detail: { caseId, code, message }` when the endpoint refused the report for good.
 */
export class W4rLetter extends W4rElement {
  static override styles = [...W4rElement.styles, formStyles, letterStyles];

  /** The case id; with an endpoint, the case is loaded from it. */
  @property({ attribute: 'case' }) caseId?: string;

  /** The case itself, for pages that have it at hand. */
  @property({ attribute: false }) caseData?: Case;

  /** `appeal`, a letter to the authority (the default), or `card`, a card of solidarity to the person where the case has one. */
  @property({ reflect: true }) mode: LetterMode = 'appeal';

  /** Level of the widget's heading (1–6), to fit the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private writerName = '';
  @state() private writerCity = '';
  /** The text as the writer edited it, per mode; absent while it follows the template. */
  @state() private edits: Partial<Record<LetterMode, string>> = {};
  @state() private feedback?: { ok: boolean; text: string };
  @state() private count = 1;
  @state() private country?: string;
  @state() private phase: Phase = 'idle';
  @state() private reportError?: string;
  /** The numbers the endpoint answered the report with. */
  @state() private stats?: Stats;
  /** The honeypot: a person never sees it, so leaves it empty. */
  @state() private website = '';

  /** One key per report, kept across retries until it is counted, so it is counted once. */
  private reportKey?: string;
  /** Where the saved report was last looked for: `endpoint|case`. */
  private restoredFor?: string;
  private stopHearing?: () => void;
  private download?: { text: string; url: string };

  private readonly caseCtl = new CaseController(this, {
    reader: () => this.reader,
    locale: () => this.resolvedLocale,
  });

  private readonly photo = new LetterPhoto(this, () => this.resolvedEndpoint);
  private readonly printer = new LetterPrint(this);

  /** Once thanked, the campaign's total follows the endpoint's numbers as other letters are counted. */
  private readonly liveStats = new LiveStatsController(
    this,
    () => (this.givenLiveHub ?? liveHub).stats,
    () => (this.phase === 'sent' ? { endpoint: this.resolvedEndpoint, caseId: this.caseCtl.id } : {}),
  );

  private get outbox(): Outbox {
    return this.givenOutbox ?? outbox;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('caseId') || changed.has('caseData')) {
      this.edits = {};
      this.phase = 'idle';
      this.stats = undefined;
      this.reportKey = this.restoredFor = undefined;
      this.photo.reset();
    }
    const where = `${this.resolvedEndpoint}|${this.caseCtl.id}`;
    if (where !== this.restoredFor && this.phase !== 'sending') {
      this.restoredFor = where;
      this.restore();
    }
    this.country ??= countryOfLocale(this.locale, this.campaign?.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.outbox.start();
    this.stopHearing = this.outbox.onOutcome((outcome) => this.heard(outcome));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopHearing?.();
    if (this.download) URL.revokeObjectURL(this.download.url);
    this.download = undefined;
  }

  protected override render() {
    return this.caseCtl.task.render({
      initial: () => this.loading(),
      pending: () => (this.caseCtl.value ? this.renderLetter(this.caseCtl.value) : this.loading()),
      complete: (data) =>
        data.letter ? this.renderLetter(data) : this.status(msg('This case has no letter to write.')),
      error: (error) => html`<p part="base" class="error" role="alert">${errorMessage(error)}</p>`,
    });
  }

  /** A report of this case still waiting on the device (from this visit or an earlier one) is shown as saved. */
  private restore(): void {
    const endpoint = this.resolvedEndpoint;
    const id = this.caseCtl.id;
    const saved = endpoint && id ? this.outbox.pendingFor('letters', endpoint, id).at(-1) : undefined;
    if (saved) {
      this.reportKey = saved.key;
      this.count = saved.body.count;
      this.country = saved.body.country;
      this.phase = 'queued';
    } else if (this.phase === 'queued') {
      this.reportKey = undefined;
      this.phase = 'idle';
    }
  }

  private status(text: string) {
    return html`<p part="base" role="status">${text}</p>`;
  }

  private loading() {
    return html`<p part="base" role="status" aria-busy="true">${msg('Loading the letter…')}</p>`;
  }

  private heading(text: string, id?: string) {
    const level = headingLevel(this.headingLevel);
    return html`<div class="heading" role="heading" aria-level=${level} id=${id ?? nothing}>${text}</div>`;
  }

  /** The letter's text: as edited, else the template filled with what the writer told us. */
  private body(data: Case, mode: LetterMode): string {
    if (this.edits[mode] !== undefined) return this.edits[mode];
    const lang = letterLang(data);
    const ours = !lang || sameLanguage(lang, getLocale());
    return letterBody(data, mode, {
      name: this.writerName.trim() || (ours ? msg('[your name]') : BLANK),
      city: this.writerCity.trim() || (ours ? msg('[your city]') : BLANK),
    });
  }

  private renderLetter(data: Case) {
    const mode = modeFor(data, this.mode);
    const body = this.body(data, mode);
    const address = letterAddress(data, mode);
    const lang = letterLang(data);
    // The date is part of the letter, so it is written in the letter's language.
    const written = canonicalLocale(lang);
    const dateLocale = written && !sameLanguage(written, this.resolvedLocale) ? written : this.resolvedLocale;
    const date = new Intl.DateTimeFormat(dateLocale, { dateStyle: 'long' }).format(new Date());
    const printed = `${address}\n\n${date}\n\n${body}\n`;
    const text = textIn(lang);
    const to = textIn(addressLang(data, mode));
    return html`<section part="base" class="base" aria-labelledby="title" dir=${this.direction}>
      <div class="stack no-print">
        ${this.heading(
          mode === 'card' ? msg(str`Write a card to ${data.name}`) : msg(str`Write to ${data.target.name}`),
          'title',
        )}
        ${
          data.letter!.card
            ? html`<fieldset>
                <legend>${msg('What would you like to write?')}</legend>
                ${this.choice('appeal', msg('A letter to the authorities'), mode)}
                ${this.choice('card', msg(str`A card to ${data.name}`), mode)}
              </fieldset>`
            : nothing
        }
        <div class="fields" @input=${this.writerInput}>
          ${textField({ name: 'name', label: msg('Your name'), value: this.writerName, autocomplete: 'name', maxlength: 100 })}
          ${textField({ name: 'city', label: msg('Your town or city'), value: this.writerCity, autocomplete: 'address-level2', maxlength: 100 })}
        </div>
      </div>
      <article part="letter" class="letter" aria-label=${msg('Your letter')}>
        <p part="address" class="address" lang=${to.lang} dir=${to.dir}>${address}</p>
        <p class="date" lang=${text.lang}>${date}</p>
        <div class="field no-print">
          <label for="body">${msg('Your letter')}</label>
          <span class="hint" id="body-hint"
            >${msg('Change anything you like: your own words matter most.')}</span
          >
        </div>
        <textarea
          id="body"
          aria-describedby="body-hint"
          part="body"
          lang=${text.lang}
          dir=${text.dir}
          .value=${live(body)}
          @input=${(event: Event) =>
            (this.edits = { ...this.edits, [mode]: (event.target as HTMLTextAreaElement).value })}
        ></textarea>
        <div class="print-body" lang=${text.lang} dir=${text.dir}>${body}</div>
      </article>
      <div class="stack no-print">
        ${
          this.edits[mode] === undefined
            ? nothing
            : html`<button class="link-button" type="button" @click=${() => this.restart(mode)}>
                ${msg('Start again from the suggested text')}
              </button>`
        }
        <div part="actions" class="actions">
          <button class="button" type="button" @click=${() => this.printer.print()}>${msg('Print')}</button>
          <button class="button secondary" type="button" @click=${() => this.copy(body)}>
            ${msg('Copy text')}
          </button>
          <a
            class="button secondary"
            href=${this.downloadUrl(printed)}
            download=${`${mode === 'card' ? 'card' : 'letter'}-${data.id}.txt`}
            >${msg('Download (.txt)')}</a
          >
        </div>
        <p role="status" class=${this.feedback?.ok ? 'ok' : 'error'}>${this.feedback?.text ?? nothing}</p>
        ${this.renderSend(data, mode, address)}
      </div>
    </section>`;
  }

  private choice(value: LetterMode, label: string, mode: LetterMode) {
    return html`<label class="choice"
      ><input
        type="radio"
        name="mode"
        .checked=${live(mode === value)}
        @change=${() => (this.mode = value)}
      />${label}</label
    >`;
  }

  private readonly writerInput = (event: Event) => {
    const field = event.target as HTMLInputElement;
    if (field.id === 'name') this.writerName = field.value;
    if (field.id === 'city') this.writerCity = field.value;
  };

  private renderSend(data: Case, mode: LetterMode, address: string) {
    const to = textIn(addressLang(data, mode));
    const text = textIn(letterLang(data));
    const stats = this.liveStats.value ?? this.stats;
    return html`<section part="send" class="send stack" aria-labelledby="send-title">
      ${this.heading(msg('Send it'), 'send-title')}
      <p class="guidance">${msg('Post it to:')}<br /><span lang=${to.lang} dir=${to.dir}>${address}</span></p>
      ${data.letter!.postage ? html`<p lang=${text.lang} dir=${text.dir}>${data.letter!.postage}</p>` : nothing}
      ${
        this.phase === 'sent' && stats
          ? html`<div class="stack" tabindex="-1" id="thanks">
                <p class="ok" role="status">${msg('Thank you! Your letters are counted.')}</p>
                <p>
                  ${msg(
                    str`Letters written for ${data.name} so far: ${formatNumber(stats.letters, this.resolvedLocale)}.`,
                  )}
                </p>
              </div>
              ${this.photo.render(data.id)}`
          : this.phase === 'queued'
            ? html`<p class="ok" role="status" tabindex="-1" id="thanks">
                ${msg('Your report is saved on this device and will be sent automatically when you are back online.')}
              </p>`
            : html`<form class="stack" novalidate @submit=${(event: Event) => this.report(event, data, mode)}>
                <p>${msg('Posted it? Tell us, so the campaign can count every letter.')}</p>
                <div class="fields">
                  <div class="field">
                    <label for="count">${msg('Letters sent')}</label>
                    <input
                      id="count"
                      type="number"
                      inputmode="numeric"
                      min="1"
                      max="100"
                      required
                      .value=${live(String(this.count))}
                      @input=${(event: Event) =>
                        this.changeReport({ count: (event.target as HTMLInputElement).valueAsNumber })}
                    />
                  </div>
                  <div
                    @change=${(event: Event) =>
                      this.changeReport({ country: (event.target as HTMLSelectElement).value || undefined })}
                  >
                    ${selectField({
                      name: 'country',
                      label: msg('Posted from'),
                      value: this.country ?? '',
                      options: countryOptions(this.resolvedLocale),
                      placeholder: msg('Prefer not to say'),
                    })}
                  </div>
                </div>
                <div
                  @input=${(event: Event) =>
                    this.changeReport({ website: (event.target as HTMLInputElement).value })}
                >
                  ${honeypotField(this.website)}
                </div>
                ${this.reportError ? html`<p class="error" role="alert">${this.reportError}</p>` : nothing}
                <button class="button" type="submit" ?disabled=${this.phase === 'sending'}>
                  ${this.phase === 'sending' ? msg('Sending…') : msg('I’ve sent my letter')}
                </button>
              </form>`
      }
    </section>`;
  }

  private restart(mode: LetterMode): void {
    const edits = { ...this.edits };
    delete edits[mode];
    this.edits = edits;
  }

  private downloadUrl(text: string): string {
    if (this.download?.text !== text) {
      if (this.download) URL.revokeObjectURL(this.download.url);
      this.download = {
        text,
        url: URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })),
      };
    }
    return this.download.url;
  }

  private async copy(body: string): Promise<void> {
    this.feedback = undefined;
    await this.updateComplete;
    this.feedback = (await copyText(body, this.renderRoot))
      ? { ok: true, text: msg('Letter copied. Paste it into an email or a document.') }
      : { ok: false, text: msg('Copying did not work. Select the text of the letter and copy it yourself.') };
  }

  private changeReport(change: { count?: number; country?: string | undefined; website?: string }): void {
    Object.assign(this, change);
    // A report being sent keeps its key, so that its answer is heard and it is never sent again under a new one.
    if (this.phase !== 'sending') this.reportKey = undefined;
    this.reportError = undefined;
  }

  private async report(event: Event, data: Case, mode: LetterMode): Promise<void> {
    event.preventDefault();
    if (this.phase === 'sending') return;
    const report = letterReport.safeParse({
      count: this.count,
      country: this.country,
      kind: mode,
      source: this.resolvedSource,
      ...(this.website ? { website: this.website } : {}),
    });
    const endpoint = this.resolvedEndpoint;
    if (!report.success) {
      this.reportError = report.error.issues.some((issue) => issue.path[0] === 'count')
        ? msg('Enter how many letters you sent: a number from 1 to 100.')
        : errorMessage(new ActionError('http', 'validation_failed', ''));
      return;
    }
    if (!endpoint) {
      this.reportError = msg('This page cannot count letters: it has no campaign server.');
      return;
    }
    this.phase = 'sending';
    this.reportError = undefined;
    this.reportKey ??= newActionKey();
    // The outbox keeps the report until the endpoint has it, and tells `heard` how each attempt ends.
    await this.outbox.send({
      key: this.reportKey,
      kind: 'letters',
      endpoint,
      caseId: data.id,
      body: report.data,
    });
  }

  /** How an attempt to send this widget's report ended, ours or a later one of the outbox. */
  private heard(outcome: Outcome): void {
    const { entry } = outcome;
    if (entry.kind !== 'letters' || entry.key !== this.reportKey) return;
    const report = entry.body as LetterReport;
    // Focus follows the outcome only where the writer is: a report the outbox delivers later leaves it be.
    const follow = this.phase === 'sending' || this.matches(':focus-within');
    if (outcome.status === 'queued') {
      if (this.phase !== 'sending') return;
      this.phase = 'queued';
      void this.focusThanks();
      return;
    }
    this.reportKey = undefined;
    if (outcome.status === 'delivered') {
      const { stats } = outcome.receipt as LetterReceipt;
      this.stats = stats;
      this.phase = 'sent';
      this.emit('w4r-letter-sent', {
        caseId: entry.caseId,
        count: report.count,
        kind: report.kind ?? 'appeal',
        source: report.source,
      });
      if (follow) void this.focusThanks();
      return;
    }
    this.phase = 'idle';
    this.reportError = errorMessage(outcome.error);
    this.emit('w4r-error', {
      caseId: entry.caseId,
      code: errorCode(outcome.error),
      message: this.reportError,
    });
  }

  private async focusThanks(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#thanks')?.focus();
  }
}
