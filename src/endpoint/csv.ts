/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space, quotes
 * doubled; and a leading `= + - @` (or tab, carriage return) prefixed with `'` so a spreadsheet shows
 * the text instead of running it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Rows joined into one chunk of an export's stream: few writes, and memory flat whatever the size. */
const ROWS_PER_CHUNK = 500;

/**
 * A CSV file read from `rows` only as fast as its reader takes it: a byte order mark first, so
 * spreadsheet programs read the file as UTF-8 and show "Özgür" right, then the header and a line per
 * row. A reader that leaves closes `rows`.
 */
export function csvStream<T>(
  header: readonly string[],
  rows: AsyncIterable<T>,
  fields: (row: T) => readonly string[],
): ReadableStream<Uint8Array> {
  const iterator = rows[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode('\uFEFF' + csvRow(header)));
      }
      let chunk = '';
      for (let i = 0; i < ROWS_PER_CHUNK; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvRow(fields(next.value));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
