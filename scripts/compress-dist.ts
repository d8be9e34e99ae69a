#!/usr/bin/env node
// Writes `<file>.br` (brotli, highest quality) and `<file>.gz` (gzip -9) beside each text file the
// endpoint serves from dist/, once at build time, so no request pays for compressing a script.
// A copy that would not be smaller is not written; the endpoint then serves the file as it is.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { compress, ENCODED_SUFFIX, type Encoding } from '../src/endpoint/encoding.js';

const SERVED = ['dist', 'dist/chunks', 'dist/locales'];
const TEXT = new Set(['.js', '.css', '.map', '.json']);

async function compressDir(dir: string): Promise<number> {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || !TEXT.has(extname(name))) continue;
    const content = readFileSync(path);
    for (const encoding of Object.keys(ENCODED_SUFFIX) as Encoding[]) {
      const copy = path + ENCODED_SUFFIX[encoding];
      const compressed = await compress(content, encoding, 'best');
      if (compressed.length < content.length) {
        writeFileSync(copy, compressed);
        count++;
      } else rmSync(copy, { force: true });
    }
  }
  return count;
}

let count = 0;
for (const dir of SERVED) count += await compressDir(dir);
console.log(`w4r: ${count} compressed copies written beside the files in dist/`);
