// Fails when the drop-in bundle grows past its budget (gzip -9 of dist/w4r.js, every element included).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 35 * 1024;
const bundle = readFileSync('dist/w4r.js');
const gzipped = gzipSync(bundle, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`dist/w4r.js: ${kb(bundle.length)} minified, ${kb(gzipped)} gzip (budget ${kb(BUDGET_BYTES)})`);
if (gzipped > BUDGET_BYTES) {
  console.error(`dist/w4r.js is over its budget by ${kb(gzipped - BUDGET_BYTES)}.`);
  process.exit(1);
}
