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
