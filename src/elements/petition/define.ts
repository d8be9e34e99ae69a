import { defineElement } from '../../core/element/define.js';
import { W4rPetition } from './petition.js';
// The petition shows its count with a counter.
import '../counter/define.js';
// With no share buttons of the page's, it shows the case's own once signed.
import '../share/define.js';

defineElement('w4r-petition', W4rPetition);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-petition': W4rPetition;
  }
}
