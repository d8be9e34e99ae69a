/**
 * Wall-clock times in a named time zone, with `Intl` only: what a host types ("10 December, 19:00 in
 * America/Santiago") as the moment it is, and the reader's own zone.
 */

/** Minutes the zone is ahead of UTC at `moment`. */
function offsetMinutes(moment: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(moment);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(moment / 1000) * 1000) / 60_000);
}

/**
 * The moment (ISO, UTC) of a date (`2027-12-10`) and a time (`19:00`) on the clocks of `timeZone`, or
 * undefined when either is missing or malformed. The offset is looked up twice, so a time near a
 * daylight-saving change lands on the right side of it.
 */
export function zonedMoment(date: string, time: string, timeZone: string): string | undefined {
  const day = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  const clock = /^(\d\d):(\d\d)$/.exec(time);
  if (!day || !clock) return undefined;
  const wall = Date.UTC(+day[1]!, +day[2]! - 1, +day[3]!, +clock[1]!, +clock[2]!);
  try {
    const first = wall - offsetMinutes(wall, timeZone) * 60_000;
    return new Date(wall - offsetMinutes(first, timeZone) * 60_000).toISOString();
  } catch {
    return undefined;
  }
}

/** The reader's own time zone, or UTC when the browser does not say. */
export function readerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every time zone the browser knows, for the host's choice; the reader's own first. */
export function timeZoneOptions(): string[] {
  const own = readerTimeZone();
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // an older browser: the reader's zone and UTC
  }
  return [...new Set([own, 'UTC', ...zones])];
}

/** "Friday 10 December, 19:00 – 21:30 GMT-3", in the reader's zone and language. */
export function formatWhen(start: string, end: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return format.formatRange(new Date(start), new Date(end));
}
