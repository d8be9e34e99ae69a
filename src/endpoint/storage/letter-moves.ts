import type { StoredGathering } from './types.js';

/**
 * How a host's report moves each case's letter count: by the difference from what the event reported
 * before, and only while it is approved (a pending or rejected event counts nothing, and its decision
 * moves its letters later). Cases whose count does not change are left out.
 */
export function letterMoves(
  before: StoredGathering,
  letters: readonly { caseId: string; count: number }[],
): { caseId: string; delta: number }[] {
  if (before.status !== 'approved') return [];
  const previous = new Map((before.letters ?? []).map((entry) => [entry.caseId, entry.count]));
  return letters
    .map(({ caseId, count }) => ({ caseId, delta: count - (previous.get(caseId) ?? 0) }))
    .filter(({ delta }) => delta !== 0);
}
