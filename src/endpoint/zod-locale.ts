import * as z from 'zod/mini';

// zod/mini ships without messages ("Invalid input"); the endpoint is not size-bound, so it loads the
// English ones for validation errors and campaign-file problems. The browser bundle is unaffected.
z.config(z.locales.en());
