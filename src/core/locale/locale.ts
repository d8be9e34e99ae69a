import { nothing } from 'lit';
import { sourceLocale, targetLocales } from '../../generated/locale-codes.js';
import { directionOf } from '../../schema/direction.js';

export type SupportedLocale = typeof sourceLocale | (typeof targetLocales)[number];
export const supportedLocales: readonly SupportedLocale[] = [sourceLocale, ...targetLocales];

/** Canonical BCP 47 tag, or undefined when the text is not one. */
export function canonicalLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

/** The locale whose strings we have that best fits `tag` ("es-CL" → "es"), else English. */
export function supportedLocaleFor(tag: string | undefined): SupportedLocale {
  if (!tag) return sourceLocale;
  const exact = supportedLocales.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const language = tag.split('-')[0]!.toLowerCase();
  return supportedLocales.find((l) => l.split('-')[0] === language) ?? sourceLocale;
}

export interface TextLanguage {
  lang: string | typeof nothing;
  dir: 'ltr' | 'rtl' | 'auto';
}

/**
 * `lang` and `dir` for text written in `lang` — a case's, or one of its sections' — which may differ
 * from the widget's own words; without a language, the browser works the direction out.
 */
export const textIn = (lang: string | undefined): TextLanguage => ({
  lang: lang ?? nothing,
  dir: lang ? directionOf(lang) : 'auto',
});

/**
 * The locale a widget speaks: its own attribute, then its campaign's, then the nearest `lang` in the
 * page (usually `<html lang>`), then English.
 */
export function resolveLocale(element: Element, own?: string, campaign?: string): string {
  return (
    canonicalLocale(own) ??
    canonicalLocale(campaign) ??
    canonicalLocale(element.closest('[lang]')?.getAttribute('lang')) ??
    sourceLocale
  );
}
