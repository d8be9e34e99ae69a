import { defineElement } from '../../core/element/define.js';
import { W4rCounter } from './counter.js';

defineElement('w4r-counter', W4rCounter);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-counter': W4rCounter;
  }
}
