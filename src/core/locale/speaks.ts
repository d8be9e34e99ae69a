import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { getLocale } from './localization.js';

/**
 * What a widget's root says it speaks: `lang` the language its strings are shown in, `dir` the
 * widget's direction (its locale's, whatever the page's), so screen readers and bidi text follow.
 */
class Speaks extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('speaks() goes on an element.');
  }

  render(_direction: 'ltr' | 'rtl') {
    return nothing;
  }

  override update(part: ElementPart, [direction]: ['ltr' | 'rtl']) {
    part.element.setAttribute('lang', getLocale());
    part.element.setAttribute('dir', direction);
    return nothing;
  }
}

export const speaks = directive(Speaks);
