/** What `/embed/:case` and `/oembed` take from the query, checked by one schema each. */
import * as z from 'zod/mini';
import { allLocales } from '../../generated/locale-codes.js';
import { source } from '../../schema/index.js';
import { toErrorIssues, type ErrorIssue } from '../../schema/error.js';

/** The widgets an embed may show, by their element names without the `w4r-` prefix, in page order. */
export const WIDGETS = ['case-card', 'counter', 'petition', 'share', 'solidarity-wall', 'letter'] as const;
export type Widget = (typeof WIDGETS)[number];
export const DEFAULT_WIDGETS: readonly Widget[] = ['case-card', 'counter', 'petition', 'share'];

export const THEMES = ['default', 'amnesty'] as const;
export type Theme = (typeof THEMES)[number];

/** Longest query string taken; a longer one is refused before anything in it is read. */
export const QUERY_LIMIT = 1000;

const widgetList = z.pipe(
  z.pipe(
    z.string().check(z.maxLength(200, 'At most 200 characters.')),
    z.transform((value: string) => value.split(',').map((name) => name.trim())),
  ),
  z.array(z.literal(WIDGETS, `Each one of: ${WIDGETS.join(', ')}.`)).check(
    z.minLength(1),
    z.refine((names) => new Set(names).size === names.length, 'Name each widget once.'),
  ),
);

export const embedQuery = z.object({
  widgets: z._default(widgetList, [...DEFAULT_WIDGETS]),
  locale: z.optional(z.literal(allLocales, `One of: ${allLocales.join(', ')}.`)),
  theme: z._default(z.literal(THEMES, `One of: ${THEMES.join(', ')}.`), 'default'),
  source: z.optional(source),
});

export type EmbedQuery = z.output<typeof embedQuery>;

/** Width and height in CSS pixels that a consumer may ask for. */
const dimension = z.pipe(
  z.pipe(z.string().check(z.regex(/^\d{1,5}$/, 'A whole number of pixels.')), z.transform(Number)),
  z.number().check(z.minimum(100, 'At least 100.'), z.maximum(10000, 'At most 10000.')),
);

export const oembedQuery = z.object({
  url: z.string().check(z.minLength(1, 'Required.'), z.maxLength(QUERY_LIMIT, 'At most 1000 characters.')),
  format: z._default(z.literal(['json', 'xml'], 'json or xml.'), 'json'),
  maxwidth: z.optional(dimension),
  maxheight: z.optional(dimension),
});

export type OembedQuery = z.output<typeof oembedQuery>;

/** The embed's choices when the query makes none. */
export const DEFAULT_QUERY: EmbedQuery = { widgets: [...DEFAULT_WIDGETS], theme: 'default' };

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: ErrorIssue[] };

/** Parses the query with `schema`; an empty value counts as absent, a long query is refused whole. */
export function parseQuery<S extends z.ZodMiniType>(schema: S, search: string): Parsed<z.output<S>> {
  if (search.length > QUERY_LIMIT) {
    return {
      ok: false,
      issues: [{ path: '(query)', code: 'too_big', message: `At most ${QUERY_LIMIT} characters.` }],
    };
  }
  const raw: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (value !== '' && !(key in raw)) raw[key] = value;
  }
  const result = schema.safeParse(raw);
  return result.success
    ? { ok: true, value: result.data as z.output<S> }
    : { ok: false, issues: toErrorIssues(result.error.issues) };
}
