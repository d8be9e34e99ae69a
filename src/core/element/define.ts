/**
 * Registers a custom element unless a copy of this library already did. Partner pages load our
 * script twice (a theme and a plugin each add it); the second copy must define nothing and throw nothing.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (customElements.get(tag)) return;
  customElements.define(tag, element);
}
