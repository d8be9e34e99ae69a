import { msg } from '@lit/localize';
import { ActionError } from '../data/action-error.js';

/** The code of what went wrong: the endpoint's (`petition_closed`, …) or the client's (`network`, …). */
export const errorCode = (error: unknown): string => (error instanceof ActionError ? error.code : 'network');

/** Codes said in the same words as another's. */
const SAME_AS: Partial<Record<string, string>> = {
  timeout: 'network',
  invalid_json: 'validation_failed',
  case_not_found: 'not_found',
  http_404: 'not_found',
};

/** Words for codes, each asked for when needed, so that they are in the page's current language. */
export type ErrorWords = Partial<Record<string, () => string>>;

/** The words for each code, asked for when needed, so that they are in the page's current language. */
const WORDS: ErrorWords = {
  network: () => msg('The campaign server could not be reached. Check your connection and try again.'),
  validation_failed: () => msg('Some of the details are not right. Check the form and try again.'),
  looks_automated: () =>
    msg('That was very fast, so it looked automated. Please wait a moment and try again.'),
  petition_closed: () => msg('This petition has closed and takes no more signatures.'),
  rate_limited: () => msg('Many people are taking action right now. Please try again in a minute.'),
  origin_not_allowed: () =>
    msg('This site is not allowed to send actions to the campaign. The site owner can fix this.'),
  not_found: () => msg('This case could not be found. Its campaign may have ended.'),
  payload_too_large: () => msg('What you sent is too large. Shorten the text or choose a smaller file.'),
  unsupported_media_type: () => msg('That kind of file cannot be sent.'),
  endpoint_missing: () =>
    msg('This page does not say where to send your action. The site owner can fix this.'),
  case_missing: () => msg('This page does not say which case to show, or where to load it from.'),
  invalid_case: () =>
    msg(
      'The case information on this page is incomplete. The page owner can find details in the browser console.',
    ),
};

/**
 * What went wrong with an action or with loading a case, in plain, translated words for the supporter,
 * from the endpoint's error code (`petition_closed`, `rate_limited`, …) or the client's (`network`,
 * `timeout`, `case_missing`, `invalid_case`); any other code is a problem of the campaign server's.
 * A widget's `own` words for its own codes come first (kept in its chunk, out of every page's).
 */
export function errorMessage(error: unknown, own: ErrorWords = {}): string {
  const code = errorCode(error);
  const words = own[code] ?? WORDS[SAME_AS[code] ?? code];
  return words ? words() : msg('The campaign server had a problem. Please try again in a moment.');
}
