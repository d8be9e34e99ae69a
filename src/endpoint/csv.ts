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
