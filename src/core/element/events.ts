/**
 * Every event the widgets fire, with its `detail`. Events bubble and cross shadow roots so a partner
 * can hook analytics on `document`; a detail never carries personal data (no name, email or text).
 */
export interface W4rEventMap {
  /** A "Take action" call was pressed; `<w4r-campaign>` routes it to the case's petition. */
  'w4r-take-action': { caseId: string };
  /** A signature was counted (once per person, however often they sign), or saved to send when back online. */
  'w4r-signed': { caseId: string; status: 'counted' | 'queued'; source?: string };
  /** A message of solidarity was posted. */
  'w4r-message-posted': { caseId: string; status: 'approved' | 'pending' | 'queued'; source?: string };
  /** Letters were reported as written and sent. */
  'w4r-letter-sent': { caseId: string; count: number; kind: 'appeal' | 'card'; source?: string };
  /** A letter-writing event was announced: waiting for review, shown, or saved to send when back online. */
  'w4r-event-hosted': { caseId?: string; status: 'approved' | 'pending' | 'queued'; source?: string };
  /** "I'll come" was pressed for an event. */
  'w4r-event-joined': { eventId: string; status: 'counted' | 'queued' };
  /** An event's calendar file was asked for. */
  'w4r-event-calendar': { eventId: string };
  /** An event's host reported the letters written there. */
  'w4r-event-reported': { eventId: string; letters: number; status: 'counted' | 'queued' };
  /** The case was shared on a channel. */
  'w4r-shared': { caseId: string; channel: ShareChannel };
  /** Something the supporter tried did not work; `code` is the endpoint's or the client's. */
  'w4r-error': { caseId?: string; code: string; message: string };
}

export type ShareChannel = 'native' | 'x' | 'facebook' | 'whatsapp' | 'email' | 'copy';

export type W4rEventName = keyof W4rEventMap;
export type W4rEvent<K extends W4rEventName> = CustomEvent<W4rEventMap[K]>;

type W4rEvents = { [K in W4rEventName]: W4rEvent<K> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends W4rEvents {}
}

/** Fires a typed `w4r-…` event from `target` that bubbles out of every shadow root. */
export function emit<K extends W4rEventName>(
  target: EventTarget,
  name: K,
  detail: W4rEventMap[K],
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}
