/** The Content-Security-Policy of the endpoint's embed pages: its own scripts, styles and requests only. */

/** `frame-ancestors` from the campaign's `origins`: any page for `*`, else this endpoint and those origins. */
export function frameAncestors(origins: readonly string[]): string {
  return origins.includes('*') ? '*' : ["'self'", ...origins].join(' ');
}

interface PolicyOptions {
  /** Who may frame the page. */
  frameAncestors: string;
  /** Where a form on the page may send to (`'none'`: nowhere; the widgets send with scripts). */
  formAction?: string;
  /** What the page may frame itself (`'none'`: nothing). */
  frameSrc?: string;
}

/** Scripts, styles, strings and images from this endpoint only, requests to it only, no `<base>`. */
export function pagePolicy(options: PolicyOptions): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${options.frameSrc ?? "'none'"}`,
    "base-uri 'none'",
    `form-action ${options.formAction ?? "'none'"}`,
    `frame-ancestors ${options.frameAncestors}`,
  ].join('; ');
}

/** The embed page and its error pages: framed by the campaign's partners. */
export const embedPolicy = (origins: readonly string[]) =>
  pagePolicy({ frameAncestors: frameAncestors(origins) });
