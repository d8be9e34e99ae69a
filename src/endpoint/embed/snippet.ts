/** The HTML a partner pastes: the iframe, and the optional script that sizes it to its content. */
import { markup, type Html } from './html.js';

/** The iframe's height when nothing sizes it: the default widgets scroll inside it on a phone. */
export const FIXED_HEIGHT = 900;
/** Widest the widgets lay out (their `--w4r-max-inline-size`, 40rem, with the page's padding). */
export const MAX_WIDTH = 680;

export interface SnippetOptions {
  /** The embed page's address. */
  src: string;
  /** What the frame holds, for screen readers: the case's name. */
  title: string;
  width?: number | undefined;
  height?: number | undefined;
}

export function iframeHtml(options: SnippetOptions): Html {
  const width = options.width ? `${options.width}px` : '100%';
  // One line: some editors turn a line break inside a pasted tag into a paragraph.
  const { src, title } = options;
  const height = options.height ?? FIXED_HEIGHT;
  return markup`<iframe src="${src}" title="${title}" width="${options.width ?? '100%'}" height="${height}" style="border:0;width:${width};max-width:100%" loading="lazy" allow="web-share; clipboard-write" data-w4r-embed></iframe>`;
}

/** The iframe and `embed.js`, which grows and shrinks it to its content where scripts are allowed. */
export function embedSnippet(origin: string, options: SnippetOptions): string {
  return `${iframeHtml(options).text}\n${markup`<script src="${origin}/embed.js" async></script>`.text}`;
}
