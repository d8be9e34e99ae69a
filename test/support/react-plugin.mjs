import { build } from 'esbuild';

/**
 * Serves `/__w4r__/react-app.js`: React 19, react-dom and the package's `w4r-widgets/react` as built in
 * `dist/` (`npm run build` first), bundled into one ES module by esbuild, as a React app's bundler
 * would bundle them. React ships CommonJS only, which a browser cannot import as it is.
 */
export function reactPlugin() {
  let bundled;
  return {
    name: 'w4r-react',
    async serve(context) {
      if (context.path !== '/__w4r__/react-app.js') return undefined;
      bundled ??= build({
        stdin: {
          contents: [
            "export * as React from 'react';",
            "export { createRoot } from 'react-dom/client';",
            "export { flushSync } from 'react-dom';",
            "export * from 'w4r-widgets/react';",
          ].join('\n'),
          resolveDir: process.cwd(),
          loader: 'js',
        },
        bundle: true,
        format: 'esm',
        target: 'es2022',
        conditions: ['production'],
        define: { 'process.env.NODE_ENV': '"production"' },
        write: false,
        logLevel: 'silent',
      }).then((result) => result.outputFiles[0].text);
      return { body: await bundled, type: 'js' };
    },
  };
}
