import type { Case, PublicGathering } from '../src/schema/index.js';
import { gustavo, nassimaArabic } from './sample-cases.js';

/**
 * The pretend endpoint's letter-writing events: upcoming events for the campaign's cases, filtered by
 * `?country=` and `?online=1` as the endpoint filters them. The case in `/v1/cases/:id/gatherings` says
 * what is listed: `story-empty` nothing, `story-joined` events of their own (so the "I'll come" a story
 * remembers on the device stays with that story); any other case, and the campaign, the sample events.
 * An event announced is pending a moderator, "I'll come" counts one more, and a report is counted.
 */

const daysAhead = (days: number, hour: number) => {
  const day = new Date(Date.now() + days * 24 * 3600_000);
  day.setUTCHours(hour, 0, 0, 0);
  return day.toISOString();
};

/** The campaign's cases as an English reader gets them (only the names show here). */
const pretendCases: Case[] = [gustavo, { ...nassimaArabic, name: 'Nassima al-Sada' }];

function sampleEvents(prefix: string): PublicGathering[] {
  return [
    {
      id: `${prefix}santiago`,
      group: 'Amnistía Internacional Santiago',
      title: 'Cartas por Gustavo Gatica',
      description: 'Traemos papel, sobres y sellos. Trae tu bolígrafo.',
      start: daysAhead(6, 21),
      end: daysAhead(6, 23),
      timeZone: 'America/Santiago',
      place: { city: 'Santiago', country: 'CL' },
      cases: ['gustavo-gatica'],
      capacity: 40,
      participants: 12,
      lang: 'es',
    },
    {
      id: `${prefix}online`,
      group: 'Write for Rights book club',
      title: 'An evening of letters, online',
      start: daysAhead(9, 18),
      end: daysAhead(9, 20),
      timeZone: 'Europe/London',
      place: { online: 'https://meet.example.org/w4r-letters' },
      cases: ['gustavo-gatica', 'nassima-al-sada'],
      participants: 1,
      lang: 'en',
    },
    {
      id: `${prefix}lyon`,
      group: 'Lycée Ampère',
      title: 'Lettres pour Nassima al-Sada',
      start: daysAhead(14, 15),
      end: daysAhead(14, 17),
      timeZone: 'Europe/Paris',
      place: { city: 'Lyon', country: 'FR' },
      cases: ['nassima-al-sada'],
      capacity: 30,
      participants: 0,
      lang: 'fr',
    },
    {
      id: `${prefix}riyadh`,
      group: 'مجموعة الكتابة',
      title: 'رسائل من أجل نسيمة السادة',
      start: daysAhead(20, 16),
      end: daysAhead(20, 18),
      timeZone: 'Asia/Riyadh',
      place: { online: 'https://meet.example.org/w4r-ar' },
      cases: ['nassima-al-sada'],
      participants: 2,
      lang: 'ar',
    },
  ];
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function listed(caseId: string | undefined, query: URLSearchParams): Response {
  const events =
    caseId === 'story-empty' ? [] : sampleEvents(caseId === 'story-joined' ? 'story-joined-' : 'story-');
  const country = query.get('country');
  const items = events.filter((event) =>
    query.get('online') === '1'
      ? 'online' in event.place
      : !country || ('country' in event.place && event.place.country === country),
  );
  return json(200, { items, nextCursor: null, total: items.length });
}

/** The pretend endpoint's answer to an events request (`path` is the URL's path split at `/`), or undefined. */
export function gatheringAnswer(request: Request, path: string[]): Promise<Response> | undefined {
  const url = new URL(request.url);
  if (path[2] === 'cases' && path.length === 3) return Promise.resolve(json(200, { cases: pretendCases }));
  if (path[2] === 'cases' && path[4] === 'gatherings')
    return Promise.resolve(listed(path[3], url.searchParams));
  if (path[2] !== 'gatherings') return undefined;
  const id = path[3];
  if (!id) {
    if (request.method === 'POST')
      return Promise.resolve(
        json(201, { id: 'story-hosted', status: 'pending', editToken: 'story-private-edit-token' }),
      );
    return Promise.resolve(listed(undefined, url.searchParams));
  }
  const event = sampleEvents('story-').find((sample) => sample.id === id) ?? {
    ...sampleEvents('story-')[0]!,
    id,
  };
  if (path[4] === 'participants') return Promise.resolve(json(201, { participants: event.participants + 1 }));
  if (path[4] === 'report') {
    return request.json().then((body: { letters: unknown }) => json(200, { letters: body.letters }));
  }
  return Promise.resolve(json(200, event));
}
