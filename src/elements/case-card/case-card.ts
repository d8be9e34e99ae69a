import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { W4rElement } from '../../core/w4r-element.js';

/**
 * @summary The person at risk: photo, name, country, summary, story, the ask and a call to action.
 */
export class W4rCaseCard extends W4rElement {
  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  protected override render() {
    return html``;
  }
}
