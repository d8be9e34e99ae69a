import { defineElement } from '../../core/element/define.js';
import { W4rSolidarityWall } from './solidarity-wall.js';

defineElement('w4r-solidarity-wall', W4rSolidarityWall);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-solidarity-wall': W4rSolidarityWall;
  }
}
