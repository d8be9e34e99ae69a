/** The embed's small browser files, served as they are written (no build step), by their addresses. */
import { fileURLToPath } from 'node:url';

export const EMBED_ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

export const EMBED_ASSETS = {
  /** For the framing page: sizes each frame to its content. */
  '/embed.js': 'embed.js',
  /** For the embed page: posts its height to the framing page. */
  '/embed/frame.js': 'frame.js',
  '/embed/frame.css': 'frame.css',
  '/embed/code.js': 'code.js',
} as const;
