/**
 * The storage contract run on SQLite, the embedded engine (a file per database in a temp dir), and
 * what only SQLite has: upgrades of its own files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../src/endpoint/storage/migrations.js';
import { openStorage } from '../../src/endpoint/storage/index.js';
import { storageContract } from './support/storage-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'w4r-unit-storage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

storageContract('SQLite', (name, options) => openStorage(join(dir, `${name}.sqlite`), options));

describe('SQLite upgrades', () => {
  it('drops the signature keys of a database from before keys were linked to their signer', async () => {
    const file = join(dir, 'version-1.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      ${migrations[0]!.sql}
      INSERT INTO schema_migrations VALUES (1, 'actions', '2020-11-01T00:00:00Z');
      PRAGMA user_version = 1;`);
    const now = new Date().toISOString();
    const key = old.prepare(
      'INSERT INTO idempotency (scope, key, request_hash, status, body, created_at) VALUES (?, ?, ?, 201, ?, ?)',
    );
    key.run('signatures:c1', 'signed-before', 'hash of a name and an email', '{}', now);
    key.run('messages:c1', 'posted-before', 'hash of a message', '{}', now);
    old.close();

    const storage = await openStorage(file);
    const claim = (scope: string, key: string, requestHash: string) => ({ scope, key, requestHash });
    assert.equal(
      await storage.recall(claim('signatures:c1', 'signed-before', 'hash of a name and an email')),
      null,
    );
    assert.equal(
      (await storage.recall(claim('messages:c1', 'posted-before', 'hash of a message')))?.kind,
      'replay',
      'a message key stays: without it a retry would post the message twice',
    );
    await storage.close();
  });
});
