import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { W4rElement } from '../../core/w4r-element.js';

/**
 * @summary Reads and posts short messages of solidarity, live.
 */
export class W4rSolidarityWall extends W4rElement {
  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  protected override render() {
    return html``;
  }
}
