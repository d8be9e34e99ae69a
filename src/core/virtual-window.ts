import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The rows to render: from `start` up to, not including, `end`. */
export interface VirtualRange {
  start: number;
  end: number;
}

export interface VirtualWindowOptions {
  /** Block size of a row not yet measured, in pixels. */
  estimate: number;
  /** Pixels rendered beyond each edge of the view, so a fast scroll does not show blank space. */
  overscan?: number;
}

/**
 * Renders only the rows of a long list that are in or near view, so a list of 100,000 keeps a
 * bounded number of DOM nodes. Rows may differ in height: each rendered row is measured and
 * remembered, unmeasured ones count as `estimate`.
 *
 * The host renders, inside the element that scrolls, a spacer marked `data-before`, the rows of
 * `range` marked `data-index="<i>"`, and a spacer marked `data-after`; this controller sizes the
 * spacers through the CSSOM (allowed under a strict CSP, unlike a `style` attribute). The browser's
 * scroll anchoring keeps what the reader is reading in place when rows above it get measured.
 */
export class VirtualWindow implements ReactiveController {
  range: VirtualRange = { start: 0, end: 0 };

  private count = 0;
  private sizes: number[] = [];
  private scroller?: HTMLElement;
  private frame = 0;
  private readonly resizes = new ResizeObserver((entries) => this.measured(entries));
  private readonly onScroll = () => this.schedule();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VirtualWindowOptions,
  ) {
    host.addController(this);
  }

  /** The element that scrolls; call whenever it may have been rendered anew. */
  attach(scroller: HTMLElement | null | undefined): void {
    if (scroller === this.scroller) return;
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.scroller = scroller ?? undefined;
    this.scroller?.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizes.disconnect();
    if (this.scroller) this.resizes.observe(this.scroller);
    this.schedule();
  }

  /** Tells how many rows there are; `prepended` rows were added at the start (newest first). */
  setCount(count: number, prepended = 0): void {
    if (prepended > 0) this.sizes.unshift(...new Array<number>(prepended).fill(0));
    this.sizes.length = count;
    this.count = count;
    this.update();
  }

  hostUpdated(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    let before = 0;
    let after = 0;
    for (let i = 0; i < this.range.start; i++) before += this.size(i);
    for (let i = this.range.end; i < this.count; i++) after += this.size(i);
    const spacer = (name: string) => scroller.querySelector<HTMLElement>(`:scope > [data-${name}]`);
    spacer('before')?.style.setProperty('block-size', `${before}px`);
    spacer('after')?.style.setProperty('block-size', `${after}px`);
    // Observing anew lets rows that left the DOM go, and measures the ones that arrived.
    this.resizes.disconnect();
    this.resizes.observe(scroller);
    for (const row of scroller.querySelectorAll(':scope > [data-index]')) this.resizes.observe(row);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resizes.disconnect();
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.scroller = undefined;
  }

  private size(index: number): number {
    return this.sizes[index] || this.options.estimate;
  }

  private measured(entries: ResizeObserverEntry[]): void {
    for (const entry of entries) {
      const index = Number((entry.target as HTMLElement).dataset['index']);
      if (entry.target === this.scroller || Number.isNaN(index)) continue;
      const size = entry.borderBoxSize[0]?.blockSize ?? 0;
      if (size > 0) this.sizes[index] = size;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private update(): void {
    const overscan = this.options.overscan ?? 400;
    const view = this.scroller?.clientHeight || this.options.estimate * 10;
    const top = (this.scroller?.scrollTop ?? 0) - overscan;
    const bottom = (this.scroller?.scrollTop ?? 0) + view + overscan;
    let offset = 0;
    let index = 0;
    while (index < this.count && offset + this.size(index) <= top) offset += this.size(index++);
    const start = index;
    while (index < this.count && offset < bottom) offset += this.size(index++);
    if (start !== this.range.start || index !== this.range.end) {
      this.range = { start, end: index };
      this.host.requestUpdate();
    }
  }
}
