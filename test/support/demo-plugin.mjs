import { readFileSync } from 'node:fs';

/**
 * Serves the built bundle beside the demo pages (`/demo/w4r.js`, `/demo/w4r.css`, the hashed
 * chunks and language files under `/demo/chunks/` and `/demo/locales/`),
 * as the endpoint serves it beside the demo at `/`, so the browser tests open the demo as it ships.
 */
export function demoPlugin() {
  const built = new Map([
    ['/demo/w4r.js', { file: 'dist/w4r.js', type: 'js' }],
    ['/demo/w4r.css', { file: 'dist/w4r.css', type: 'css' }],
  ]);
  return {
    name: 'w4r-demo',
    serve(context) {
      const hashed = /^\/demo\/(chunks|locales)\/([\w-]+\.js)$/.exec(context.path);
      if (hashed) return { body: readFileSync(`dist/${hashed[1]}/${hashed[2]}`, 'utf8'), type: 'js' };
      const target = built.get(context.path);
      if (!target) return undefined;
      return { body: readFileSync(target.file, 'utf8'), type: target.type };
    },
  };
}
