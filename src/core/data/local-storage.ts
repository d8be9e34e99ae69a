/** The page's `localStorage`, or undefined where the browser refuses it (private modes, sandboxed frames). */
export function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
