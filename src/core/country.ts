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

/** Every ISO 3166-1 alpha-2 code, for country pickers. */
export const COUNTRY_CODES: readonly string[] =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

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
