const formats = new Map<string, Intl.NumberFormat>();

/** A count written as `locale` writes numbers ("12,345", "12.345", "١٢٬٣٤٥"). */
export function formatNumber(value: number, locale: string): string {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}
