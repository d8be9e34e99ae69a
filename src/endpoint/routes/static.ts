import { join, posix } from 'node:path';
import type { Context, Hono } from 'hono';
import type { Deps, Env } from '../deps.js';
import { StaticFiles } from '../static-files.js';
import { OWN_PAGE_POLICY } from '../page-policy.js';

/** `/w4r.js` keeps its address, so pages pick up a new release within five minutes. */
const SHORT = 'public, max-age=300';
/** A hashed file never changes: a new release has new names. */
const FOREVER = 'public, max-age=31536000, immutable';
/** A hashed file's name: letters, digits, `-` and `_`, then `.js` (or its source map); nothing else is looked up. */
const HASHED_NAME = /^[\w-]+\.js(?:\.map)?$/;

/**
 * What the widgets' scripts are served with: any page may load them (module scripts are fetched with
 * CORS), and a page may see their sizes in its resource timings.
 */
const SCRIPT_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Timing-Allow-Origin': '*' };

/**
 * Demo pages served with a Content-Security-Policy of their own. The moderation page holds the admin
 * token: it runs only its own script and talks only to this endpoint, so neither an address nor
 * injected markup can send the token anywhere else, and only pages of this origin may frame it.
 */
const PAGE_POLICIES = new Map([
  ['/moderation.html', OWN_PAGE_POLICY],
  ['/reports.html', OWN_PAGE_POLICY],
]);

/** An unknown or stale hashed file: nothing to show, so no body. */
const gone = (c: Context) => c.body(null, 404, { 'Cache-Control': 'no-cache' });

/**
 * `/w4r.js` (the loader), `/w4r.all.js`, `/w4r.css` and their source maps; the hashed chunks and
 * language files under `/chunks/` and `/locales/`; the demo pages at `/`. Every text file is sent
 * brotli- or gzip-compressed when the client accepts it, from copies made once.
 */
export function staticRoutes(app: Hono<Env>, deps: Deps): void {
  const roots = deps.staticRoots;
  if (!roots) return;
  const dist = new StaticFiles(roots.dist);
  const demo = new StaticFiles(roots.demo);

  for (const file of ['w4r.js', 'w4r.js.map', 'w4r.all.js', 'w4r.all.js.map', 'w4r.css']) {
    app.on(['GET', 'HEAD'], `/${file}`, async (c) => {
      const response = await dist.respond(c.req.raw, file, { ...SCRIPT_HEADERS, 'Cache-Control': SHORT });
      return response ?? c.notFound();
    });
  }
  for (const folder of ['chunks', 'locales']) {
    app.on(['GET', 'HEAD'], `/${folder}/:file`, async (c) => {
      const file = c.req.param('file');
      if (!HASHED_NAME.test(file)) return gone(c);
      const response = await dist.respond(c.req.raw, join(folder, file), {
        ...SCRIPT_HEADERS,
        'Cache-Control': FOREVER,
      });
      return response ?? gone(c);
    });
  }
  app.on(['GET', 'HEAD'], '/*', async (c, next) => {
    let relative = c.req.path;
    if (relative.startsWith('/v1/')) return next();
    if (relative.endsWith('/')) relative += 'index.html';
    const response = await demo.respond(c.req.raw, relative, { 'Cache-Control': 'no-cache' });
    const policy = PAGE_POLICIES.get(posix.normalize(relative));
    if (response && policy) response.headers.set('Content-Security-Policy', policy);
    return response ?? next();
  });
}
