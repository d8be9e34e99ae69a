/**
 * A heading level from a `heading-level` attribute, kept within `lowest`–6; anything that is not a
 * number is 2, a section's heading on most pages.
 */
export const headingLevel = (value: number, lowest = 1): number =>
  Math.min(Math.max(Math.trunc(value) || 2, lowest), 6);
