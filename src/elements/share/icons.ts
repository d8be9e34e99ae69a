import { svg } from 'lit';
import type { ShareChannel } from '../../core/element/events.js';

// Small 24×24 glyphs drawn in currentColor, so they follow the theme and forced colours. Brand marks
// are filled; the rest are strokes. Only "share" points a way, so only it is mirrored in right-to-left.
const PATHS: Record<ShareChannel, string> = {
  native: 'M14 5l7 7-7 7M20.5 12H10a7 7 0 0 0-7 7',
  x: 'M18.9 1.2h3.7l-8 9.1 9.4 12.5h-7.4l-5.8-7.6-6.6 7.6H.5l8.6-9.8L0 1.2h7.6l5.2 6.9zm-1.3 19.4h2L6.5 3.2H4.3z',
  facebook:
    'M13.5 22v-8.2h2.8l.4-3.3h-3.2V8.4c0-.9.3-1.6 1.6-1.6h1.7V3.9c-.3 0-1.3-.1-2.5-.1-2.5 0-4.2 1.5-4.2 4.3v2.4H7.3v3.3h2.8V22z',
  whatsapp:
    'M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zM8.6 6.9c.3-.3.9-.3 1.1.1l1 1.6c.2.4.1.8-.2 1.1l-.6.5c.6 1.3 1.6 2.3 2.9 2.9l.5-.6c.3-.3.7-.4 1.1-.2l1.6 1c.4.2.4.8.1 1.1-1 1-2.4 1.1-3.6.5a9 9 0 0 1-4.4-4.4c-.6-1.2-.5-2.6.5-3.6z',
  email: 'M3 5h18v14H3zm0 1 9 7 9-7',
  copy: 'M10 14a4.2 4.2 0 0 0 6 0l3-3a4.2 4.2 0 0 0-6-6l-1 1m2 4a4.2 4.2 0 0 0-6 0l-3 3a4.2 4.2 0 0 0 6 6l1-1',
};

const FILLED = new Set<ShareChannel>(['x', 'facebook', 'whatsapp']);

/** The channel's icon, hidden from assistive technology: the link's text names it. */
export const icon = (channel: ShareChannel) =>
  svg`<svg class="icon ${channel}" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path class=${FILLED.has(channel) ? 'fill' : 'stroke'} fill-rule="evenodd" d=${PATHS[channel]}></path></svg>`;
