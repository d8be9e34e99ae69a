import { defineElement } from '../../core/element/define.js';
import { W4rPetition } from './petition.js';
// The petition shows its count with a counter.
import '../counter/define.js';

defineElement('w4r-petition', W4rPetition);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-petition': W4rPetition;
  }
}
