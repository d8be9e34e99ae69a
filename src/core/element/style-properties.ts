import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/**
 * `style=${styleProperties({ '--_progress': '0.4' })}`: sets CSS properties through the CSSOM, every
 * time. lit's `styleMap` writes its first render as a `style` attribute, which a page whose
 * Content-Security-Policy has no 'unsafe-inline' for styles blocks; CSSOM changes are always allowed.
 */
class StyleProperties extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') {
      throw new Error('styleProperties() belongs in a style attribute: style=${styleProperties(…)}');
    }
  }

  render(_properties: Record<string, string>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [properties]: [Record<string, string>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.previous) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(properties));
    return noChange;
  }
}

export const styleProperties = directive(StyleProperties);
