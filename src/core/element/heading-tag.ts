import { literal, type StaticValue } from 'lit/static-html.js';

const TAGS: readonly StaticValue[] = [
  literal`h1`,
  literal`h2`,
  literal`h3`,
  literal`h4`,
  literal`h5`,
  literal`h6`,
];

/** The heading element of `level` (1–6, kept within them), for a `staticHtml` template. */
export const headingTag = (level: number): StaticValue => TAGS[Math.min(Math.max(level, 1), 6) - 1]!;
