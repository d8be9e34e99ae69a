// Types for test/support/chromium.mjs, which the browser tests import too.
export const PLAIN_HTTP_HOST: string;
export const CHROMIUM_ARGS: string[];
