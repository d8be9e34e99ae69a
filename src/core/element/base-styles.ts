import { css } from 'lit';
import { themeTokens } from './theme.js';

/**
 * What every element's shadow root starts from: the theme tokens, a reset that keeps the host page's
 * CSS out, focus rings, buttons and fields. Logical properties only, so right-to-left just works.
 */
export const baseStyles = [
  themeTokens,
  css`
    :host {
      display: block;
      font-family: var(--_font-family);
      font-size: var(--_font-size);
      max-inline-size: var(--_max-inline-size);
    }
    /* A page's own \`* { … }\` rules reach the host element and beat :host, so what the shadow tree
       inherits is set again one level down. */
    :host,
    :host > * {
      box-sizing: border-box;
      line-height: var(--_line-height);
      color: var(--_color-text);
      text-align: start;
      letter-spacing: normal;
      word-spacing: normal;
      text-transform: none;
    }
    :host([hidden]),
    [hidden] {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    h1,
    h2,
    h3,
    h4 {
      font-family: var(--_heading-font-family);
      font-weight: var(--_heading-weight);
      line-height: 1.2;
      margin: 0;
    }
    p {
      margin: 0;
    }
    a {
      color: var(--_color-link);
    }
    :focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: 2px;
    }
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.5em;
      min-block-size: 2.75rem;
      min-inline-size: 2.75rem;
      padding-block: 0.5rem;
      padding-inline: 1.25rem;
      border: 2px solid var(--_color-accent);
      border-radius: var(--_radius);
      background: var(--_color-accent);
      color: var(--_color-on-accent);
      font: inherit;
      font-weight: var(--_button-weight);
      text-transform: var(--_button-transform);
      text-decoration: none;
      cursor: pointer;
    }
    .button.secondary {
      background: transparent;
      color: var(--_color-accent);
    }
    .button[disabled],
    .button[aria-disabled='true'] {
      cursor: not-allowed;
      opacity: 0.65;
    }
    /* A button that looks like a link, for quiet actions inside a widget (show the story, start again). */
    .link-button {
      min-block-size: 2.75rem;
      padding: 0;
      border: 0;
      background: none;
      color: var(--_color-link);
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
    input,
    select,
    textarea {
      font: inherit;
      color: var(--_color-text);
      background: var(--_color-surface-alt);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      padding-block: 0.5rem;
      padding-inline: 0.75rem;
      min-block-size: 2.75rem;
      inline-size: 100%;
    }
    textarea {
      resize: vertical;
    }
    /* Out of sight by clipping, not by moving (the honeypot too): a box pushed 10,000 px to the start side
       lands on the page's far side when the widget's direction differs from the page's, and the page
       scrolls sideways. */
    .visually-hidden {
      position: absolute !important;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation-duration: 0.01ms !important;
        /* Once: a looping animation cut to 0.01 ms would flicker on every frame (the loading shimmer). */
        animation-iteration-count: 1 !important;
        transition-duration: 0.01ms !important;
        scroll-behavior: auto !important;
      }
    }
    @media (forced-colors: active) {
      .button {
        border-color: ButtonText;
      }
    }
  `,
];
