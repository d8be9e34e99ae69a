import { defineElement } from '../../core/element/define.js';
import { W4rCaseCard } from './case-card.js';

defineElement('w4r-case-card', W4rCaseCard);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-case-card': W4rCaseCard;
  }
}
