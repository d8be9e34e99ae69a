import type { Stats } from '../src/schema/index.js';

/**
 * A pretend endpoint for stories, answered inside the page: Storybook has no endpoint, and a story
 * must show what a signer sees after sending. The case id says how it answers:
 * `story-counted`, `story-already`, `story-busy` (never answers), `story-offline` (unreachable),
 * `story-automated` (refused as automated). Photos of letters are taken for `story-counted`, and never
 * answered for `story-photo-busy` (whose letters are counted). Any other request goes out untouched.
 */
export const PRETEND_ENDPOINT = 'https://story.w4r.invalid';

export const pretendStats: Stats = { signatures: 1234, messages: 56, letters: 789, goal: 50000 };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const counted = async () => json(201, { status: 'counted', stats: { ...pretendStats, signatures: 1235 } });

const answers: Record<string, () => Promise<Response>> = {
  'story-counted': counted,
  'story-photo-busy': counted,
  'story-already': async () => json(200, { status: 'already-signed', stats: pretendStats }),
  'story-busy': () => new Promise<Response>(() => {}),
  'story-offline': () => Promise.reject(new TypeError('Failed to fetch')),
  'story-automated': async () =>
    json(400, { error: { code: 'looks_automated', message: 'This looks automated.' } }),
};

const photoAnswers: Record<string, () => Promise<Response>> = {
  'story-counted': async () => json(201, { id: 'story-photo', status: 'pending' }),
  'story-photo-busy': () => new Promise<Response>(() => {}),
};

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
    if (path[4] === 'stats') return Promise.resolve(json(200, pretendStats));
    return (
      (path[4] === 'photos' ? photoAnswers : answers)[path[3] ?? ''] ??
      (async () => json(404, { error: { code: 'not_found', message: '' } }))
    )();
  };
}
