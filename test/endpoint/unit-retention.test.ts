/** The daily retention job: its first run ten minutes after the start, on the campaign's rules. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { buildCampaign } from '../../src/endpoint/config.js';
import { PhotoFiles } from '../../src/endpoint/photo-files.js';
import { scheduleRetention } from '../../src/endpoint/retention.js';
import { openStorage } from '../../src/endpoint/storage/index.js';

const dir = mkdtempSync(join(tmpdir(), 'w4r-unit-retention-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the retention job', () => {
  it('anonymises what is past its time ten minutes after the start, and says so', async () => {
    const campaign = buildCampaign(JSON.parse(readFileSync('test/endpoint/fixtures/delivery.json', 'utf8')));
    const now = () => new Date('2021-03-10T12:00:00Z');
    const storage = await openStorage(join(dir, 'job.sqlite'), { now });
    const sign = (caseId: string, email: string) =>
      storage.addSignature({
        caseId,
        firstName: 'Ece',
        lastName: 'Job',
        email,
        country: 'TR',
        optIn: false,
        source: null,
        consentVersion: '1',
        createdAt: '2021-01-15T12:00:00Z',
      });
    await sign('kept-short', 'due@example.org');
    await sign('still-open', 'kept@example.org');
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    const lines: string[] = [];
    const stop = scheduleRetention(
      { campaign, storage, photos: new PhotoFiles(join(dir, 'photos')), now },
      (line) => lines.push(line),
    );
    try {
      mock.timers.tick(9 * 60_000);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal((await storage.personalData('kept-short')).signatures, 1, 'not at the start');
      mock.timers.tick(60_000);
      for (let i = 0; i < 100 && lines.length === 0; i++)
        await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(lines, [
        'retention: kept-short: anonymised 1 signatures, 0 messages, removed 0 photos',
      ]);
      assert.equal((await storage.personalData('kept-short')).signatures, 0);
      assert.equal((await storage.personalData('still-open')).signatures, 1, 'an open case keeps its data');
      assert.equal((await storage.counts('kept-short')).signatures, 1);
    } finally {
      stop();
      mock.timers.reset();
      await storage.close();
    }
  });
});
