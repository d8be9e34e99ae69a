/**
 * The URL an image may be loaded from: a relative `src` resolves against the endpoint (or the page);
 * an absolute one must be on the endpoint's or the page's origin. Anything else would be a request to
 * a third party, which the widgets never make, so it gives undefined and the caller shows a placeholder.
 */
export function safeImageSource(src: string, endpoint: string | undefined): string | undefined {
  const page = globalThis.location?.href;
  let base: URL;
  let url: URL;
  try {
    base = new URL(endpoint ? `${endpoint}/` : page);
    url = new URL(src, base);
  } catch {
    return undefined;
  }
  if (url.protocol === 'data:') return /^data:image\/(png|jpeg|webp|avif|gif);/i.test(src) ? src : undefined;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const allowed = new Set([base.origin, globalThis.location?.origin]);
  return allowed.has(url.origin) ? url.href : undefined;
}
