const DEFAULT_ESTIMATE = 120;

/**
 * The heights of a long list's rows, keyed so a row keeps its height when rows are added above it:
 * measured where the reader has seen them, estimated (the mean of those measured) elsewhere.
 * Gives each row's offset and the row at a given pixel, so the list renders only what is in view.
 */
export class RowHeights {
  private readonly measured = new Map<string, number>();
  private offsets = new Float64Array(1);
  private keys: readonly string[] = [];
  private sum = 0;

  /** The rows, by key, top to bottom. */
  setRows(keys: readonly string[]): void {
    this.keys = keys;
    this.relayout();
  }

  get rowCount(): number {
    return this.keys.length;
  }

  /** Pixels from the top of the list to the top of row `index` (the total height for `rowCount`). */
  offset(index: number): number {
    return this.offsets[Math.max(0, Math.min(index, this.keys.length))]!;
  }

  get total(): number {
    return this.offset(this.keys.length);
  }

  /** The row at `y` pixels from the top of the list. */
  indexAt(y: number): number {
    let low = 0;
    let high = this.keys.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.offsets[middle]! <= y) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  /** Records a row's rendered height; true when it differs from what the layout assumed. */
  measure(key: string, height: number): boolean {
    const before = this.measured.get(key);
    if (before !== undefined && Math.abs(before - height) < 0.5) return false;
    this.sum += height - (before ?? 0);
    this.measured.set(key, height);
    return true;
  }

  /** Recomputes the offsets after heights were measured. */
  relayout(): void {
    const count = this.keys.length;
    if (this.offsets.length < count + 1)
      this.offsets = new Float64Array(Math.max(count + 1, this.offsets.length * 2));
    const estimate = this.measured.size ? this.sum / this.measured.size : DEFAULT_ESTIMATE;
    for (let index = 0; index < count; index++) {
      this.offsets[index + 1] = this.offsets[index]! + (this.measured.get(this.keys[index]!) ?? estimate);
    }
  }
}
