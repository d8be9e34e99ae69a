/**
 * The Content-Security-Policy of the endpoint's own pages (moderation, reports, opt-in confirmation):
 * their own scripts and styles, requests to this endpoint only, no forms posted elsewhere, framed by
 * this origin only. A page holding a token cannot send it anywhere else, whatever is injected.
 */
export const OWN_PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
