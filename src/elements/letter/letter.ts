import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { W4rElement } from '../../core/w4r-element.js';

/**
 * @summary Writes a letter to the authority from the case's template.
 */
export class W4rLetter extends W4rElement {
  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  protected override render() {
    return html``;
  }
}
