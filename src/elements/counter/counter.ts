import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { W4rElement } from '../../core/w4r-element.js';

/**
 * @summary Live count and progress toward the goal.
 */
export class W4rCounter extends W4rElement {
  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  protected override render() {
    return html``;
  }
}
