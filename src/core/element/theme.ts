import { css } from 'lit';

/**
 * The theme tokens. Partners set any `--w4r-…` property on the widget or an ancestor; elements read
 * them through private `--_…` properties so an unset token falls back to its default here.
 * Fonts inherit the host page's; colours default to an accessible neutral palette.
 */
export const themeTokens = css`
  :host {
    --_font-family: var(--w4r-font-family, inherit);
    --_font-size: var(--w4r-font-size, 1rem);
    --_heading-font-family: var(--w4r-heading-font-family, var(--_font-family));
    --_heading-weight: var(--w4r-heading-weight, 700);
    --_line-height: var(--w4r-line-height, 1.5);
    --_color-text: var(--w4r-color-text, #1f1f1f);
    --_color-muted: var(--w4r-color-muted, #555555);
    --_color-surface: var(--w4r-color-surface, #ffffff);
    --_color-surface-alt: var(--w4r-color-surface-alt, #f3f3f3);
    --_color-border: var(--w4r-color-border, #8a8a8a);
    --_color-accent: var(--w4r-color-accent, #1f1f1f);
    --_color-on-accent: var(--w4r-color-on-accent, #ffffff);
    --_color-link: var(--w4r-color-link, #0b57a4);
    --_color-focus: var(--w4r-color-focus, #0b57a4);
    --_color-error: var(--w4r-color-error, #b00020);
    --_color-success: var(--w4r-color-success, #1b6e3a);
    --_radius: var(--w4r-radius, 0.375rem);
    --_space: var(--w4r-space, 1rem);
    --_button-weight: var(--w4r-button-weight, 600);
    --_button-transform: var(--w4r-button-transform, none);
    --_max-inline-size: var(--w4r-max-inline-size, 40rem);
  }

  /* Amnesty International's look: black on Amnesty yellow, bold type. */
  :host([theme='amnesty']) {
    --w4r-color-text: #000000;
    --w4r-color-muted: #1f1f1f;
    --w4r-color-surface: #ffff00;
    --w4r-color-surface-alt: #ffffff;
    --w4r-color-border: #000000;
    --w4r-color-accent: #000000;
    --w4r-color-on-accent: #ffff00;
    --w4r-color-link: #000000;
    --w4r-color-focus: #000000;
    --w4r-color-error: #8a0000;
    --w4r-color-success: #000000;
    --w4r-heading-font-family: 'Amnesty Trade Gothic', 'Arial Narrow', Arial, sans-serif;
    --w4r-heading-weight: 900;
    --w4r-button-weight: 800;
    --w4r-button-transform: uppercase;
    --w4r-radius: 0;
  }
`;
