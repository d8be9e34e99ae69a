import { sendKeys } from '@web/test-runner-commands';
import { accessibleName } from './queries.js';

/**
 * Moves through a page as a keyboard user does: real key presses sent by the browser, and what has
 * focus read through every shadow root, as assistive technology reads it.
 */

/** The element that has focus, inside shadow roots too. */
export function focused(): Element | null {
  let element: Element | null = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/** The accessible name of what has focus ("" when nothing has). */
export const focusedName = (): string => {
  const element = focused();
  return element && element !== document.body ? accessibleName(element) : '';
};

/** Presses a key (`Tab`, `Enter`, `Space`, `ArrowDown`, `Shift+Tab`…) as a person does. */
export async function press(key: string): Promise<void> {
  if (key.startsWith('Shift+')) {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: key.slice('Shift+'.length) });
    await sendKeys({ up: 'Shift' });
  } else {
    await sendKeys({ press: key });
  }
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * Resolves once `scroller` has stopped moving: Page Down and the arrow keys scroll with an animation
 * that runs on after the key is up, as a person waits for the page to stop before reading on.
 */
export async function scrollingStopped(scroller: Element): Promise<void> {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  let last = Number.NaN;
  while (scroller.scrollTop !== last) {
    last = scroller.scrollTop;
    for (let i = 0; i < 3; i++) await frame();
  }
}

/** Types text into whatever has focus, key by key. */
export async function typeKeys(text: string): Promise<void> {
  await sendKeys({ type: text });
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * Presses Tab until focus reaches an element `stopAt` accepts, at most `limit` times, calling `each` on
 * every element focus lands on; the accessible names focus went through, in order.
 */
export async function tabThrough(
  limit: number,
  stopAt: (element: Element) => boolean,
  each: (element: Element) => void = () => undefined,
): Promise<string[]> {
  const names: string[] = [];
  for (let step = 0; step < limit; step++) {
    await press('Tab');
    const element = focused();
    names.push(focusedName());
    if (element) each(element);
    if (element && stopAt(element)) return names;
  }
  return names;
}

/** How the focused element shows its focus: its outline or box shadow, read from its computed style. */
export interface FocusIndicator {
  outline: string;
  boxShadow: string;
  visible: boolean;
}

export function focusIndicator(element: Element): FocusIndicator {
  const style = getComputedStyle(element);
  const outlineVisible =
    style.outlineStyle !== 'none' && style.outlineStyle !== 'hidden' && parseFloat(style.outlineWidth) >= 1;
  const shadowVisible = style.boxShadow !== 'none' && style.boxShadow !== '';
  return {
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    boxShadow: style.boxShadow,
    visible: outlineVisible || shadowVisible,
  };
}

/**
 * What covers the focused element's centre, when something else does (WCAG 2.2 2.4.11, focus not
 * obscured); null when the element itself, or something inside it, is what a pointer there would hit.
 */
export function coveredBy(element: Element): Element | null {
  const rect = element.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  const root = element.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(x, y);
  if (!hit || hit === element || element.contains(hit)) return null;
  // A label pointing at its own control is the control, as far as a pointer is concerned.
  if (hit instanceof HTMLLabelElement && hit.control === element) return null;
  return hit;
}
