/**
 * Finds what a person would find on the page — fields by their label, buttons and links by their name,
 * text as it reads — looking through every open shadow root, as assistive technology does.
 */

/** Every element under `root`, inside shadow roots too, in document order. */
export function allElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return found;
}

const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function matches(text: string, name: string | RegExp): boolean {
  return typeof name === 'string' ? text === name : name.test(text);
}

/** The accessible name, as far as these tests need it: aria-label, aria-labelledby, labels, text. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return normalize(label);
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = element.getRootNode() as Document | ShadowRoot;
    return normalize(
      labelledBy
        .split(/\s+/)
        .map((id) => root.getElementById(id)?.textContent)
        .join(' '),
    );
  }
  const labels = (element as HTMLInputElement).labels;
  if (labels?.length) return normalize([...labels].map((l) => l.textContent).join(' '));
  if (element instanceof HTMLImageElement) return normalize(element.alt);
  return normalize(element.textContent);
}

function findOne<T extends Element>(candidates: Element[], name: string | RegExp, what: string): T {
  const hits = candidates.filter((element) => matches(accessibleName(element), name));
  if (hits.length === 0) {
    const names = candidates.map((element) => `"${accessibleName(element)}"`).join(', ');
    throw new Error(`No ${what} named ${String(name)}; found ${names || 'none'}`);
  }
  return hits[0] as T;
}

/** The form field whose label reads `name`. */
export function getField<T extends HTMLElement = HTMLInputElement>(
  root: ParentNode,
  name: string | RegExp,
): T {
  const fields = allElements(root).filter((element) => element.matches('input, select, textarea'));
  return findOne<T>(fields, name, 'field');
}

/** The button whose name reads `name`. */
export function getButton(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const buttons = allElements(root).filter((element) => element.matches('button, [role="button"]'));
  return findOne<HTMLButtonElement>(buttons, name, 'button');
}

/** The link whose name reads `name`. */
export function getLink(root: ParentNode, name: string | RegExp): HTMLAnchorElement {
  const links = allElements(root).filter((element) => element.matches('a[href]'));
  return findOne<HTMLAnchorElement>(links, name, 'link');
}

/** Every element with this role (explicit, or implied by the tag for the few roles tests ask for). */
export function getAllByRole(root: ParentNode, role: string): Element[] {
  const implicit: Record<string, string> = {
    button: 'button',
    link: 'a[href]',
    heading: 'h1, h2, h3, h4, h5, h6',
    img: 'img',
    list: 'ul, ol',
    listitem: 'li',
    progressbar: 'progress',
    status: 'output',
    alert: '',
    checkbox: 'input[type="checkbox"]',
    textbox: 'input:not([type]), input[type="text"], input[type="email"], textarea',
  };
  const selector = [`[role="${role}"]`, implicit[role]].filter(Boolean).join(', ');
  return allElements(root).filter((element) => element.matches(selector));
}

/** The text a person reads in `root`, shadow roots included, whitespace folded. */
export function visibleText(root: Element): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof HTMLSlotElement) {
      node.assignedNodes({ flatten: true }).forEach(visit);
      return;
    }
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      if (parent && parent.checkVisibility({ visibilityProperty: true })) parts.push(node.textContent ?? '');
      return;
    }
    if (node instanceof Element && node.matches('script, style, template')) return;
    const children =
      node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
    children.forEach(visit);
  };
  visit(root);
  return normalize(parts.join(' '));
}

/** Types into a field as a person does: focus, value, input and change events, then blur. */
export async function type(field: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  field.blur();
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Waits until `condition` holds, re-checking on every frame; fails with `message` after `timeoutMs`. */
export async function waitUntil(condition: () => unknown, message: string, timeoutMs = 8000): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out waiting until ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
