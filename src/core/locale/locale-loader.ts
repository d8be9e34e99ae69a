import type { LocaleModule } from '@lit/localize';

/**
 * Loads one locale's strings, only when a widget first needs them, so an English page pays nothing
 * for Arabic. As ES modules they sit beside this one; the drop-in bundle swaps this file for
 * `locale-loader.bundle.ts`, which finds them beside the script.
 */
export const loadLocaleModule = (locale: string): Promise<LocaleModule> =>
  import(`../../generated/locales/${locale}.js`);
