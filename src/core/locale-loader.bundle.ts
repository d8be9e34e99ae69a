import type { LocaleModule } from '@lit/localize';

// `currentScript` is only set while the script first runs, so it is read once, here.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

/** Loads one locale's strings from `locales/<locale>.js` beside `w4r.js`, wherever it is served. */
export const loadLocaleModule = (locale: string): Promise<LocaleModule> =>
  import(/* @vite-ignore */ new URL(`locales/${locale}.js`, scriptUrl).href);
