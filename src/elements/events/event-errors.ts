import { msg } from '@lit/localize';
import { errorMessage } from '../../core/format/error-messages.js';

/** The events' own refusals, in plain words. */
const EVENT_WORDS = {
  forbidden: () => msg('This private link is not valid. Use the link you got when you announced the event.'),
  not_approved: () => msg('The campaign team has not approved this event yet. Try again once it is shown.'),
  gathering_over: () => msg('This event is over.'),
  gathering_full: () => msg('This event is full: as many people as it has room for are coming.'),
};

/** What went wrong with an event's action: the events' own refusals, the rest in every widget's words. */
export const eventErrorMessage = (error: unknown): string => errorMessage(error, EVENT_WORDS);
