import { defineElement } from '../../core/define.js';
import { W4rPetition } from './petition.js';

defineElement('w4r-petition', W4rPetition);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-petition': W4rPetition;
  }
}
