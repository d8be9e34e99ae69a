const formatters = new Map<string, Intl.RelativeTimeFormat>();

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * How long ago `date` was, in `locale` ("3 minutes ago", "hace 3 minutos", "yesterday", "now"),
 * in the largest unit that fits. A time a little in the future (a clock that runs ahead) reads "now".
 */
export function relativeTime(date: Date | string, locale: string, now: number = Date.now()): string {
  const time = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  let format = formatters.get(locale);
  if (!format) {
    try {
      format = new Intl.RelativeTimeFormat([locale, 'en'], { numeric: 'auto' });
    } catch {
      format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    }
    formatters.set(locale, format);
  }
  const past = Math.min(seconds, 0);
  if (past > -45) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (-past >= size) return format.format(Math.round(past / size), unit);
  }
  return format.format(0, 'second');
}
