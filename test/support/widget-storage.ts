/**
 * Forgets what the widgets kept in this browser (the outbox, "you signed" receipts): every test file
 * of a run shares one origin's localStorage, so a file that signs must not leave a later one a
 * petition that already says thanks.
 */
export function forgetWidgetStorage(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('w4r-')) localStorage.removeItem(key);
}
