import { msg } from '@lit/localize';
import { ActionError } from '../data/action-error.js';

/** The code of what went wrong: the endpoint's (`petition_closed`, …) or the client's (`network`, …). */
export const errorCode = (error: unknown): string => (error instanceof ActionError ? error.code : 'network');

/**
 * What went wrong with an action or with loading a case, in plain, translated words for the supporter,
 * from the endpoint's error code (`petition_closed`, `rate_limited`, …) or the client's (`network`,
 * `timeout`, `case_missing`, `invalid_case`).
 */
export function errorMessage(error: unknown): string {
  switch (errorCode(error)) {
    case 'network':
    case 'timeout':
      return msg('The campaign server could not be reached. Check your connection and try again.');
    case 'validation_failed':
    case 'invalid_json':
      return msg('Some of the details are not right. Check the form and try again.');
    case 'looks_automated':
      return msg('That was very fast, so it looked automated. Please wait a moment and try again.');
    case 'petition_closed':
      return msg('This petition has closed and takes no more signatures.');
    case 'rate_limited':
      return msg('Many people are taking action right now. Please try again in a minute.');
    case 'origin_not_allowed':
      return msg('This site is not allowed to send actions to the campaign. The site owner can fix this.');
    case 'not_found':
    case 'case_not_found':
    case 'http_404':
      return msg('This case could not be found. Its campaign may have ended.');
    case 'payload_too_large':
      return msg('What you sent is too large. Shorten the text or choose a smaller file.');
    case 'unsupported_media_type':
      return msg('That kind of file cannot be sent.');
    case 'endpoint_missing':
      return msg('This page does not say where to send your action. The site owner can fix this.');
    case 'case_missing':
      return msg('This page does not say which case to show, or where to load it from.');
    case 'invalid_case':
      return msg(
        'The case information on this page is incomplete. The page owner can find details in the browser console.',
      );
    default:
      return msg('The campaign server had a problem. Please try again in a moment.');
  }
}
