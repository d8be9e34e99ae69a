import { css } from 'lit';

export const solidarityWallStyles = css`
  :host {
    --_wall-block-size: var(--w4r-wall-block-size, 32rem);
  }
  .wall {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_color-surface);
    border-radius: var(--_radius);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  .total,
  .counter,
  .meta,
  .end {
    color: var(--_color-muted);
    font-size: 0.875em;
  }
  .form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .failure,
  .counter.over {
    color: var(--_color-error);
  }
  .posted {
    color: var(--_color-success);
    font-weight: 600;
  }
  .failure:empty,
  .posted:empty {
    display: none;
  }
  .frame {
    position: relative;
  }
  .new {
    position: absolute;
    z-index: 1;
    inset-block-start: 0.5rem;
    inset-inline: 0;
    margin-inline: auto;
    inline-size: max-content;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
  }
  .scroller {
    block-size: var(--_wall-block-size);
    overflow-y: auto;
    overscroll-behavior: contain;
    overflow-anchor: none;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface-alt);
  }
  /* Nothing to scroll through: the box is as tall as what it says. */
  .scroller.compact {
    block-size: auto;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(var(--_columns, 1), minmax(0, 1fr));
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.5);
    padding-block-end: 0;
  }
  .message {
    display: grid;
    gap: 0.25rem;
    align-content: start;
    padding: calc(var(--_space) * 0.75);
    background: var(--_color-surface);
    border-radius: var(--_radius);
    border: 1px solid transparent;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
  }
  .name {
    color: var(--_color-text);
    font-weight: 700;
  }
  .text {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .name,
  .country {
    overflow-wrap: anywhere;
  }
  .end {
    padding: var(--_space);
    text-align: center;
  }
  .end .button {
    margin-block-start: 0.5rem;
  }
`;
