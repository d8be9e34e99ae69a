import type { PublicMessage, Stats } from '../src/schema/index.js';
import { gatheringAnswer } from './pretend-gatherings.js';

/**
 * A pretend endpoint for stories, answered inside the page: Storybook has no endpoint, and a story
 * must show what a supporter sees after sending. The case id says how it answers a write:
 * `story-counted` (a signature, a letter report, a photo), `story-posted` (a message on the wall),
 * `story-pending` (a message for a moderator), `story-busy` (never answers), `story-offline`
 * (unreachable), `story-automated` (refused as automated); `story-photo-busy` counts letters and never
 * answers a photo. Its event streams send the numbers when they open, as the endpoint's do, and
 * `pretendMessage` adds a message to one live. The campaign's cases and its letter-writing events are
 * answered by pretend-gatherings.ts. Any other request goes out untouched.
 */
export const PRETEND_ENDPOINT = 'https://story.w4r.invalid';

export const pretendStats: Stats = { signatures: 1234, messages: 56, letters: 789, goal: 50000 };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const counted = async () => json(201, { status: 'counted', stats: { ...pretendStats, signatures: 1235 } });

const answers: Record<string, () => Promise<Response>> = {
  'story-counted': counted,
  'story-photo-busy': counted,
  'story-posted': async () => json(201, { id: 'story-posted', status: 'approved' }),
  'story-pending': async () => json(201, { id: 'story-pending', status: 'pending' }),
  'story-busy': () => new Promise<Response>(() => {}),
  'story-offline': () => Promise.reject(new TypeError('Failed to fetch')),
  'story-automated': async () =>
    json(400, { error: { code: 'looks_automated', message: 'This looks automated.' } }),
};

const photoAnswers: Record<string, () => Promise<Response>> = {
  'story-counted': async () => json(201, { id: 'story-photo', status: 'pending' }),
  'story-photo-busy': () => new Promise<Response>(() => {}),
};

/** The case id in a pretend endpoint's URL (`/v1/cases/:id/…`). */
const caseOf = (url: string) => new URL(url).pathname.split('/')[3] ?? '';

const streams = new Set<PretendEventSource>();

/** An event stream of the pretend endpoint: open at once, except for the unreachable case. */
class PretendEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readyState = PretendEventSource.CONNECTING;

  constructor(readonly url: string) {
    super();
    setTimeout(() => {
      if (this.readyState === PretendEventSource.CLOSED) return;
      if (caseOf(url) === 'story-offline') {
        this.readyState = PretendEventSource.CLOSED;
        this.dispatchEvent(new Event('error'));
        return;
      }
      this.readyState = PretendEventSource.OPEN;
      streams.add(this);
      this.dispatchEvent(new Event('open'));
      this.send('stats', pretendStats);
    });
  }

  send(name: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(name, { data: JSON.stringify(data) }));
  }

  close(): void {
    this.readyState = PretendEventSource.CLOSED;
    streams.delete(this);
  }
}

/** A message approved just now on a pretend case's wall, sent to every page following it live. */
export function pretendMessage(caseId: string, message: PublicMessage): void {
  for (const stream of streams) if (caseOf(stream.url) === caseId) stream.send('message', message);
}

declare global {
  interface Window {
    w4rPretendEndpoint?: boolean;
  }
}

if (!window.w4rPretendEndpoint) {
  window.w4rPretendEndpoint = true;
  const realFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (!request.url.startsWith(PRETEND_ENDPOINT)) return realFetch(input, init);
    const path = new URL(request.url).pathname.split('/');
    if (path[2] === 'campaign') return Promise.resolve(json(200, { minFillMs: 0 }));
    if (path[4] === 'stats') return Promise.resolve(json(200, pretendStats));
    const gathering = gatheringAnswer(request, path);
    if (gathering) return gathering;
    return (
      (path[4] === 'photos' ? photoAnswers : answers)[path[3] ?? ''] ??
      (async () => json(404, { error: { code: 'not_found', message: '' } }))
    )();
  };
  const RealEventSource = window.EventSource;
  window.EventSource = new Proxy(RealEventSource, {
    construct: (real, [url, init]: [string | URL, EventSourceInit?]) =>
      String(url).startsWith(PRETEND_ENDPOINT) ? new PretendEventSource(String(url)) : new real(url, init),
  });
}
