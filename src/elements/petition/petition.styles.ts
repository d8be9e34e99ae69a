import { css } from 'lit';

export const petitionStyles = css`
  .target {
    font-weight: 600;
  }
  .text {
    margin: 0;
    padding-inline-start: var(--_space);
    border-inline-start: 4px solid var(--_color-accent);
    white-space: pre-line;
  }
  form {
    display: grid;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  .notice,
  .failure {
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 2px solid var(--_color-border);
  }
  .failure {
    border-color: var(--_color-error);
    color: var(--_color-error);
    font-weight: 600;
    margin-block-end: var(--_space);
  }
  .notice.done {
    border-color: var(--_color-success);
  }
  .outcome {
    font-size: 1.25em;
  }
  .outcome:focus {
    outline: none;
  }
  .outcome:focus-visible {
    outline: 3px solid var(--_color-focus);
  }
`;
