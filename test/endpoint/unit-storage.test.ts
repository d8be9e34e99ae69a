/** The SQLite storage on its own: group commit, exact counts, dedupe, idempotency, erasure. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStorage } from '../../src/endpoint/storage/sqlite.js';
import type { NewSignature } from '../../src/endpoint/storage/types.js';

const dir = mkdtempSync(join(tmpdir(), 'w4r-unit-storage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const signature = (email: string, caseId = 'c1'): NewSignature => ({
  caseId,
  firstName: 'Ana',
  lastName: 'Díaz',
  email,
  country: 'CL',
  optIn: false,
  source: null,
  consentVersion: 'v1',
  createdAt: new Date().toISOString(),
});

describe('SqliteStorage', () => {
  it('counts 200 concurrent signatures exactly, once per email', async () => {
    const storage = new SqliteStorage(join(dir, 'a.sqlite'));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => storage.addSignature(signature(` User${i % 50}@Example.org `))),
    );
    const counted = results.filter((r) => r.kind === 'done' && r.value.added).length;
    assert.equal(counted, 50);
    assert.equal((await storage.counts('c1')).signatures, 50);
    await storage.close();
  });

  it('replays the first answer for a key and refuses the key with another request', async () => {
    const storage = new SqliteStorage(join(dir, 'b.sqlite'));
    const keyed = (hash: string) => ({
      claim: { scope: 'signatures:c1', key: 'k', requestHash: hash },
      answer: (value: { added: boolean }) => ({ status: 201, body: { added: value.added } }),
    });
    const [first, second, third] = await Promise.all([
      storage.addSignature(signature('a@x.org'), keyed('h1')),
      storage.addSignature(signature('a@x.org'), keyed('h1')),
      storage.addSignature(signature('b@x.org'), keyed('h2')),
    ]);
    assert.equal(first?.kind, 'done');
    assert.deepEqual(second, { kind: 'replay', answer: { status: 201, body: { added: true } } });
    assert.equal(third?.kind, 'conflict');
    assert.equal((await storage.counts('c1')).signatures, 1);
    await storage.close();
  });

  it('commits the rest of a batch when one write in it fails, and fails that one alone', async () => {
    const storage = new SqliteStorage(join(dir, 'f.sqlite'));
    const message = (text: string) => ({
      id: 'same-id',
      caseId: 'c1',
      name: 'Ana',
      country: null,
      text,
      source: null,
      status: 'approved' as const,
      heldFor: [],
      createdAt: new Date().toISOString(),
    });
    // Queued in one turn, so one batch: the second message breaks the unique id.
    const [before, first, clash, after] = await Promise.allSettled([
      storage.addSignature(signature('before@x.org')),
      storage.addMessage(message('first')),
      storage.addMessage(message('clash')),
      storage.addSignature(signature('after@x.org')),
    ]);
    assert.equal(before.status, 'fulfilled');
    assert.equal(first.status, 'fulfilled');
    assert.equal(clash.status, 'rejected');
    assert.match(String((clash as PromiseRejectedResult).reason), /UNIQUE/);
    assert.equal(after.status, 'fulfilled');
    assert.deepEqual(await storage.counts('c1'), { signatures: 2, messages: 1, letters: 0 });
    assert.equal((await storage.getMessage('same-id'))?.text, 'first');
    await storage.close();
  });

  it('keeps what was committed across a reopen, and migrates once', async () => {
    const file = join(dir, 'c.sqlite');
    const storage = new SqliteStorage(file);
    await storage.addSignature(signature('keep@x.org'));
    await storage.close();
    const again = new SqliteStorage(file);
    assert.equal((await again.counts('c1')).signatures, 1);
    await again.close();
  });

  it('erases a supporter everywhere and lowers the counts', async () => {
    const storage = new SqliteStorage(join(dir, 'd.sqlite'));
    await Promise.all([
      storage.addSignature(signature('gone@x.org', 'c1')),
      storage.addSignature(signature('GONE@x.org', 'c2')),
      storage.addSignature(signature('stays@x.org', 'c1')),
    ]);
    const erased = await storage.eraseSupporter(' Gone@X.org ');
    assert.equal(erased.signatures, 2);
    assert.deepEqual(erased.cases.sort(), ['c1', 'c2']);
    assert.equal((await storage.counts('c1')).signatures, 1);
    assert.equal((await storage.counts('c2')).signatures, 0);
    const rows = [];
    for await (const row of storage.exportSignatures('c1')) rows.push(row.email);
    assert.deepEqual(rows, ['stays@x.org']);
    await storage.close();
  });

  it('pages messages newest first and refuses a forged cursor', async () => {
    const storage = new SqliteStorage(join(dir, 'e.sqlite'));
    for (let i = 0; i < 5; i++) {
      await storage.addMessage({
        id: `m${i}`,
        caseId: 'c1',
        name: 'Ana',
        country: null,
        text: `hello ${i}`,
        source: null,
        status: 'approved',
        heldFor: [],
        createdAt: new Date().toISOString(),
      });
    }
    const first = await storage.listMessages({ status: 'approved', caseId: 'c1', limit: 2 });
    assert.deepEqual(
      first.items.map((m) => m.id),
      ['m4', 'm3'],
    );
    assert.equal(first.total, 5);
    const second = await storage.listMessages({
      status: 'approved',
      caseId: 'c1',
      limit: 2,
      cursor: first.nextCursor!,
    });
    assert.deepEqual(
      second.items.map((m) => m.id),
      ['m2', 'm1'],
    );
    await assert.rejects(storage.listMessages({ status: 'approved', limit: 2, cursor: 'bogus' }));
    assert.equal((await storage.counts('c1')).messages, 5);
    await storage.setMessageStatus('m4', 'rejected');
    assert.equal((await storage.counts('c1')).messages, 4);
    await storage.close();
  });
});
