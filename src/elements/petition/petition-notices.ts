import { html, nothing, type TemplateResult } from 'lit';
import { literal, html as staticHtml } from 'lit/static-html.js';
import { msg, str } from '@lit/localize';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { formatNumber } from '../../core/format/format-number.js';
import { SAFE_HREF } from './petition-form.js';

const HEADINGS = [literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** A closing date without a time closes at the end of that day. */
export const closesAt = (closes: string) => Date.parse(/T/.test(closes) ? closes : `${closes}T23:59:59Z`);

export const loadingNotice = () =>
  html`<div part="base" class="petition" aria-busy="true">
    <p role="status">${msg('Loading the petition…')}</p>
  </div>`;

/** The case could not be loaded: why, and a way to try again. */
export const failedNotice = (error: unknown, retry: () => void) =>
  html`<div part="base failure" class="failure" role="alert">
    <p>${msg('We could not show this petition.')}</p>
    <p>${errorMessage(error)}</p>
    <button class="button secondary" type="button" @click=${retry}>${msg('Try again')}</button>
  </div>`;

/** What replaces the form: a heading that takes focus, its lines, and what follows them. */
export function notice(
  level: number,
  kind: string,
  title: string,
  lines: (string | undefined)[],
  extra: unknown = nothing,
): TemplateResult {
  const heading = HEADINGS[Math.min(level, 6) - 2];
  return html`<div part="notice" class="notice ${kind}">
    ${staticHtml`<${heading} class="outcome" tabindex="-1">${title}</${heading}>`}
    ${lines.filter(Boolean).map((line) => html`<p>${line}</p>`)} ${extra}
  </div>`;
}

export interface DoneOptions {
  level: number;
  /** Signed on this visit, rather than remembered from an earlier one. */
  counted: boolean;
  /** The signatures so far, when the endpoint just said. */
  signatures: number | undefined;
  locale: string;
  /** The case's own share buttons, shown when the page slots none. */
  share: TemplateResult;
  /** Where "Sign for another case" leads, when the page says. */
  anotherHref: string | undefined;
  /** Else another case with a petition on the page, to go to with `goTo`. */
  another: string | undefined;
  goTo: (caseId: string) => void;
  someoneElse: () => void;
}

/** The thanks, the same whether this email signed before or not: the page must not tell anyone which. */
export function doneNotice(o: DoneOptions): TemplateResult {
  // The public count moves in steps of at least 10 (so nobody learns from it who signed): below the
  // first step it reads 0, which would look as if this signature had not counted, so it is left out.
  const count = o.signatures ? formatNumber(o.signatures, o.locale) : undefined;
  const [title, line] = o.counted
    ? [msg('Thank you for signing!'), msg('Your signature is in. Each person is counted once.')]
    : [msg('You signed this petition'), msg('Thank you!')];
  return notice(
    o.level,
    'done',
    title,
    [
      line,
      count && o.counted ? msg(str`Signatures so far: ${count}.`) : undefined,
      msg('Share the case, so more people sign:'),
    ],
    html`<slot name="share">${o.share}</slot>
      <div class="actions">
        ${anotherCase(o)}
        <button class="button secondary" type="button" @click=${o.someoneElse}>
          ${msg('Sign as someone else')}
        </button>
      </div>`,
  );
}

function anotherCase({ anotherHref, another, goTo }: DoneOptions) {
  const href = anotherHref?.trim();
  if (href && SAFE_HREF.test(href))
    return html`<a class="button" href=${href}>${msg('Sign for another case')}</a>`;
  return another
    ? html`<button class="button" type="button" @click=${() => goTo(another)}>
        ${msg('Sign for another case')}
      </button>`
    : nothing;
}

/** A signature kept on the device, with why when it is known. */
export function queuedNotice(level: number, error: unknown): TemplateResult {
  const code = error === undefined ? undefined : errorCode(error);
  const reason =
    code === undefined
      ? undefined
      : code === 'network' || code === 'timeout'
        ? msg('You seem to be offline.')
        : code === 'rate_limited'
          ? errorMessage(error)
          : msg('The campaign server has a problem right now.');
  return notice(level, 'queued', msg('Your signature is saved'), [
    reason,
    msg(
      'It is kept on this device and sent automatically when you are back online. It will count only once.',
    ),
  ]);
}

/** A petition past its closing date, or closed by the endpoint. */
export function closedNotice(locale: string, closes?: string): TemplateResult {
  const date = closes
    ? new Intl.DateTimeFormat(locale, {
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
