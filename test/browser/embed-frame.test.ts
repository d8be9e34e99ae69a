import { expect } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import { anotherPage } from '../support/pages.js';
import { waitUntil } from '../support/queries.js';

// The iframe embed as a partner pastes it: a page with /embed.js and a frame of /embed/:case, both from
// the real endpoint (another origin than the page, as on a partner's site). `npm run build` first: the
// embed page loads the built /w4r.js.

const FIXED_HEIGHT = 900;

/** A partner page holding `frames` (iframe markup), with the endpoint's embed.js unless `script` is false. */
async function partnerPage(frames: string, { script = true } = {}) {
  const head = script ? `<script src="${endpoint}/embed.js" async></script>` : '';
  const page = await anotherPage(frames, head);
  // In view: Chromium lays out a cross-origin frame out of sight only once it comes into view, so a
  // frame below the fold posts its height when the reader scrolls to it.
  page.style.cssText = 'position:fixed;inset-block-start:0;inset-inline-start:0;width:800px;height:600px';
  return page;
}

const iframe = (src: string, height = FIXED_HEIGHT) =>
  `<iframe src="${src}" title="A case" height="${height}" style="border:0;width:380px;vertical-align:top"></iframe>`;

/** The frame's height as the page lays it out. */
const heightOf = (frame: HTMLIFrameElement) => frame.getBoundingClientRect().height;

/**
 * Waits until the frame is taller than `shown` (the widgets are there, not only the page's padding
 * while the bundle loads) and its height has held for half a second.
 */
async function settled(frame: HTMLIFrameElement, shown = 40): Promise<number> {
  let last = -1;
  let since = performance.now();
  const seen: number[] = [];
  await waitUntil(
    () => {
      const height = heightOf(frame);
      if (height !== last) {
        last = height;
        seen.push(height);
        since = performance.now();
      }
      return height > shown && frame.style.height !== '' && performance.now() - since > 500;
    },
    'the frame keeps one height',
    12_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message} above ${shown} px; it took ${seen.join(', ')} px`);
  });
  return last;
}

describe('the iframe embed', () => {
  let page: HTMLIFrameElement | undefined;
  afterEach(() => page?.remove());

  it('grows the frame to its widgets with embed.js, and no higher than the frame of a smaller embed', async function () {
    this.timeout(30_000);
    page = await partnerPage(
      iframe(`${endpoint}/embed/gustavo-gatica`, 150) +
        iframe(`${endpoint}/embed/gustavo-gatica?widgets=counter`, 150),
    );
    const [full, counter] = [...page.contentDocument!.querySelectorAll('iframe')];
    // Card, counter, petition and share are far taller than a counter alone; each frame has its own.
    const fullHeight = await settled(full!, 600);
    const counterHeight = await settled(counter!);
    expect(counterHeight).to.be.lessThan(300);
    expect(fullHeight).to.be.greaterThan(3 * counterHeight);
    expect(full!.getAttribute('scrolling')).to.equal('no');
  });

  it('grows when its content gets taller and shrinks back when it gets shorter', async function () {
    this.timeout(30_000);
    page = await partnerPage(iframe(`${endpoint}/embed/gustavo-gatica?widgets=case-card`, 150));
    const frame = page.contentDocument!.querySelector('iframe')!;
    const wide = await settled(frame, 200);
    // A narrower frame wraps the card's text onto more lines: the page inside gets taller.
    frame.style.width = '240px';
    await waitUntil(() => heightOf(frame) > wide + 50, 'the frame grows with its content', 12_000);
    const narrow = await settled(frame);
    frame.style.width = '380px';
    await waitUntil(() => heightOf(frame) < narrow, 'the frame shrinks with its content', 12_000);
    expect(await settled(frame)).to.equal(wide);
  });

  it('keeps its fixed height and scrolls without embed.js', async function () {
    this.timeout(30_000);
    page = await partnerPage(iframe(`${endpoint}/embed/gustavo-gatica`), { script: false });
    const frame = page.contentDocument!.querySelector('iframe')!;
    // Long enough for the widgets to load and frame.js to have posted, had anyone listened.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(heightOf(frame)).to.equal(FIXED_HEIGHT);
    expect(frame.style.height).to.equal('');
    expect(frame.hasAttribute('scrolling')).to.equal(false);
  });

  it('ignores height messages from another origin, or from a window that is not the frame', async function () {
    this.timeout(30_000);
    page = await partnerPage(iframe(`${endpoint}/embed/gustavo-gatica?widgets=counter`, 150));
    const win = page.contentWindow!;
    const frame = page.contentDocument!.querySelector('iframe')!;
    const height = await settled(frame);
    const forged = (origin: string, source: MessageEventSource | null, value = 5000) =>
      win.dispatchEvent(
        new MessageEvent('message', { data: { type: 'w4r:height', height: value }, origin, source }),
      );
    // A page of another origin, posting for real: its origin is its own.
    win.postMessage({ type: 'w4r:height', height: 5000 }, '*');
    // The frame's window, but another origin.
    forged('https://evil.example', frame.contentWindow);
    // The endpoint's origin, but not the frame that is being sized.
    forged(endpoint, win);
    forged(endpoint, null);
    // Not a height at all.
    win.dispatchEvent(
      new MessageEvent('message', {
        data: { type: 'w4r:height', height: 'tall' },
        origin: endpoint,
        source: frame.contentWindow,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heightOf(frame)).to.equal(height);
    // The same message from the frame itself is applied, up to the cap: the checks above are what refused.
    forged(endpoint, frame.contentWindow, 1e9);
    expect(heightOf(frame)).to.equal(20000);
  });
});
