import { getLocale } from './localization.js';

/** A phrase in each grammatical number a language may have; English needs `one` and `other`. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The form of a phrase that fits `count` in the language the strings are shown in: Arabic has six
 * (zero, one, two, few, many, other), French three, English, Spanish and Turkish two. Pass every form
 * a translation may need, each its own `msg()` with an id, so translators can word each one.
 */
export function plural(count: number, forms: PluralForms): string {
  return forms[new Intl.PluralRules(getLocale()).select(count)] ?? forms.other;
}
