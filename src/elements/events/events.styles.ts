import { css } from 'lit';

export const eventsStyles = css`
  .heading {
    font-size: 1.25em;
    font-weight: 700;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .list {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* Rows off screen are not laid out or painted: a long list costs what is in view. */
  .event {
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
    display: grid;
    gap: 0.25em;
    padding: var(--_space);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .event p {
    margin: 0;
  }
  .title {
    font-weight: 700;
    font-size: 1.1em;
  }
  .disclosure {
    text-align: start;
    font-weight: inherit;
  }
  .when,
  .where {
    font-weight: 600;
  }
  .description {
    white-space: pre-line;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .field-row {
    --_row-field-size: 10rem;
  }
  .choice {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .choice legend {
    font-weight: 600;
    margin-block-end: 0.25em;
  }
  textarea {
    font: inherit;
  }
  .edit-link {
    overflow-wrap: anywhere;
  }
`;
