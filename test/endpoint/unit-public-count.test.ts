/** The public signature count: coarse steps at places nobody can work out, never above the truth. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCountKey, PublicCounts, stepAt } from '../../src/endpoint/public-count.js';

describe('public counts', () => {
  it('step by 10 below 1,000, 100 below 10,000, 1,000 below 100,000', () => {
    assert.deepEqual(
      [0, 999, 1000, 9999, 10_000, 99_999, 100_000].map(stepAt),
      [10, 10, 100, 100, 1000, 1000, 10_000],
    );
  });

  it('never show more than signed, nor fall more than two steps behind, nor go back', () => {
    const counts = new PublicCounts(randomBytes(32));
    let last = 0;
    for (let exact = 0; exact <= 30_000; exact++) {
      const published = counts.signatures('case', exact);
      assert.ok(published <= exact, `${published} for ${exact}`);
      assert.ok(exact - published < 2 * stepAt(exact), `${published} for ${exact}`);
      assert.equal(published % stepAt(published), 0, `${published} is a step`);
      assert.ok(published >= last, `back from ${last} to ${published} at ${exact}`);
      last = published;
    }
    assert.equal(counts.signatures('case', 9), 0, 'fewer than ten is none');
  });

  it('put each step at its own place, different per case and per key', () => {
    const moves = (counts: PublicCounts, caseId: string) => {
      const at: number[] = [];
      for (let exact = 1; exact <= 1000; exact++) {
        if (counts.signatures(caseId, exact) !== counts.signatures(caseId, exact - 1)) at.push(exact);
      }
      return at;
    };
    const key = randomBytes(32);
    const one = moves(new PublicCounts(key), 'a');
    const gaps = one.slice(1).map((at, index) => at - one[index]!);
    assert.ok(new Set(gaps).size >= 5, `gaps: ${gaps.join(',')}`);
    assert.ok(Math.min(...gaps) >= 1 && Math.max(...gaps) <= 19);
    assert.notDeepEqual(moves(new PublicCounts(key), 'b'), one);
    assert.notDeepEqual(moves(new PublicCounts(randomBytes(32)), 'a'), one);
  });

  it('keep their key in a file only the endpoint reads, the same on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w4r-count-key-'));
    try {
      const file = join(dir, 'data', 'count.key');
      const key = loadCountKey(file);
      assert.equal(key.byteLength, 32);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(loadCountKey(file), key);
      assert.deepEqual(readFileSync(file), Buffer.from(key));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
