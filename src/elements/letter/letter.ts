import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import { CaseController } from '../../core/data/case-controller.js';
import { copyText } from '../../core/page/clipboard.js';
import { canonicalLocale, textIn } from '../../core/locale/locale.js';
import { getLocale } from '../../core/locale/localization.js';
import type { Case } from '../../schema/index.js';
import { errorMessage } from '../../core/format/error-messages.js';
import { formStyles, textField } from '../../core/forms/form-fields.js';
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
import { LetterReportForm } from './letter-report.js';
import { LetterPrint } from './letter-print.js';

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
  private download?: { text: string; url: string };

  private readonly caseCtl = new CaseController(this, {
    reader: () => this.reader,
    locale: () => this.resolvedLocale,
  });

  private readonly report = new LetterReportForm(this, {
    target: () => this.actionTarget,
    source: () => this.resolvedSource,
    locale: () => this.resolvedLocale,
    locales: () => [this.locale, this.campaign?.locale],
    liveHub: () => this.services.liveHub,
  });
  private readonly photo = new LetterPhoto(this, () => this.actionTarget);
  private readonly printer = new LetterPrint(this);

  protected override get caseIdForActions(): string | undefined {
    return this.caseCtl.id;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('caseId') || changed.has('caseData')) {
      this.edits = {};
      this.photo.reset();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.download) URL.revokeObjectURL(this.download.url);
    this.download = undefined;
  }

  protected override render() {
    return this.caseCtl.task.render({
      initial: () => this.loading(),
      pending: () => (this.caseCtl.value ? this.renderCase(this.caseCtl.value) : this.loading()),
      complete: (data) => this.renderCase(data),
      error: (error) => html`<p part="base" class="error" role="alert">${errorMessage(error)}</p>`,
    });
  }

  private renderCase(data: Case) {
    return data.letter ? this.renderLetter(data) : this.status(msg('This case has no letter to write.'));
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
    return html`<section part="send" class="send stack" aria-labelledby="send-title">
      ${this.heading(msg('Send it'), 'send-title')}
      <p class="guidance">${msg('Post it to:')}<br /><span lang=${to.lang} dir=${to.dir}>${address}</span></p>
      ${data.letter!.postage ? html`<p lang=${text.lang} dir=${text.dir}>${data.letter!.postage}</p>` : nothing}
      ${this.report.render(data, mode, this.photo.render())}
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
}
