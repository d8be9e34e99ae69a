/**
 * Takes the page "offline" for one endpoint, as a supporter on a bad connection is: requests to it
 * fail as network errors. `lose-answer` lets the request reach the endpoint and loses the answer on
 * the way back, the case that idempotency keys exist for.
 */
export type Connection = 'online' | 'offline' | 'lose-answer';

export function simulateConnection(endpoint: string) {
  const realFetch = window.fetch;
  const state = { mode: 'online' as Connection, keys: [] as string[] };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.url.startsWith(endpoint) && request.method === 'POST') {
      state.keys.push(request.headers.get('Idempotency-Key') ?? '');
    }
    if (request.url.startsWith(endpoint) && state.mode !== 'online') {
      if (state.mode === 'lose-answer') await realFetch(request.clone());
      throw new TypeError('Failed to fetch');
    }
    return realFetch(request);
  };
  return {
    state,
    set(mode: Connection) {
      state.mode = mode;
    },
    restore() {
      window.fetch = realFetch;
    },
  };
}

/**
 * Holds this page's POSTs to `endpoint` that carry `key` until `release()`, as a slow connection
 * would, and records the `Idempotency-Key` of every POST to it.
 */
export function holdPosts(endpoint: string, key: string) {
  const realFetch = window.fetch;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const state = { keys: [] as string[] };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.url.startsWith(endpoint) && request.method === 'POST') {
      const sent = request.headers.get('Idempotency-Key') ?? '';
      state.keys.push(sent);
      if (sent === key) await released;
    }
    return realFetch(request);
  };
  return {
    state,
    release: () => release(),
    restore() {
      window.fetch = realFetch;
    },
  };
}
