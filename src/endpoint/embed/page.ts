/** The pages `/embed/:case` serves: the widgets for one case, or a refusal in words. */
import { directionOf } from '../../schema/direction.js';
import type { ErrorIssue } from '../../schema/error.js';
import { markup, type Html } from './html.js';
import type { EmbedQuery } from './query.js';

export interface EmbedPageOptions {
  caseId: string;
  /** The case's name in the page's language, for the title. */
  caseName: string;
  campaignName: string;
  query: EmbedQuery;
  /** The page's language when the query names none: the campaign's. */
  lang: string;
  /** The oEmbed address that describes this page. */
  oembed: string;
}

function head(title: string, extra: Html | string = ''): Html {
  return markup`<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/embed/frame.css" />
    ${extra}`;
}

export function embedPage(options: EmbedPageOptions): string {
  const { query } = options;
  const lang = query.locale ?? options.lang;
  const dir = directionOf(lang);
  const widgets = query.widgets.map(
    (widget) => markup`<w4r-${widget} case="${options.caseId}"></w4r-${widget}>`,
  );
  const title = `${options.caseName} — ${options.campaignName}`;
  return markup`<!doctype html>
    <html lang="${lang}" dir="${dir}">
      <head>
        ${head(
          title,
          markup`<link
              rel="alternate"
              type="application/json+oembed"
              href="${options.oembed}"
              title="${title}"
            />
            <script src="/w4r.js" defer></script>
            <script src="/embed/frame.js" defer></script>`,
        )}
      </head>
      <body>
        <w4r-campaign
          endpoint="/"
          locale="${lang}"
          ${query.theme === 'default' ? '' : markup` theme="${query.theme}"`}${query.source ? markup` source="${query.source}"` : ''}
        >
          ${widgets}
        </w4r-campaign>
        <noscript><p>Turn on JavaScript to see this case and sign its petition.</p></noscript>
      </body>
    </html> `.text;
}

/** A refusal the person who pasted the embed can read in the frame itself. */
export function errorPage(title: string, message: string, issues: readonly ErrorIssue[] = []): string {
  return markup`<!doctype html>
    <html lang="en" dir="ltr">
      <head>
        ${head(title)}
      </head>
      <body>
        <main class="refusal">
          <h1>${title}</h1>
          <p>${message}</p>
          ${
            issues.length > 0
              ? markup`<ul>
                  ${issues.map((issue) => markup`<li><code>${issue.path}</code>: ${issue.message}</li>`)}
                </ul>`
              : ''
          }
        </main>
      </body>
    </html> `.text;
}
