import type { Context, Hono } from 'hono';
import { langTag } from '../../schema/index.js';
import type { Deps, Env } from '../deps.js';
import { requireCase } from '../guards.js';
import { readStats } from '../views.js';
import { invalid } from '../http.js';

const isLangTag = (value: string) => langTag.safeParse(value).success;

/** Languages the client wants, best first: `?locale=`, then Accept-Language by weight. */
export function wantedLanguages(c: Context): string[] {
  const wanted: string[] = [];
  const locale = c.req.query('locale');
  if (locale !== undefined && locale !== '') {
    if (!isLangTag(locale)) {
      throw invalid([{ path: 'locale', code: 'invalid_format', message: 'A language tag such as "es".' }]);
    }
    wanted.push(locale);
  }
  const header = c.req.header('accept-language') ?? '';
  const weighted = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => isLangTag(tag) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of weighted) wanted.push(tag);
  return wanted;
}

export function casesRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/v1/cases', (c) => {
    const wanted = wantedLanguages(c);
    c.header('Vary', 'Accept-Language', { append: true });
    return c.json({ cases: deps.campaign.ids.map((id) => deps.campaign.localized(id, wanted)!) });
  });

  app.get('/v1/cases/:id', (c) => {
    const { id } = requireCase(deps, c);
    c.header('Vary', 'Accept-Language', { append: true });
    return c.json(deps.campaign.localized(id, wantedLanguages(c))!);
  });

  app.get('/v1/cases/:id/stats', async (c) => {
    const { id } = requireCase(deps, c);
    return c.json(await readStats(deps, id));
  });

  /** What the forms need to know about the campaign: privacy link, consent wording version. */
  app.get('/v1/campaign', (c) => {
    const { id, name, defaultLocale, privacyHref, consentVersion, minFillMs } = deps.campaign.config;
    return c.json({ id, name, defaultLocale, privacyHref, consentVersion, minFillMs });
  });
}
