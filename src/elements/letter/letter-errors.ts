import { msg } from '@lit/localize';
import { ActionError } from '../../core/action-client.js';

/** What went wrong, in words a supporter can act on. */
export function explainError(error: unknown): string {
  const code = error instanceof ActionError ? error.code : 'network';
  switch (code) {
    case 'network':
    case 'timeout':
      return msg('The campaign server could not be reached. Check your connection and try again.');
    case 'rate_limited':
      return msg('Many people are taking part right now. Please wait a minute and try again.');
    case 'payload_too_large':
      return msg('This photo is too large. Choose one under 5 MB.');
    case 'unsupported_media_type':
      return msg('This file is not a JPEG, PNG or WebP photo.');
    case 'not_found':
    case 'case_not_found':
    case 'http_404':
      return msg('This case could not be found. It may have ended.');
    case 'case_missing':
    case 'endpoint_missing':
    case 'invalid_case':
      return msg('This page does not say which case to show, or where to load it from.');
    default:
      return msg('The campaign server had a problem. Please try again in a moment.');
  }
}
