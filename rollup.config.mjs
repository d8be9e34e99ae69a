import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

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
  ],
};
