import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, normalize, relative, resolve, sep } from 'node:path';
import { chooseEncoding, compress, ENCODED_SUFFIX, varyOnEncoding, type Encoding } from './encoding.js';

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

const TEXT = /^(text\/|application\/json|image\/svg)/;

/** One way a file can be sent: its bytes, and the strong ETag of exactly those bytes. */
interface Variant {
  body: Buffer;
  etag: string;
}

/** A file as read once: plain, and compressed where that is smaller. */
interface Loaded {
  size: number;
  mtimeMs: number;
  type: string;
  text: boolean;
  plain: Variant;
  encoded: Partial<Record<Encoding, Variant>>;
}

/** The build's copy beside the file (`w4r.js.br`), or, for a page that has none, one made here once. */
async function encodedCopy(path: string, plain: Buffer, encoding: Encoding): Promise<Buffer | undefined> {
  try {
    return await readFile(path + ENCODED_SUFFIX[encoding]);
  } catch {
    // No copy from the build (the demo pages): compressed once now and kept with the file.
  }
  return compress(plain, encoding, 'best');
}

/**
 * Files under one folder, read and compressed once per version of the file (its size and time), so a
 * request only picks a variant: no file is compressed per request, and no path leads outside `root`.
 */
export class StaticFiles {
  private readonly root: string;
  private readonly loaded = new Map<string, Loaded>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file at `relativePath` under the root, or undefined when there is none (or it would be outside). */
  async load(relativePath: string): Promise<Loaded | undefined> {
    if (/[\0\\]/.test(relativePath) || relativePath.split('/').includes('..')) return undefined;
    const path = normalize(resolve(this.root, `.${sep}${relativePath}`));
    const inside = relative(this.root, path);
    if (!inside || inside.startsWith('..') || resolve(this.root, inside) !== path) return undefined;
    const type = TYPES[extname(path).toLowerCase()];
    if (!type) return undefined;
    let info;
    try {
      info = await stat(path);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const known = this.loaded.get(path);
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known;
    const body = await readFile(path);
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const text = TEXT.test(type);
    const encoded: Loaded['encoded'] = {};
    if (text) {
      for (const encoding of ['br', 'gzip'] as const) {
        const copy = await encodedCopy(path, body, encoding);
        if (copy && copy.length < body.length)
          encoded[encoding] = { body: copy, etag: `"${hash}-${encoding}"` };
      }
    }
    const file = {
      size: info.size,
      mtimeMs: info.mtimeMs,
      type,
      text,
      plain: { body, etag: `"${hash}"` },
      encoded,
    };
    this.loaded.set(path, file);
    return file;
  }

  /** The answer for the file at `relativePath` to this request, or undefined when there is no such file. */
  async respond(
    request: Request,
    relativePath: string,
    headers: Record<string, string>,
  ): Promise<Response | undefined> {
    const file = await this.load(relativePath);
    if (!file) return undefined;
    const encoding = file.text
      ? chooseEncoding(request.headers.get('accept-encoding') ?? undefined)
      : undefined;
    const chosen = (encoding && file.encoded[encoding]) || file.plain;
    const sent = new Headers({
      ...headers,
      'Content-Type': file.type,
      ETag: chosen.etag,
      'X-Content-Type-Options': 'nosniff',
    });
    if (file.text) varyOnEncoding(sent);
    if (chosen !== file.plain) sent.set('Content-Encoding', encoding!);
    if (matches(request.headers.get('if-none-match'), chosen.etag))
      return new Response(null, { status: 304, headers: sent });
    sent.set('Content-Length', String(chosen.body.length));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(chosen.body), { headers: sent });
  }
}

/** Whether `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks for this header). */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
