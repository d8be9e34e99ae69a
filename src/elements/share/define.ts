import { defineElement } from '../../core/element/define.js';
import { W4rShare } from './share.js';

defineElement('w4r-share', W4rShare);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-share': W4rShare;
  }
}
