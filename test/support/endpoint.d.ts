// Served by the test runner's endpoint plugin (test/support/endpoint-plugin.mjs).
declare module '*/__w4r__/endpoint.js' {
  /** Base URL of the endpoint the browser tests run against. */
  export const endpoint: string;
  export const adminToken: string;
  /** The endpoint on the test page's own origin, for pages it serves for itself: `${sameOriginEndpoint}/moderation.html`. */
  export const sameOriginEndpoint: string;
}

declare module '*/__w4r__/min-fill-endpoint.js' {
  /** Base URL of a second endpoint, whose campaign refuses a form sent within `minFillMs` of appearing. */
  export const endpoint: string;
  export const adminToken: string;
  export const minFillMs: number;
}
