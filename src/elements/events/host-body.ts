import { msg } from '@lit/localize';
import * as z from 'zod/mini';
import type { FormWording } from '../../core/forms/form-controller.js';
import { isEmptyIssue, type FieldIssue } from '../../core/forms/form-fields.js';
import { gatheringInput } from '../../schema/gathering.js';
import { zonedMoment } from './zoned-time.js';

/**
 * What the host's form sends and how its problems read: the body built from the form's fields, the
 * endpoint's schema, and each problem beside the field it belongs to.
 */

/** The fields that show their problem beside them, in the form's order. */
export const HOST_FIELDS = [
  'group',
  'title',
  'description',
  'date',
  'endTime',
  'timeZone',
  'city',
  'country',
  'online',
  'cases',
  'capacity',
  'email',
];

/** The field a schema or endpoint issue belongs to (`place.city` is the city field). */
export function hostFieldOf(path: FieldIssue['path']): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  const moved: Partial<Record<string, string>> = { place: parts[1] ?? 'city', start: 'date', end: 'endTime' };
  return moved[parts[0] ?? ''] ?? parts[0] ?? '';
}

/** The form's words for each field's problem, given whether it was left empty. */
const WORDS: Partial<Record<string, (empty: boolean) => string | undefined>> = {
  group: (empty) => (empty ? msg('Enter the name of your group.') : undefined),
  title: (empty) => (empty ? msg('Give your event a title.') : undefined),
  date: () => msg('Choose a day from today on, and a start time.'),
  endTime: () => msg('The event ends after it starts, on the same day.'),
  city: () => msg('Enter the city.'),
  country: () => msg('Choose the country.'),
  online: () => msg('Enter the web address people join at (https://…).'),
  cases: () => msg('Choose at least one case.'),
  capacity: () => msg('Enter a number of people from 1 to 10,000, or leave it empty.'),
  email: (empty) =>
    empty ? msg('Enter your email address.') : msg('Enter an email address such as name@example.org.'),
};

export const hostWording: FormWording = (field, issue) => WORDS[field]?.(isEmptyIssue(issue));

/** The endpoint's schema, and a day already gone caught here too (only the endpoint's clock decides). */
export const hostSchema = gatheringInput.check(
  z.refine((value: { start: string }) => Date.parse(value.start) > Date.now(), {
    path: ['start'],
    when: (payload) => typeof (payload.value as { start?: unknown } | undefined)?.start === 'string',
  }),
);

/** What the form sends: the times on the chosen zone's clocks, a place or a link, the ticked cases. */
export function eventBody(
  data: FormData,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const text = (name: string) => String(data.get(name) ?? '');
  const [date, zone, description, capacity] = [
    text('date'),
    text('timeZone'),
    text('description'),
    text('capacity').trim(),
  ];
  const { lang, source, website } = values;
  return {
    group: text('group'),
    title: text('title'),
    ...(description.trim() ? { description } : {}),
    start: zonedMoment(date, text('startTime'), zone),
    end: zonedMoment(date, text('endTime'), zone),
    timeZone: zone,
    place:
      text('mode') === 'online'
        ? { online: text('online').trim() }
        : { city: text('city'), country: text('country') },
    cases: data.getAll('cases').map(String),
    ...(capacity ? { capacity: Number(capacity) } : {}),
    email: text('email'),
    lang,
    ...(source ? { source } : {}),
    ...(website ? { website } : {}),
  };
}
