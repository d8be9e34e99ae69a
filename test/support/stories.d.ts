// Served by the test runner's stories plugin (test/support/stories-plugin.mjs).
declare module '*/__w4r__/stories.js' {
  /** Every `stories/*.stories.ts` by file name, each as a lazy import of the module. */
  export const stories: Record<string, () => Promise<Record<string, unknown>>>;
}
