import { msg } from '@lit/localize';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';

/**
 * What went wrong with an event's action, in plain words: the events' own refusals here, the rest in
 * the words every widget uses (kept out of the shared module, which every page loads).
 */
export function eventErrorMessage(error: unknown): string {
  switch (errorCode(error)) {
    case 'forbidden':
      return msg('This private link is not valid. Use the link you got when you announced the event.');
    case 'not_approved':
      return msg('The campaign team has not approved this event yet. Try again once it is shown.');
    case 'gathering_over':
      return msg('This event is over.');
    case 'gathering_full':
      return msg('This event is full: as many people as it has room for are coming.');
    default:
      return errorMessage(error);
  }
}
