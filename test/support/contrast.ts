/**
 * Contrast as WCAG 2.2 defines it, from the colours the browser computed: relative luminance of sRGB
 * colours, the ratio (L1 + 0.05) / (L2 + 0.05), and the background an element's text really sits on
 * (its own and its ancestors' backgrounds, through shadow roots, blended where they are translucent).
 */

/** An sRGB colour, 0–255 per channel, with its alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** White, the canvas behind a page that sets no background. */
export const CANVAS: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** Parses a computed colour: `rgb(…)`, `rgba(…)` or `color(srgb …)`, as Chromium reports them. */
export function parseColor(value: string): Rgba {
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
    value.trim(),
  );
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : Number(rgb[4]);
    return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha };
  }
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\)$/.exec(value.trim());
  if (srgb) {
    return {
      r: Number(srgb[1]) * 255,
      g: Number(srgb[2]) * 255,
      b: Number(srgb[3]) * 255,
      a: srgb[4] === undefined ? 1 : Number(srgb[4]),
    };
  }
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  throw new Error(`Cannot read the colour "${value}"`);
}

/** `top` painted over the opaque `bottom`. */
export function blend(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** Relative luminance (WCAG 2.2, "relative luminance"), 0 for black to 1 for white. */
export function luminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of two opaque colours, from 1 to 21. */
export function contrast(one: Rgba, other: Rgba): number {
  const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The parent in the rendered tree: the slot a light-DOM child is shown in, or a shadow root's host. */
export function renderedParent(element: Element): Element | null {
  return (
    element.assignedSlot ?? element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null)
  );
}

/** The opaque colour behind `element`'s content: its background over its ancestors', down to the canvas. */
export function backgroundOf(element: Element | null): Rgba {
  const layers: Rgba[] = [];
  for (let node = element; node; node = renderedParent(node)) {
    const layer = parseColor(getComputedStyle(node).backgroundColor);
    if (layer.a > 0) layers.push(layer);
    if (layer.a >= 1) break;
  }
  return layers.reduceRight((below, layer) => blend(layer, below), CANVAS);
}

/** The colour of `element`'s text as it shows on its background. */
export function textColorOf(element: Element): Rgba {
  return blend(parseColor(getComputedStyle(element).color), backgroundOf(element));
}

/** Large text in WCAG's sense: at least 24 px, or at least 18.66 px (14 pt) and bold. */
export function isLargeText(element: Element): boolean {
  const style = getComputedStyle(element);
  const size = parseFloat(style.fontSize);
  return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
}

/** A colour as #rrggbb, for messages. */
export const hex = ({ r, g, b }: Rgba): string =>
  `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
