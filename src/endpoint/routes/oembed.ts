import type { Context, Hono } from 'hono';
import type { Deps, Env } from '../deps.js';
import { embedUrl, publicOrigin } from '../embed/address.js';
import { DEFAULT_QUERY, embedQuery, oembedQuery, parseQuery, type EmbedQuery } from '../embed/query.js';
import { FIXED_HEIGHT, MAX_WIDTH, embedSnippet } from '../embed/snippet.js';
import { HttpError, invalid } from '../http.js';

/** How long a consumer may keep an answer: the case's name and the frame change rarely. */
const CACHE_AGE = 3600;

const notOurs = () =>
  new HttpError(404, 'not_found', 'That address is not a case of this endpoint: nothing to embed.');

/** The case and embed choices a URL stands for: an embed page of this endpoint, or a case's share address. */
function resolveUrl(deps: Deps, origin: string, raw: string): { caseId: string; query: EmbedQuery } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid([
      { path: 'url', code: 'invalid_format', message: 'An address such as https://…/embed/case-id.' },
    ]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid([{ path: 'url', code: 'invalid_format', message: 'An http or https address.' }]);
  }
  const byShare = deps.campaign.ids.find((id) => shareUrls(deps, id).includes(withoutHash(url)));
  if (byShare) return { caseId: byShare, query: DEFAULT_QUERY };
  if (url.origin !== origin) throw notOurs();
  const match = /^\/embed\/([^/]+)$/.exec(url.pathname);
  const caseId = match ? safeDecode(match[1]!) : undefined;
  if (caseId === undefined || !deps.campaign.caseConfig(caseId)) throw notOurs();
  const parsed = parseQuery(embedQuery, url.search.slice(1));
  if (!parsed.ok) {
    throw invalid(parsed.issues.map((issue) => ({ ...issue, path: `url.${issue.path}` })));
  }
  return { caseId, query: parsed.value };
}

function shareUrls(deps: Deps, id: string): string[] {
  const config = deps.campaign.caseConfig(id);
  const urls = [config?.share?.url, ...Object.values(config?.translations ?? {}).map((t) => t.share?.url)];
  return urls.filter((url): url is string => typeof url === 'string').map((url) => withoutHash(new URL(url)));
}

const withoutHash = (url: URL) => url.href.split('#')[0]!;

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** `GET /oembed`: oEmbed 1.0, type `rich`, for a case's embed page or share address. */
export function oembedRoutes(app: Hono<Env>, deps: Deps): void {
  app.get('/oembed', (c: Context<Env>) => {
    const parsed = parseQuery(oembedQuery, new URL(c.req.url).search.slice(1));
    if (!parsed.ok) throw invalid(parsed.issues);
    const { url, format, maxwidth, maxheight } = parsed.value;
    if (format === 'xml') {
      throw new HttpError(501, 'not_implemented', 'Only format=json is offered.');
    }
    const origin = publicOrigin(c, deps);
    const { caseId, query } = resolveUrl(deps, origin, url);
    const title = deps.campaign.localized(caseId, query.locale ? [query.locale] : [])!.name;
    const width = Math.min(maxwidth ?? MAX_WIDTH, MAX_WIDTH);
    const height = Math.min(maxheight ?? FIXED_HEIGHT, FIXED_HEIGHT);
    const src = embedUrl(origin, caseId, query);
    c.header('Cache-Control', `public, max-age=${CACHE_AGE}`);
    return c.json({
      version: '1.0',
      type: 'rich',
      title,
      provider_name: deps.campaign.config.name,
      provider_url: `${origin}/`,
      cache_age: CACHE_AGE,
      width,
      height,
      html: embedSnippet(origin, { src, title, width, height }),
    });
  });
}
