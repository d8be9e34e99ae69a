/** The storage contract run on SQLite, the embedded engine: a file per database in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStorage } from '../../src/endpoint/storage/index.js';
import { storageContract } from './support/storage-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'w4r-unit-storage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

storageContract('SQLite', (name, options) => openStorage(join(dir, `${name}.sqlite`), options));
