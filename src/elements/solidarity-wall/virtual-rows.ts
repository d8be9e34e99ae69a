import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RowHeights } from './row-heights.js';

/** Pixels rendered beyond each edge of the visible part of the list, so fast scrolling shows no gap. */
const OVERSCAN = 480;
/** Narrowest column of the grid layout, in pixels. */
const COLUMN = 260;

interface Anchor {
  id: string;
  delta: number;
}

export interface VirtualRowsSettings {
  /** The scrolling list, once rendered. */
  scroller(): HTMLElement | null;
  /** The items, top to bottom, by id. */
  items(): readonly { id: string }[];
  grid(): boolean;
  /** The reader is near the end of what is loaded. */
  nearEnd(): void;
}

/**
 * Only the rows in view (and a margin) are in the DOM: each row's height is measured once seen and
 * estimated elsewhere, the list padded for the rest. What the reader reads stays where it is when rows
 * above change height or newer items arrive on top; they are counted for a "new items" button instead.
 */
export class VirtualRows implements ReactiveController {
  readonly heights = new RowHeights();
  columns = 1;
  /** Items added above the reader since they last were at the top. */
  newCount = 0;

  private width = 0;
  private listTop = 0;
  private viewport = 0;
  private rendered: [number, number] = [0, -1];
  private anchor?: Anchor | undefined;
  private focusNewest = false;
  private observed?: HTMLElement;
  private laidOut?: { items: readonly { id: string }[]; columns: number };
  private readonly resize = new ResizeObserver(() => this.onScroll());

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly settings: VirtualRowsSettings,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.resize.disconnect();
    this.observed = undefined;
  }

  /** Groups the items into rows of as many columns as fit; call before rendering. */
  layout(): void {
    const items = this.settings.items();
    const cols = this.settings.grid() ? Math.max(1, Math.floor((this.width + 16) / (COLUMN + 16))) : 1;
    if (this.laidOut?.items === items && this.laidOut.columns === cols) return;
    this.laidOut = { items, columns: cols };
    this.columns = cols;
    const keys: string[] = [];
    for (let index = 0; index < items.length; index += cols) keys.push(`${items[index]!.id}|${cols}`);
    this.heights.setRows(keys);
  }

  /** The rows to render now, first and last; remembered, to know when scrolling needs others. */
  take(): [number, number] {
    return (this.rendered = this.range());
  }

  /** The list's padding for the rows not rendered, and its columns. */
  padding([first, last]: [number, number]): Record<string, string> {
    return {
      'padding-block-start': `${this.heights.offset(first)}px`,
      'padding-block-end': `${this.heights.total - this.heights.offset(last + 1)}px`,
      '--_columns': String(this.columns),
    };
  }

  /** A newer item is about to go on top: a reader further down keeps their place and is told. */
  arriving(): void {
    if (this.listTop > 4 && this.settings.items().length) {
      this.anchor ??= this.anchorNow();
      this.newCount++;
    }
  }

  scrollTo(top: number): void {
    this.anchor = undefined;
    this.listTop = top;
    const scroller = this.settings.scroller();
    if (scroller) scroller.scrollTop = top;
    this.newCount = 0;
  }

  /** To the newest item, which takes focus. */
  showNewest(): void {
    this.scrollTo(0);
    this.focusNewest = true;
    this.host.requestUpdate();
  }

  readonly onScroll = (): void => {
    const scroller = this.settings.scroller();
    if (!scroller) return;
    this.listTop = scroller.scrollTop;
    this.viewport = scroller.clientHeight;
    if (this.width !== scroller.clientWidth) {
      this.width = scroller.clientWidth;
      this.host.requestUpdate();
    }
    if (this.listTop <= 4 && this.newCount) {
      this.newCount = 0;
      this.host.requestUpdate();
    }
    const [first, last] = this.range();
    if (first !== this.rendered[0] || last !== this.rendered[1]) this.host.requestUpdate();
    if (last >= this.heights.rowCount - 3) this.settings.nearEnd();
  };

  hostUpdated(): void {
    const scroller = this.settings.scroller();
    if (!scroller) return;
    if (this.observed !== scroller) {
      this.resize.observe(scroller);
      this.observed = scroller;
    }
    // Where the reader was, before rows above them change height or new rows arrive above them.
    if (this.anchor) {
      const index = this.settings.items().findIndex((item) => item.id === this.anchor!.id);
      if (index >= 0)
        scroller.scrollTop = this.heights.offset(Math.floor(index / this.columns)) + this.anchor.delta;
      this.anchor = undefined;
    }
    const anchor = scroller.scrollTop > 4 ? this.anchorNow() : undefined;
    let moved = false;
    for (const row of scroller.querySelectorAll<HTMLElement>('[data-key]')) {
      moved = this.heights.measure(row.dataset['key']!, row.getBoundingClientRect().height) || moved;
    }
    if (moved) {
      this.heights.relayout();
      this.anchor = anchor;
      this.host.requestUpdate();
    }
    if (this.focusNewest) {
      this.focusNewest = false;
      // The list is already at its top; letting focus scroll too could nudge it a pixel past.
      scroller.querySelector<HTMLElement>('article')?.focus({ preventScroll: true });
    }
    this.onScroll();
  }

  /** The first item in view and how far the list is scrolled past it. */
  private anchorNow(): Anchor | undefined {
    const row = this.heights.indexAt(this.listTop);
    const first = this.settings.items()[row * this.columns];
    return first && { id: first.id, delta: this.listTop - this.heights.offset(row) };
  }

  private range(): [number, number] {
    const count = this.heights.rowCount;
    if (!count) return [0, -1];
    const first = this.heights.indexAt(Math.max(0, this.listTop - OVERSCAN));
    const last = this.heights.indexAt(this.listTop + Math.max(this.viewport, 400) + OVERSCAN);
    return [first, Math.min(last, count - 1)];
  }
}
