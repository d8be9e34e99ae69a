import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { caseId as caseIdSchema } from '../../schema/index.js';
import type { Deps, Env } from '../deps.js';
import { embedUrl, oembedUrl, publicOrigin } from '../embed/address.js';
import { EMBED_ASSETS, EMBED_ASSETS_DIR } from '../embed/assets.js';
import { codePage } from '../embed/code-page.js';
import { embedPage, errorPage } from '../embed/page.js';
import { embedPolicy, pagePolicy } from '../embed/policy.js';
import { DEFAULT_QUERY, embedQuery, parseQuery } from '../embed/query.js';
import { embedSnippet } from '../embed/snippet.js';
import { shortcode } from '../embed/shortcode.js';
import { StaticFiles } from '../static-files.js';

const codeQuery = z.extend(embedQuery, { case: z.optional(caseIdSchema) });

function page(c: Context, body: string, status: 200 | 400 | 404, policy: string): Response {
  return c.body(body, status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': status === 200 ? 'public, max-age=60' : 'no-store',
  });
}

const search = (c: Context) => new URL(c.req.url).search.slice(1);

/** `/embed/:case`, the page for an iframe; `/embed`, the page that gives its code; their scripts. */
export function embedRoutes(app: Hono<Env>, deps: Deps): void {
  const { campaign } = deps;
  const framing = embedPolicy(campaign.config.origins);

  // Compressed and given an ETag like every other file the endpoint serves.
  const assets = new StaticFiles(EMBED_ASSETS_DIR);
  for (const [path, file] of Object.entries(EMBED_ASSETS)) {
    app.on(['GET', 'HEAD'], path, async (c) => {
      const response = await assets.respond(c.req.raw, file, { 'Cache-Control': 'public, max-age=300' });
      return response ?? c.notFound();
    });
  }

  app.get('/embed/:case', (c) => {
    const id = c.req.param('case');
    const config = campaign.caseConfig(id);
    if (!config) {
      const text = `There is no case “${id.slice(0, 80)}” in ${campaign.config.name}. Check the address you pasted.`;
      return page(c, errorPage('This case cannot be shown', text), 404, framing);
    }
    const parsed = parseQuery(embedQuery, search(c));
    if (!parsed.ok) {
      const text = 'The embed code asks for something this endpoint does not have:';
      return page(c, errorPage('This embed cannot be shown', text, parsed.issues), 400, framing);
    }
    const query = parsed.value;
    const lang = query.locale ?? campaign.config.defaultLocale;
    const origin = publicOrigin(c, deps);
    const body = embedPage({
      caseId: id,
      caseName: campaign.localized(id, [lang])?.name ?? config.name,
      campaignName: campaign.config.name,
      query,
      lang,
      oembed: oembedUrl(origin, embedUrl(origin, id, query)),
    });
    return page(c, body, 200, framing);
  });

  app.get('/embed', (c) => {
    const params = new URLSearchParams(search(c));
    const picked = params.getAll('widget');
    params.delete('widget');
    if (picked.length > 0) params.set('widgets', picked.join(','));
    const parsed = parseQuery(codeQuery, params.toString());
    const query: z.output<typeof codeQuery> = parsed.ok ? parsed.value : DEFAULT_QUERY;
    const chosen = query.case && campaign.caseConfig(query.case) ? query.case : undefined;
    const origin = publicOrigin(c, deps);
    const src = chosen ? embedUrl(origin, chosen, query) : '';
    const name = chosen ? (campaign.localized(chosen, [])?.name ?? chosen) : '';
    const body = codePage({
      campaignName: campaign.config.name,
      cases: campaign.ids.map((id) => ({ id, name: campaign.localized(id, [])?.name ?? id })),
      caseId: chosen,
      query,
      issues: parsed.ok ? [] : parsed.issues,
      src,
      iframe: chosen ? embedSnippet(origin, { src, title: name }) : '',
      shortcode: chosen ? shortcode(chosen, query) : '',
    });
    const policy = pagePolicy({ frameAncestors: "'self'", formAction: "'self'", frameSrc: "'self'" });
    return page(c, body, parsed.ok ? 200 : 400, policy);
  });
}
