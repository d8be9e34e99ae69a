import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../../generated/locale-codes.js';
import { supportedLocaleFor, type SupportedLocale } from './locale.js';
import { loadLocaleModule } from './locale-loader.js';

const localization = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: loadLocaleModule,
});

let requested: SupportedLocale = sourceLocale;

/**
 * Asks for the strings of `tag`. `@lit/localize` keeps one locale per page, so widgets that ask for
 * different locales on one page show the one asked for last; formatting (numbers, dates, country
 * names) and direction still follow each widget's own locale.
 */
export function useLocale(tag: string): Promise<void> {
  const locale = supportedLocaleFor(tag);
  if (locale === requested) return Promise.resolve();
  requested = locale;
  return localization.setLocale(locale).catch((error: unknown) => {
    console.warn(`w4r: could not load the "${locale}" strings; showing English.`, error);
  });
}

export const getLocale = localization.getLocale;
