import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, posix, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { Deps, Env } from '../deps.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Demo pages served with a Content-Security-Policy of their own. The moderation page holds the admin
 * token: it runs only its own script and talks only to this endpoint, so neither an address nor
 * injected markup can send the token anywhere else, and only pages of this origin may frame it.
 */
const PAGE_POLICIES = new Map([
  [
    '/moderation.html',
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
      "base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  ],
]);

/** A file under `root` (never outside it), or null. */
async function serveFile(
  c: Context,
  root: string,
  relative: string,
  cache: string,
): Promise<Response | null> {
  const path = normalize(join(root, relative));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const type = TYPES[extname(path).toLowerCase()];
  if (!type) return null;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    const etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    const headers = {
      'Content-Type': type,
      'Cache-Control': cache,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
    const body = c.req.method === 'HEAD' ? null : await readFile(path);
    return new Response(body, { headers: { ...headers, 'Content-Length': String(info.size) } });
  } catch {
    return null;
  }
}

/** `/w4r.js`, `/w4r.css`, the source map and `/locales/*.js` from dist/, and the demo pages at `/`. */
export function staticRoutes(app: Hono<Env>, deps: Deps): void {
  const roots = deps.staticRoots;
  if (!roots) return;
  for (const file of ['w4r.js', 'w4r.js.map', 'w4r.css']) {
    app.on(['GET', 'HEAD'], `/${file}`, async (c) => {
      const response = await serveFile(c, roots.dist, file, 'public, max-age=300');
      if (response) response.headers.set('Access-Control-Allow-Origin', '*');
      return response ?? c.notFound();
    });
  }
  // The bundle loads a language's strings as a module script, which browsers fetch with CORS.
  app.on(['GET', 'HEAD'], '/locales/:file', async (c) => {
    const response = await serveFile(
      c,
      join(roots.dist, 'locales'),
      c.req.param('file'),
      'public, max-age=300',
    );
    if (response) response.headers.set('Access-Control-Allow-Origin', '*');
    return response ?? c.notFound();
  });
  app.on(['GET', 'HEAD'], '/*', async (c, next) => {
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    if (relative.includes('\0') || relative.startsWith('/v1/')) return next();
    if (relative.endsWith('/')) relative += 'index.html';
    const response = await serveFile(c, roots.demo, relative, 'no-cache');
    const policy = PAGE_POLICIES.get(posix.normalize(relative));
    if (response && policy) response.headers.set('Content-Security-Policy', policy);
    return response ?? next();
  });
}
