#!/usr/bin/env node
// Writes `<file>.br` (brotli, highest quality) and `<file>.gz` (gzip -9) beside each text file the
// endpoint serves from dist/, once at build time, so no request pays for compressing a script.
// A copy that would not be smaller is not written; the endpoint then serves the file as it is.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const SERVED = ['dist', 'dist/chunks', 'dist/locales'];
const TEXT = new Set(['.js', '.css', '.map', '.json']);

export const brotli = (content) =>
  brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });

export const gzip = (content) => gzipSync(content, { level: 9 });

function compressDir(dir) {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || !TEXT.has(extname(name))) continue;
    const content = readFileSync(path);
    for (const [suffix, compress] of [
      ['.br', brotli],
      ['.gz', gzip],
    ]) {
      const compressed = compress(content);
      if (compressed.length < content.length) {
        writeFileSync(path + suffix, compressed);
        count++;
      } else rmSync(path + suffix, { force: true });
    }
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = SERVED.reduce((sum, dir) => sum + compressDir(dir), 0);
  console.log(`w4r: ${count} compressed copies written beside the files in dist/`);
}
