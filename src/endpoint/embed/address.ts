/** Where this endpoint is, as the browser sees it, and the embed addresses built on it. */
import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import { DEFAULT_WIDGETS, type EmbedQuery } from './query.js';

/**
 * The endpoint's own origin: W4R_PUBLIC_URL's when it is set. Without it, the Host this request was
 * asked for, or with `trustProxy` the X-Forwarded-Proto and X-Forwarded-Host the proxy in front set,
 * which is what `npm start` on a laptop needs but lets a client choose the addresses written.
 */
export function publicOrigin(c: Context, deps: Pick<Deps, 'publicOrigin' | 'trustProxy'>): string {
  if (deps.publicOrigin) return deps.publicOrigin;
  const { trustProxy } = deps;
  const url = new URL(c.req.url);
  if (trustProxy > 0) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host && /^[\w.-]+(:\d{1,5})?$/.test(host)) url.host = host;
  }
  return url.origin;
}

/** The embed page's address with only what differs from the defaults, in a fixed order. */
export function embedUrl(origin: string, caseId: string, query: Partial<EmbedQuery> = {}): string {
  const params = new URLSearchParams();
  const widgets = query.widgets ?? DEFAULT_WIDGETS;
  if (widgets.join(',') !== DEFAULT_WIDGETS.join(',')) params.set('widgets', widgets.join(','));
  if (query.locale) params.set('locale', query.locale);
  if (query.theme && query.theme !== 'default') params.set('theme', query.theme);
  if (query.source) params.set('source', query.source);
  const search = params.toString();
  return `${origin}/embed/${encodeURIComponent(caseId)}${search ? `?${search}` : ''}`;
}

export function oembedUrl(origin: string, url: string): string {
  return `${origin}/oembed?${new URLSearchParams({ url, format: 'json' })}`;
}
