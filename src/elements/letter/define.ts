import { defineElement } from '../../core/element/define.js';
import { W4rLetter } from './letter.js';

defineElement('w4r-letter', W4rLetter);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-letter': W4rLetter;
  }
}
