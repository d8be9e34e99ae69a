/** The embed's small browser files, read once: served as they are written, no build step. */
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

export const EMBED_ASSETS = {
  /** For the framing page: sizes each frame to its content. */
  '/embed.js': { body: read('embed.js'), type: 'text/javascript; charset=utf-8' },
  /** For the embed page: posts its height to the framing page. */
  '/embed/frame.js': { body: read('frame.js'), type: 'text/javascript; charset=utf-8' },
  '/embed/frame.css': { body: read('frame.css'), type: 'text/css; charset=utf-8' },
  '/embed/code.js': { body: read('code.js'), type: 'text/javascript; charset=utf-8' },
} as const;
