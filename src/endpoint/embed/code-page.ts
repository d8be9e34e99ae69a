/** `/embed`: a section picks a case and its widgets, sees the frame, and copies the code to paste. */
import { allLocales } from '../../generated/locale-codes.js';
import type { ErrorIssue } from '../../schema/error.js';
import { markup } from './html.js';
import { THEMES, WIDGETS, type EmbedQuery } from './query.js';

export interface CodePageOptions {
  campaignName: string;
  cases: readonly { id: string; name: string }[];
  /** The case chosen, if any. */
  caseId: string | undefined;
  query: EmbedQuery;
  issues: readonly ErrorIssue[];
  /** The embed page's address for the choice, and the snippets that show it. */
  src: string;
  iframe: string;
  shortcode: string;
}

const selected = (on: boolean) => (on ? markup` selected` : '');
const checked = (on: boolean) => (on ? markup` checked` : '');

function codeBlock(id: string, label: string, hint: string, code: string) {
  return markup`<div class="code">
    <label for="${id}">${label}</label>
    <p class="hint" id="${id}-hint">${hint}</p>
    <textarea id="${id}" readonly rows="4" aria-describedby="${id}-hint" spellcheck="false">${code}</textarea>
    <button type="button" data-copy="${id}">Copy</button>
    <span id="${id}-status" role="status"></span>
  </div>`;
}

export function codePage(options: CodePageOptions): string {
  const { query } = options;
  const chosen = options.cases.find((entry) => entry.id === options.caseId);
  return markup`<!doctype html>
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Embed a case — ${options.campaignName}</title>
        <link rel="stylesheet" href="/embed/frame.css" />
        <script src="/embed/code.js" type="module"></script>
      </head>
      <body>
        <main class="embed-code">
          <h1>Embed a case</h1>
          <p>
            Choose a case and what to show, then paste the code into any page, even one that allows no
            scripts.
          </p>
          ${
            options.issues.length > 0
              ? markup`<div role="alert">
                  <p>These choices cannot be used:</p>
                  <ul>
                    ${options.issues.map(
                      (issue) => markup`<li><code>${issue.path}</code>: ${issue.message}</li>`,
                    )}
                  </ul>
                </div>`
              : ''
          }
          <form method="get" action="/embed">
            <label for="case">Case</label>
            <select id="case" name="case">
              ${options.cases.map(
                (entry) =>
                  markup`<option value="${entry.id}" ${selected(entry.id === options.caseId)}>
                    ${entry.name}
                  </option>`,
              )}
            </select>
            <fieldset>
              <legend>Widgets</legend>
              ${WIDGETS.map(
                (widget) =>
                  markup`<label
                    ><input
                      type="checkbox"
                      name="widget"
                      value="${widget}"
                      ${checked(query.widgets.includes(widget))}
                    />
                    ${widget}</label
                  >`,
              )}
            </fieldset>
            <label for="locale">Language</label>
            <select id="locale" name="locale">
              <option value="">The campaign’s</option>
              ${allLocales.map((locale) => markup`<option${selected(locale === query.locale)}>${locale}</option>`)}
            </select>
            <label for="theme">Theme</label>
            <select id="theme" name="theme">
              ${THEMES.map((theme) => markup`<option${selected(theme === query.theme)}>${theme}</option>`)}
            </select>
            <label for="source">Source (your site’s name, to count your signatures)</label>
            <input id="source" name="source" value="${query.source ?? ''}" maxlength="64" />
            <button type="submit">Show the code</button>
          </form>
          ${
            chosen
              ? markup`<section aria-labelledby="code-heading">
                  <h2 id="code-heading">Code for ${chosen.name}</h2>
                  ${codeBlock('iframe-code', 'Any site (HTML)', 'The frame grows to its content where the page allows scripts; elsewhere it scrolls.', options.iframe)}
                  ${codeBlock('wordpress-code', 'WordPress with the w4r plugin', 'A shortcode for the classic editor; in the block editor, paste the page address below instead.', options.shortcode)}
                  ${codeBlock('address-code', 'Page address (oEmbed)', 'WordPress, Ghost and other oEmbed consumers turn this address into the frame.', options.src)}
                  <h2>Preview</h2>
                  <iframe src="${options.src}" title="${chosen.name}" class="preview"></iframe>
                </section>`
              : ''
          }
        </main>
      </body>
    </html> `.text;
}
