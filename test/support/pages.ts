/**
 * Another page of the same site, as after a reload or in a second tab: the same storage, its own copy
 * of the script and its own outbox. `body` is its markup; `head` runs before the page's modules.
 * Resolves once its scripts have run.
 */
export async function anotherPage(body: string, head = ''): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.title = 'Another page';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
  document.body.append(frame);
  await loaded;
  return frame;
}

/** A script for `anotherPage`'s head: records the `Idempotency-Key` of each POST in `window.w4rPosted`. */
export const RECORD_POSTS = `<script>
  window.w4rPosted = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'POST') window.w4rPosted.push(request.headers.get('Idempotency-Key'));
    return realFetch(request);
  };
</script>`;

/** A page of the given address in a frame of the test page, once it has loaded. */
export async function openPage(
  src: string,
  { title = 'A partner page', width = 800, height = 900 } = {},
): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.title = title;
  frame.style.inlineSize = `${width}px`;
  frame.style.blockSize = `${height}px`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  await loaded;
  return frame;
}

interface AxeWindow extends Window {
  axe?: { run(context: Document | Element): Promise<{ violations: { id: string; help: string }[] }> };
}

/** What axe finds wrong in the whole document of a same-origin `frame`, as `id: help` lines. */
export async function axeViolations(frame: HTMLIFrameElement): Promise<string[]> {
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as AxeWindow;
  if (!win.axe) await loadScript(doc, '/node_modules/axe-core/axe.min.js');
  const { violations } = await win.axe!.run(doc);
  return violations.map((violation) => `${violation.id}: ${violation.help}`);
}

/** Adds a classic script to `doc` and resolves once it has run. */
export async function loadScript(doc: Document, src: string): Promise<void> {
  const script = doc.createElement('script');
  script.src = src;
  const loaded = new Promise((resolve, reject) => {
    script.addEventListener('load', resolve, { once: true });
    script.addEventListener('error', reject, { once: true });
  });
  doc.head.append(script);
  await loaded;
}
