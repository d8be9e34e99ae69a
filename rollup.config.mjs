import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/** `dist/w4r.css`: the optional stylesheet that reserves the widgets' space before the script runs. */
const reserveCss = {
  name: 'w4r-reserve-css',
  buildStart() {
    this.addWatchFile('src/reserve.css');
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'w4r.css', source: readFileSync('src/reserve.css', 'utf8') });
  },
};

/** `dist/w4r.js`: one minified classic script that defines every element. */
export default {
  input: 'src/w4r.ts',
  output: {
    file: 'dist/w4r.js',
    format: 'iife',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [
    nodeResolve({ extensions: ['.ts', '.js'] }),
    esbuild({ target: 'es2021', minify: true, legalComments: 'none', tsconfig: 'tsconfig.json' }),
    reserveCss,
  ],
};
