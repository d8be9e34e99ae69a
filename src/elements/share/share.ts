import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { W4rElement } from '../../core/w4r-element.js';

/**
 * @summary Shares the case: Web Share where the browser has it, or links to each channel.
 */
export class W4rShare extends W4rElement {
  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  protected override render() {
    return html``;
  }
}
