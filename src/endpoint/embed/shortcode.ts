import { DEFAULT_WIDGETS, type EmbedQuery } from './query.js';

/** The WordPress plugin's shortcode for a case: `[w4r case="…" widgets="…"]`, defaults left out. */
export function shortcode(caseId: string, query: Partial<EmbedQuery>): string {
  const attributes: [string, string | undefined][] = [
    ['case', caseId],
    [
      'widgets',
      query.widgets && query.widgets.join(',') !== DEFAULT_WIDGETS.join(',')
        ? query.widgets.join(',')
        : undefined,
    ],
    ['locale', query.locale],
    ['theme', query.theme === 'default' ? undefined : query.theme],
    ['source', query.source],
  ];
  const written = attributes.filter(([, value]) => value).map(([name, value]) => `${name}="${value}"`);
  return `[w4r ${written.join(' ')}]`;
}
