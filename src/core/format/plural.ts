import { getLocale } from '../locale/localization.js';
import { formatNumber } from './format-number.js';

/**
 * A phrase in each grammatical number a language may have, plus exact forms for 0, 1 and 2 that
 * need no number at all ("No messages yet", "رسالتان" — two messages). English needs `=1` and
 * `other`; Arabic has six categories, French three.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule | '=0' | '=1' | '=2', string>> & {
  other: string;
};

/**
 * The form of a phrase that fits `count` in the language the strings are shown in: an exact form
 * first, then the language's category for the number (Intl.PluralRules), then `other`. Pass every
 * form a translation may need, each its own `msg()` with an id, so translators can word each one.
 */
export function plural(count: number, forms: PluralForms): string {
  const exact = forms[`=${count}` as '=0' | '=1' | '=2'];
  return exact ?? forms[new Intl.PluralRules(getLocale()).select(count)] ?? forms.other;
}

/** The form that fits `count`, each form given the number as written in `locale` ("1.234", "١٬٢٣٤"). */
export function counted(count: number, locale: string, forms: (number: string) => PluralForms): string {
  return plural(count, forms(formatNumber(count, locale)));
}
