import type { ActionPhase } from '../../core/data/action-controller.js';

/** Where the petition is: its form, sending, saved to send later, signed, or closed. */
export type Phase = 'form' | 'sending' | 'queued' | 'counted' | 'remembered' | 'closed';
/** What the petition shows while no signature of this visit is on its way or counted. */
export type View = 'form' | 'remembered' | 'closed';

/** The petition's phase while its signature is in one of these phases of sending. */
export const SHOWN: Partial<Record<ActionPhase, Phase>> = {
  saving: 'sending',
  'saved-offline': 'queued',
  sent: 'counted',
};
