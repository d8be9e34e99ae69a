import { readdirSync } from 'node:fs';

/**
 * Serves `/__w4r__/stories.js`: every `stories/*.stories.ts`, each as a lazy import, so the stories
 * test renders every story there is without anyone registering theirs.
 */
export function storiesPlugin() {
  return {
    name: 'w4r-stories',
    serve(context) {
      if (context.path !== '/__w4r__/stories.js') return undefined;
      const files = readdirSync('stories')
        .filter((file) => file.endsWith('.stories.ts'))
        .sort();
      const entries = files.map((file) => `  ${JSON.stringify(file)}: () => import('/stories/${file}'),`);
      return { body: `export const stories = {\n${entries.join('\n')}\n};\n`, type: 'js' };
    },
  };
}
