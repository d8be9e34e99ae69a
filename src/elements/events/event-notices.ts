import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatNumber } from '../../core/format/format-number.js';
import { textIn } from '../../core/locale/locale.js';
import type { PublicGathering } from '../../schema/gathering.js';
import type { Hosted } from './host-form.js';

/** The thanks for a report of `letters` letters. */
export function reportedText(letters: number, locale: string): string {
  const count = formatNumber(letters, locale);
  return msg(str`Thank you! ${count} letters are counted.`);
}

/** What became of the event announced, and the host's private link once the endpoint has it. */
export function hostedNotice(hosted: Hosted, back: TemplateResult) {
  const [title, line] =
    hosted.status === 'queued'
      ? [msg('Your event is saved'), msg('It is kept on this device and sent when you are back online.')]
      : hosted.status === 'pending'
        ? [
            msg('Thank you! Your event was sent'),
            msg('The campaign team will check it, then it is shown here.'),
          ]
        : [msg('Thank you! Your event is announced'), msg('It is shown with the other events now.')];
  return html`<div part="notice" class="notice">
    <p class="outcome" tabindex="-1"><strong>${title}</strong></p>
    <p>${line}</p>
    ${
      hosted.link
        ? html`<p>
              ${msg('Keep this private link: after the event, it lets you report the letters written, and correct the report.')}
            </p>
            <p><a class="edit-link" href=${hosted.link}>${hosted.link}</a></p>`
        : nothing
    }
    ${back}
  </div>`;
}

export interface ReportViewOptions {
  /** The event, once loaded. */
  gathering?: PublicGathering | undefined;
  /** Why the event cannot be reported on, when it cannot. */
  error?: string | undefined;
  /** The letters of the report counted (or saved to send later), once there is one. */
  done?: number | undefined;
  level: number;
  locale: string;
  form(gathering: PublicGathering): TemplateResult;
  back: TemplateResult;
}

/** The host's report, opened from the private edit link: the event, the thanks once sent, the form. */
export function reportView({ gathering, error, done, level, locale, form, back }: ReportViewOptions) {
  const text = textIn(gathering?.lang);
  return html`<div class="report">
    <div role="heading" aria-level=${Math.min(level, 6)} class="heading">
      ${msg('Report the letters of your event')}
    </div>
    ${gathering ? html`<p><bdi lang=${text.lang} dir=${text.dir}>${gathering.title}</bdi></p>` : nothing}
    ${error ? html`<p part="failure" class="failure" role="alert">${error}</p>` : nothing}
    ${!gathering && !error ? html`<p role="status">${msg('Loading the events…')}</p>` : nothing}
    ${
      done !== undefined
        ? html`<div part="notice" class="notice">
            <p class="outcome" tabindex="-1"><strong>${reportedText(done, locale)}</strong></p>
            <p>${msg('You can correct the numbers with the same link.')}</p>
          </div>`
        : nothing
    }
    ${gathering ? form(gathering) : nothing} ${back}
  </div>`;
}
