import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import minifyTemplates from '@lit-labs/rollup-plugin-minify-html-literals';
import terser from '@rollup/plugin-terser';

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
    nodeResolve({ extensions: ['.ts', '.js'], exportConditions: ['production'] }),
    // Whitespace inside html`` and css`` templates is most of an element's weight; esbuild keeps it.
    minifyTemplates(),
    esbuild({ target: 'es2021', legalComments: 'none', tsconfig: 'tsconfig.json' }),
    // terser compresses a few percent smaller than esbuild's minifier, and every byte is the budget's.
    terser({ ecma: 2020, compress: { passes: 3 }, format: { comments: false } }),
    reserveCss,
  ],
};
