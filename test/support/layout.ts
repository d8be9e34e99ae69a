/**
 * Measures a rendered widget as WCAG 2.2 asks: content that reflows without sideways scrolling
 * (1.4.10) and pointer targets of at least 24 by 24 CSS pixels (2.5.8).
 */

/** The element's parent, stepping out of a shadow root to its host. */
const parentOf = (element: Element): Element | null =>
  element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null);

/**
 * True for what is hidden on purpose (visually hidden text, honeypots): the element or an ancestor up to
 * `host` is clipped away, or is a box of at most one pixel that hides its overflow.
 */
export function hiddenOnPurpose(element: Element, host: Element): boolean {
  for (let node: Element | null = element; node && node !== host; node = parentOf(node)) {
    const style = getComputedStyle(node);
    if (style.clipPath !== 'none' || style.clip !== 'auto') return true;
    const rect = node.getBoundingClientRect();
    if (style.overflowX !== 'visible' && (rect.width <= 1 || rect.height <= 1)) return true;
  }
  return false;
}

/** Every element inside `host`, in its shadow roots and its light DOM, whatever window it is in. */
export function partsOf(host: Element): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (host.shadowRoot) walk(host.shadowRoot);
  walk(host);
  return found;
}

/** Everything rendered inside `host` (shadow roots too) that a person can see. */
export function renderedParts(host: Element): Element[] {
  return partsOf(host).filter(
    (element) =>
      element.checkVisibility({ visibilityProperty: true }) &&
      !element.matches('style, script, template, slot, option') &&
      !hiddenOnPurpose(element, host),
  );
}

/** What sticks out sideways: a part that scrolls sideways, or reaches past the host's edges. */
export function sidewaysOverflow(host: Element): string[] {
  const problems: string[] = [];
  const box = host.getBoundingClientRect();
  const describe = (element: Element) =>
    `<${element.localName}${element.getAttribute('part') ? ` part="${element.getAttribute('part')}"` : ''}${
      element.className && typeof element.className === 'string' ? ` class="${element.className}"` : ''
    }>`;
  if (host.scrollWidth > host.clientWidth)
    problems.push(`the host scrolls sideways: ${host.scrollWidth} > ${host.clientWidth}`);
  for (const element of renderedParts(host)) {
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5)
      problems.push(
        `${describe(element)} reaches ${Math.round(rect.left)}–${Math.round(rect.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`,
      );
    // Inline boxes have no scroll size; a field scrolls its own text by design.
    const block = style.display !== 'inline' && style.display !== 'contents';
    if (block && !element.matches('input, select, textarea') && element.scrollWidth > element.clientWidth + 1)
      problems.push(`${describe(element)} scrolls sideways: ${element.scrollWidth} > ${element.clientWidth}`);
  }
  return problems;
}

/** Things a pointer can act on: buttons, links, fields, and anything made focusable by the page. */
const TARGETS =
  'button, a[href], input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * A link inside running text, which WCAG 2.5.8 exempts: laid out inline, in a block that holds more
 * text than the link itself.
 */
export function inSentence(element: Element): boolean {
  if (!element.matches('a[href]') || getComputedStyle(element).display !== 'inline') return false;
  let block = element.parentElement;
  while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
  const own = (element.textContent ?? '').trim().length;
  return !!block && (block.textContent ?? '').trim().length > own;
}

/** Every target smaller than `min` × `min` CSS pixels, named with its size. */
export function smallTargets(host: Element, min = 24): string[] {
  return renderedParts(host)
    .filter((element) => element.matches(TARGETS) && !inSentence(element))
    .map((element) => ({ element, rect: element.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width < min - 0.01 || rect.height < min - 0.01)
    .map(
      ({ element, rect }) =>
        `<${element.localName}${element.id ? `#${element.id}` : ''}> "${(
          element.getAttribute('aria-label') ??
          (element as HTMLInputElement).labels?.[0]?.textContent ??
          element.textContent ??
          ''
        )
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 40)}" is ${rect.width.toFixed(1)}×${rect.height.toFixed(1)}`,
    );
}

/** Every target, for tests that want to know some were measured at all. */
export const targets = (host: Element): Element[] =>
  renderedParts(host).filter((element) => element.matches(TARGETS) && !inSentence(element));
