// No schema here, and no import: the elements' base class and the endpoint's pages both need a
// language's direction, and neither should load zod for it.
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ps', 'ur', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** Writing direction of a language, for the widgets and the endpoint's own pages alike. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(tag.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}
