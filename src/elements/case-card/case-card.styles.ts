import { css } from 'lit';

export const caseCardStyles = css`
  :host {
    --_media-size: var(--w4r-case-card-media-size, 12rem);
    --_compact-media-size: var(--w4r-case-card-compact-media-size, 5rem);
    container-type: inline-size;
  }

  .card {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_color-surface);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    min-block-size: 12rem;
  }

  .media {
    flex: 0 0 var(--_media-size);
    inline-size: var(--_media-size);
    max-inline-size: 100%;
  }

  .media img,
  .placeholder {
    display: block;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: 1;
    object-fit: cover;
    border-radius: var(--_radius);
  }

  .placeholder {
    display: grid;
    place-items: center;
    background: var(--_color-accent);
    color: var(--_color-on-accent);
    font-family: var(--_heading-font-family);
    font-weight: var(--_heading-weight);
    font-size: calc(var(--_media-size) / 3);
    line-height: 1;
    letter-spacing: 0.05em;
    user-select: none;
  }

  .body {
    flex: 1 1 16rem;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) * 0.5);
  }

  .name {
    font-size: 1.5em;
    overflow-wrap: anywhere;
  }

  .country {
    order: -1;
    color: var(--_color-muted);
    font-size: 0.875em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.06em;
  }

  .headline {
    font-weight: 700;
    font-size: 1.125em;
  }

  .toggle {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 600;
  }

  .chevron {
    display: inline-block;
    inline-size: 0.5em;
    block-size: 0.5em;
    border-block-end: 2px solid currentColor;
    border-inline-end: 2px solid currentColor;
    transform: rotate(45deg);
    transition: transform 0.2s ease;
  }

  .toggle[aria-expanded='true'] .chevron {
    transform: rotate(-135deg);
  }

  /* The borders are logical, so right-to-left turns the other way to point down (and up). */
  .chevron:dir(rtl) {
    transform: rotate(-45deg);
  }

  .toggle[aria-expanded='true'] .chevron:dir(rtl) {
    transform: rotate(135deg);
  }

  .story {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }

  .ask {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    inline-size: 100%;
    padding-block: calc(var(--_space) * 0.75);
    padding-inline: var(--_space);
    border-inline-start: 4px solid var(--_color-accent);
    background: var(--_color-surface-alt);
  }

  .ask-heading {
    font-size: 1em;
  }

  .target {
    font-weight: 600;
  }

  .actions {
    margin-block-start: calc(var(--_space) * 0.5);
  }

  :host([layout='compact']) .card {
    flex-wrap: nowrap;
    align-items: flex-start;
    min-block-size: 8rem;
  }

  :host([layout='compact']) .media {
    flex-basis: var(--_compact-media-size);
    inline-size: var(--_compact-media-size);
  }

  :host([layout='compact']) .placeholder {
    font-size: calc(var(--_compact-media-size) / 3);
  }

  :host([layout='compact']) .name {
    font-size: 1.25em;
  }

  @container (max-inline-size: 28rem) {
    :host(:not([layout='compact'])) .media {
      flex-basis: 100%;
      inline-size: 100%;
    }
    :host(:not([layout='compact'])) .placeholder {
      aspect-ratio: 3 / 1;
    }
  }

  .skeleton .line {
    block-size: 1em;
    inline-size: 100%;
    border-radius: var(--_radius);
  }

  .skeleton .title {
    block-size: 1.75em;
    inline-size: 70%;
  }

  .skeleton .short {
    inline-size: 45%;
  }

  .shimmer {
    background: var(--_color-surface-alt);
    animation: pulse 1.5s ease-in-out infinite;
  }

  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }

  .error .body {
    gap: calc(var(--_space) * 0.5);
  }

  .error-title {
    font-weight: 700;
    color: var(--_color-error);
  }

  @media (forced-colors: active) {
    .placeholder {
      border: 1px solid CanvasText;
    }
  }
`;
