import { defineElement } from '../../core/element/define.js';
import { W4rEvents } from './events.js';

defineElement('w4r-events', W4rEvents);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-events': W4rEvents;
  }
}
