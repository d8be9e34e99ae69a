// What a page's widgets cost as the endpoint serves them: the loader and every chunk its elements
// need, each as its brotli copy in dist/ (what a browser that accepts br receives), counted once.
import { existsSync, readFileSync, statSync } from 'node:fs';

/** The seven widgets of the first full campaign page, which the 40 KB aim was set for. */
const CAMPAIGN_ELEMENTS = [
  'w4r-campaign',
  'w4r-case-card',
  'w4r-counter',
  'w4r-petition',
  'w4r-share',
  'w4r-letter',
  'w4r-solidarity-wall',
];

/** The kinds of page the benchmark opens and the size check budgets, with the widgets on each. */
export const PAGE_TYPES = {
  blogger: { title: "blogger's page, one case card", elements: ['w4r-case-card'] },
  petition: { title: 'petition page', elements: ['w4r-campaign', 'w4r-counter', 'w4r-petition'] },
  wall: { title: 'wall page', elements: ['w4r-solidarity-wall'] },
  events: { title: 'events page', elements: ['w4r-campaign', 'w4r-events'] },
  campaign: { title: 'full campaign page', elements: CAMPAIGN_ELEMENTS },
  everything: { title: 'full campaign page with events', elements: [...CAMPAIGN_ELEMENTS, 'w4r-events'] },
};

/** Bytes of a file in dist/ as served to a browser that accepts brotli. */
export const servedBytes = (path) => statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;

/** The loader's release: the chunk files and, per element, which of them it needs. */
export const readRelease = (dist = 'dist') => JSON.parse(readFileSync(`${dist}/chunks/release.json`, 'utf8'));

/** Loader plus chunks for a page with `elements`, as served (brotli). */
export function pageWeight(elements, dist = 'dist') {
  const release = readRelease(dist);
  const files = new Set(
    elements.flatMap((tag) => release.elements[tag].map((index) => release.files[index])),
  );
  const chunks = [...files].reduce((sum, file) => sum + servedBytes(`${dist}/chunks/${file}`), 0);
  return { bytes: servedBytes(`${dist}/w4r.js`) + chunks, files: files.size + 1 };
}
