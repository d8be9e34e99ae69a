import { css } from 'lit';

export const letterStyles = css`
  .base,
  form,
  .stack {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .heading {
    font-family: var(--_heading-font-family);
    font-weight: var(--_heading-weight);
    font-size: 1.25em;
    line-height: 1.2;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-block-end: calc(var(--_space) * 0.25);
    font-weight: 600;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: var(--_space);
  }
  .letter {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .address,
  .print-body,
  .guidance {
    white-space: pre-line;
  }
  .print-body {
    display: none;
    white-space: pre-wrap;
  }
  .date {
    text-align: end;
  }
  textarea {
    min-block-size: 20rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .send {
    padding: var(--_space);
    background: var(--_color-surface-alt);
    border-radius: var(--_radius);
  }
  .hint {
    color: var(--_color-muted);
    font-size: 0.875em;
  }
  .ok {
    color: var(--_color-success);
    font-weight: 600;
  }
  .error {
    color: var(--_color-error);
    font-weight: 600;
  }
  .link-button {
    align-self: flex-start;
  }

  /* Printing shows the letter alone: the address, the date and the text as typed, on plain paper. */
  @media print {
    :host {
      max-inline-size: none;
      color: #000;
    }
    .no-print,
    textarea {
      display: none !important;
    }
    .print-body {
      display: block;
    }
    .letter {
      padding: 0;
      border: 0;
      background: none;
    }
  }
`;

/**
 * Added to the page only while the letter prints (a constructed sheet, so a strict CSP allows it):
 * hides everything on the page but the letter that is printing, and sets margins that fit A4 and Letter.
 */
export const pagePrintCss = `@page { size: auto; margin: 20mm 18mm; }
@media print {
  body :not(w4r-letter[printing], w4r-letter[printing] *, :has(w4r-letter[printing])) { display: none !important; }
}`;
