import { COUNTRY_CODES } from '../../schema/country-codes.js';

const displayNames = new Map<string, Intl.DisplayNames>();

/** The country's name in `locale` ("ZA" → "South Africa", "Sudáfrica", "جنوب أفريقيا"); the code if unknown. */
export function countryName(code: string, locale: string): string {
  let names = displayNames.get(locale);
  if (!names) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    } catch {
      return code;
    }
    displayNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Country options for a `<select>`: `[code, name]` sorted by the name in `locale`. */
export function countryOptions(locale: string): [string, string][] {
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code): [string, string] => [code, countryName(code, locale)]).sort((a, b) =>
    collator.compare(a[1], b[1]),
  );
}

/** The country a locale names ("es-CL" → "CL"), else the browser's ("en-GB" → "GB"), else undefined. */
export function countryOfLocale(...tags: (string | undefined)[]): string | undefined {
  for (const tag of [...tags, navigator.language]) {
    try {
      const region = tag ? new Intl.Locale(tag).region : undefined;
      if (region && COUNTRY_CODES.includes(region)) return region;
    } catch {
      // not a locale
    }
  }
  return undefined;
}
