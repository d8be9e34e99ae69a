/**
 * What every storage engine must do, as one suite: run it with a factory for the engine
 * (`storageContract('SQLite', open)`). The same name opens the same database again; a new name a
 * new, empty one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  Counts,
  IdempotencyClaim,
  Keyed,
  JoinResult,
  NewDelivery,
  NewGathering,
  NewMessage,
  NewSignature,
  SignatureResult,
  Storage,
  StorageOptions,
  StoredGathering,
} from '../../../src/endpoint/storage/index.js';

export type StorageFactory = (name: string, options?: StorageOptions) => Promise<Storage>;

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

const message = (id: string, text: string): NewMessage => ({
  id,
  caseId: 'c1',
  name: 'Ana',
  country: null,
  text,
  source: null,
  status: 'approved',
  heldFor: [],
  createdAt: new Date().toISOString(),
});

const claim = (key: string, requestHash = 'h1', scope = 'signatures:c1'): IdempotencyClaim => ({
  scope,
  key,
  requestHash,
});

const keyed = (key: string, requestHash = 'h1'): Keyed<SignatureResult> => ({
  claim: claim(key, requestHash),
  answer: (value) => ({ status: 201, body: { signatures: value.counts.signatures } }),
});

const TARGETS = ['https://crm.example/hook'];

const delivery = (
  eventId: string,
  subject: string | null = null,
  target = 'https://crm.example/hook',
): NewDelivery => ({
  eventId,
  target,
  type: 'signature.created',
  caseId: 'c1',
  body: JSON.stringify({ id: eventId }),
  subject,
  createdAt: new Date().toISOString(),
});

const gathering = (id: string, overrides: Partial<NewGathering> = {}): NewGathering => ({
  id,
  group: 'Club',
  title: `Event ${id}`,
  description: null,
  start: '2040-01-10T18:00:00.000Z',
  end: '2040-01-10T20:00:00.000Z',
  timeZone: 'UTC',
  city: 'Santiago',
  country: 'CL',
  onlineUrl: null,
  cases: ['c1', 'c2'],
  capacity: null,
  lang: null,
  source: null,
  email: 'host@x.org',
  tokenHash: 'digest',
  status: 'approved',
  heldFor: [],
  createdAt: new Date().toISOString(),
  ...overrides,
});

/** Resolves once `test` passes, trying again every few milliseconds; fails after a thousand tries. */
async function eventually(what: string, test: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await test()); tries++) {
    if (tries === 1000) assert.fail(`${what} never happened`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

export function storageContract(engine: string, open: StorageFactory): void {
  let databases = 0;
  const fresh = (options?: StorageOptions) => open(`contract-${++databases}`, options);

  describe(`storage contract: ${engine}`, () => {
    it('counts 200 concurrent signatures exactly, once per email', async () => {
      const storage = await fresh();
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => storage.addSignature(signature(` User${i % 50}@Example.org `))),
      );
      const added = results.filter((r) => r.kind === 'done' && r.value.added).length;
      assert.equal(added, 50);
      assert.equal((await storage.counts('c1')).signatures, 50);
      await storage.close();
    });

    it('replays the first answer for a key and refuses the key with another request', async () => {
      const storage = await fresh();
      const [first, second, third] = await Promise.all([
        storage.addSignature(signature('a@x.org'), keyed('k', 'h1')),
        storage.addSignature(signature('a@x.org'), keyed('k', 'h1')),
        storage.addSignature(signature('b@x.org'), keyed('k', 'h2')),
      ]);
      assert.equal(first?.kind, 'done');
      assert.deepEqual(second, { kind: 'replay', answer: { status: 201, body: { signatures: 1 } } });
      assert.equal(third?.kind, 'conflict');
      assert.equal((await storage.counts('c1')).signatures, 1);
      await storage.close();
    });

    it('replays a key sent again while its first write is still being committed', async () => {
      const storage = await fresh();
      const letters = { caseId: 'c1', count: 2, country: null, kind: 'appeal' as const, source: null };
      const key: Keyed<Counts> = {
        claim: claim('letters-key', 'h1', 'letters:c1'),
        answer: () => ({ status: 201, body: { ok: true } }),
      };
      // Reads first, as on a running endpoint: an engine with a pool then has connections ready.
      await Promise.all(Array.from({ length: 4 }, () => storage.counts('c1')));
      // A retry every turn of the event loop: some land in later batches than the first.
      const sent = [];
      for (let i = 0; i < 20; i++) {
        sent.push(storage.addLetters({ ...letters, createdAt: new Date().toISOString() }, key));
        await new Promise((done) => setImmediate(done));
      }
      const outcomes = await Promise.all(sent);
      assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), [
        'done',
        ...Array<string>(19).fill('replay'),
      ]);
      assert.equal((await storage.counts('c1')).letters, 2, 'counted once');
      await storage.close();
    });

    it('recalls what a committed key answered, and nothing for a key it has not seen', async () => {
      const storage = await fresh();
      assert.equal(await storage.recall(claim('k')), null);
      await storage.addSignature(signature('a@x.org'), keyed('k', 'h1'));
      assert.deepEqual(await storage.recall(claim('k', 'h1')), {
        kind: 'replay',
        answer: { status: 201, body: { signatures: 1 } },
      });
      assert.deepEqual(await storage.recall(claim('k', 'h2')), { kind: 'conflict' });
      assert.equal(await storage.recall(claim('k', 'h1', 'signatures:c2')), null, 'keys are per scope');
      await storage.close();
    });

    it('commits the rest of a batch when one write in it fails, and fails that one alone', async () => {
      const storage = await fresh();
      // Queued together: the second message breaks the unique id.
      const [before, first, clash, after] = await Promise.allSettled([
        storage.addSignature(signature('before@x.org')),
        storage.addMessage(message('same-id', 'first')),
        storage.addMessage(message('same-id', 'clash')),
        storage.addSignature(signature('after@x.org')),
      ]);
      assert.equal(before.status, 'fulfilled');
      assert.equal(first.status, 'fulfilled');
      assert.equal(clash.status, 'rejected');
      assert.equal(after.status, 'fulfilled');
      assert.deepEqual(await storage.counts('c1'), { signatures: 2, messages: 1, letters: 0 });
      assert.equal((await storage.getMessage('same-id'))?.text, 'first');
      await storage.close();
    });

    it('keeps what was committed, keys included, across a reopen', async () => {
      const name = `contract-${++databases}`;
      const storage = await open(name);
      await storage.addSignature(signature('keep@x.org'), keyed('kept'));
      await storage.close();
      const again = await open(name);
      assert.equal((await again.counts('c1')).signatures, 1);
      assert.equal((await again.recall(claim('kept')))?.kind, 'replay');
      await again.close();
    });

    it('erases a supporter everywhere, with the keys of their signatures, and lowers the counts', async () => {
      const storage = await fresh();
      await Promise.all([
        storage.addSignature(signature('gone@x.org', 'c1'), keyed('gone-1')),
        storage.addSignature(signature('GONE@x.org', 'c2')),
        storage.addSignature(signature('stays@x.org', 'c1'), keyed('stays')),
      ]);
      // A repeat under its own key holds the same person's name and email: it goes too.
      await storage.addSignature(signature('gone@x.org', 'c1'), keyed('gone-again', 'h2'));
      const erased = await storage.eraseSupporter(' Gone@X.org ');
      assert.equal(erased.signatures, 2);
      assert.deepEqual(erased.cases.sort(), ['c1', 'c2']);
      assert.equal((await storage.counts('c1')).signatures, 1);
      assert.equal((await storage.counts('c2')).signatures, 0);
      const rows = [];
      for await (const row of storage.exportSignatures('c1')) rows.push(row.email);
      assert.deepEqual(rows, ['stays@x.org']);
      assert.equal(await storage.recall(claim('gone-1')), null);
      assert.equal(await storage.recall(claim('gone-again', 'h2')), null);
      assert.equal((await storage.recall(claim('stays')))?.kind, 'replay', 'the neighbour keeps theirs');
      await storage.close();
    });

    it('forgets expired keys while it runs, not only when it opens', async () => {
      let clock = Date.parse('2030-01-01T00:00:00Z');
      const storage = await fresh({
        idempotencyTtlMs: 60_000,
        purgeIntervalMs: 10,
        now: () => new Date(clock),
      });
      await storage.addSignature(signature('old@x.org'), keyed('old'));
      clock += 45_000;
      await storage.addSignature(signature('new@x.org'), keyed('new'));
      clock += 30_000;
      await eventually('the purge', async () => (await storage.recall(claim('old'))) === null);
      assert.equal((await storage.recall(claim('new')))?.kind, 'replay', 'a key within its time stays');
      assert.equal((await storage.counts('c1')).signatures, 2, 'the signatures stay');
      await storage.close();
    });

    it('pages messages newest first and refuses a forged cursor', async () => {
      const storage = await fresh();
      for (let i = 0; i < 5; i++) await storage.addMessage(message(`m${i}`, `hello ${i}`));
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

    it('keeps a rejected photo rejected: its file is gone, so it is never approved again', async () => {
      const storage = await fresh();
      const photo = {
        id: 'p1',
        caseId: 'c1',
        type: 'image/png',
        size: 10,
        file: 'p1.png',
        source: null,
        createdAt: new Date().toISOString(),
      };
      await storage.addPhoto(photo);
      assert.equal((await storage.setPhotoStatus('p1', 'approved'))?.status, 'approved');
      assert.equal((await storage.setPhotoStatus('p1', 'rejected'))?.status, 'rejected');
      assert.equal((await storage.setPhotoStatus('p1', 'approved'))?.status, 'rejected');
      assert.equal((await storage.getPhoto('p1'))?.status, 'rejected');
      assert.equal((await storage.listPhotos({ status: 'approved', limit: 10 })).total, 0);
      assert.equal(await storage.setPhotoStatus('nope', 'approved'), null);
      await storage.close();
    });

    it("writes outbox rows in the action's transaction: none for a write that fails or repeats", async () => {
      const storage = await fresh();
      const report = (id: string) => () => [delivery(id)];
      await Promise.allSettled([
        storage.addMessage(message('same', 'first'), undefined, report('first')),
        storage.addMessage(message('same', 'clash'), undefined, report('clash')),
        storage.addSignature(signature('a@x.org'), keyed('k'), (r) => (r.added ? [delivery('signed')] : [])),
        storage.addSignature(signature('a@x.org'), keyed('k'), () => [delivery('replayed')]),
      ]);
      const listed = await storage.outbox.list({ limit: 10 });
      assert.deepEqual(listed.items.map((d) => d.eventId).sort(), ['first', 'signed']);
      assert.ok(listed.items.every((d) => d.state === 'pending' && d.attempts === 0));
      await storage.close();
    });

    it('lets two instances claim disjoint deliveries, and only the holder settle one', async () => {
      const name = `contract-${++databases}`;
      const one = await open(name);
      const two = await open(name);
      await one.addLetters(
        {
          caseId: 'c1',
          count: 1,
          country: null,
          kind: 'appeal',
          source: null,
          createdAt: new Date().toISOString(),
        },
        undefined,
        () => Array.from({ length: 40 }, (_, i) => delivery(`e${i}`)),
      );
      const now = new Date();
      const [a, b] = await Promise.all([
        one.outbox.claim('one', now, 60_000, 25, TARGETS),
        two.outbox.claim('two', now, 60_000, 25, TARGETS),
      ]);
      const ids = [...a, ...b].map((d) => d.eventId);
      assert.equal(ids.length, 40, 'every due delivery is claimed once');
      assert.equal(new Set(ids).size, 40, 'no delivery is claimed by both');
      assert.deepEqual(
        await one.outbox.claim('one', now, 60_000, 10, TARGETS),
        [],
        'claimed rows are not due',
      );
      const first = a[0]!;
      assert.equal(first.attempts, 1);
      assert.equal(
        await two.outbox.settle(first.id, 'two', now, {
          outcome: 'delivered',
          status: 200,
        }),
        false,
        'another owner cannot settle it',
      );
      assert.equal(
        await one.outbox.settle(first.id, 'one', now, {
          outcome: 'delivered',
          status: 200,
        }),
        true,
      );
      // A crashed owner's lease runs out: its deliveries come due again, for anyone.
      const later = new Date(now.getTime() + 60_001);
      const again = await two.outbox.claim('two', later, 60_000, 100, TARGETS);
      assert.equal(again.length, 39);
      assert.ok(again.every((d) => d.attempts === 2 && d.eventId !== first.eventId));
      await one.close();
      await two.close();
    });

    it('retries when told, dead-letters, lists failures and replays dead letters', async () => {
      const storage = await fresh();
      await storage.addLetters(
        {
          caseId: 'c1',
          count: 1,
          country: null,
          kind: 'appeal',
          source: null,
          createdAt: new Date().toISOString(),
        },
        undefined,
        () => [delivery('retry'), delivery('dead')],
      );
      const now = new Date();
      const [r, d] = await storage.outbox.claim('me', now, 60_000, 10, TARGETS);
      const soon = new Date(now.getTime() + 1000);
      await storage.outbox.settle(r!.id, 'me', now, {
        outcome: 'retry',
        status: 503,
        error: 'answered 503',
        nextAttemptAt: soon,
      });
      await storage.outbox.settle(d!.id, 'me', now, {
        outcome: 'dead',
        status: 404,
        error: 'answered 404',
      });
      assert.equal((await storage.outbox.nextDue(TARGETS))?.getTime(), soon.getTime());
      assert.deepEqual(
        await storage.outbox.claim('me', now, 60_000, 10, TARGETS),
        [],
        'not due before its time',
      );
      const failures = await storage.outbox.list({ failed: true, limit: 10 });
      assert.deepEqual(failures.items.map((f) => [f.eventId, f.state, f.lastStatus]).sort(), [
        ['dead', 'dead', 404],
        ['retry', 'pending', 503],
      ]);
      assert.equal((await storage.outbox.list({ state: 'dead', limit: 10 })).total, 1);
      const due = await storage.outbox.claim('me', soon, 60_000, 10, TARGETS);
      assert.deepEqual(
        due.map((x) => [x.eventId, x.attempts]),
        [['retry', 2]],
      );
      assert.equal(await storage.outbox.replay(now, 'nothing-dead'), 0);
      assert.equal(await storage.outbox.replay(soon, 'dead'), 1);
      const replayed = await storage.outbox.claim('me', soon, 60_000, 10, TARGETS);
      assert.deepEqual(
        replayed.map((x) => [x.eventId, x.attempts, x.retryFrom]),
        [['dead', 1, soon.toISOString()]],
      );
      await storage.close();
    });

    it('forgets what is unsent about an erased supporter, and keeps the erasure notice', async () => {
      const storage = await fresh();
      await storage.addSignature(signature('gone@x.org'), undefined, () => [
        delivery('about-gone', 'gone@x.org'),
      ]);
      await storage.addSignature(signature('stays@x.org'), undefined, () => [
        delivery('about-stays', 'stays@x.org'),
      ]);
      await storage.eraseSupporter('GONE@x.org', () => [{ ...delivery('erased'), caseId: null }]);
      const ids = (await storage.outbox.list({ limit: 10 })).items.map((d) => d.eventId).sort();
      assert.deepEqual(ids, ['about-stays', 'erased']);
      // Retention of the case takes what the outbox holds of it too; the erasure notice names no case.
      await storage.anonymise('c1');
      assert.deepEqual(
        (await storage.outbox.list({ limit: 10 })).items.map((d) => d.eventId),
        ['erased'],
      );
      await storage.close();
    });

    it('confirms a pending opt-in once, and says so for a second time or an unknown id', async () => {
      const storage = await fresh();
      await storage.addSignature({ ...signature('double@x.org'), optIn: true, optInId: 'opt-1' });
      await storage.addSignature({ ...signature('single@x.org'), optIn: true });
      await storage.addSignature(signature('none@x.org'));
      const states = async () => {
        const rows: Record<string, [string, boolean, string]> = {};
        for await (const row of storage.exportSignatures('c1'))
          rows[row.email] = [row.optIn, row.optInAt !== null, row.consentVersion];
        return rows;
      };
      assert.deepEqual(await states(), {
        'double@x.org': ['pending', false, 'v1'],
        'single@x.org': ['confirmed', true, 'v1'],
        'none@x.org': ['none', false, 'v1'],
      });
      const at = '2030-01-02T03:04:05.000Z';
      const reported: string[] = [];
      const first = await storage.confirmOptIn('opt-1', at, (s) => {
        reported.push(s.email);
        return [delivery('confirmed', s.email)];
      });
      assert.equal(first.kind, 'confirmed');
      assert.equal(first.kind === 'confirmed' && first.signature.optInAt, at);
      const again = await storage.confirmOptIn('opt-1', '2031-01-01T00:00:00.000Z', () => [
        delivery('twice'),
      ]);
      assert.equal(again.kind, 'already');
      assert.equal(again.kind === 'already' && again.signature.optInAt, at, 'the first confirmation stands');
      assert.deepEqual(await storage.confirmOptIn('never-given', at), { kind: 'unknown' });
      assert.deepEqual(reported, ['double@x.org']);
      assert.deepEqual(
        (await storage.outbox.list({ limit: 10 })).items.map((d) => d.eventId),
        ['confirmed'],
      );
      assert.equal((await states())['double@x.org']?.[0], 'confirmed');
      await storage.eraseSupporter('double@x.org');
      assert.deepEqual(
        await storage.confirmOptIn('opt-1', at),
        { kind: 'unknown' },
        'erased: nothing to confirm',
      );
      await storage.close();
    });

    it("claims only the targets asked for, and expires a paused target's old deliveries unsent", async () => {
      const storage = await fresh();
      const old = new Date(Date.now() - 100_000);
      const other = 'https://other.example/hook';
      await storage.addLetters(
        { caseId: 'c1', count: 1, country: null, kind: 'appeal', source: null, createdAt: old.toISOString() },
        undefined,
        () => [delivery('mine'), delivery('theirs', null, other)],
      );
      const now = new Date(Date.now() + 1000);
      assert.equal((await storage.outbox.nextDue([other]))?.getTime() !== undefined, true);
      assert.equal(
        await storage.outbox.expire(other, now, new Date(Date.now() + 500), 'down for 72 hours'),
        1,
      );
      const claimed = await storage.outbox.claim('me', now, 60_000, 10, TARGETS);
      assert.deepEqual(
        claimed.map((d) => d.eventId),
        ['mine'],
      );
      const dead = await storage.outbox.list({ state: 'dead', limit: 10 });
      assert.deepEqual(
        dead.items.map((d) => [d.eventId, d.attempts, d.lastError]),
        [['theirs', 0, 'down for 72 hours']],
      );
      assert.equal(await storage.outbox.nextDue([other]), null);
      await storage.close();
    });

    it('adds up a case by country for delivery, and gives its approved messages oldest first', async () => {
      const storage = await fresh();
      await Promise.all([
        storage.addSignature({ ...signature('a@x.org'), country: 'TR' }),
        storage.addSignature({ ...signature('b@x.org'), country: 'TR' }),
        storage.addSignature({ ...signature('c@x.org'), country: 'CL' }),
        storage.addSignature({ ...signature('d@x.org', 'c2'), country: 'ZA' }),
      ]);
      const letters = {
        caseId: 'c1',
        kind: 'appeal' as const,
        source: null,
        createdAt: new Date().toISOString(),
      };
      await storage.addLetters({ ...letters, count: 3, country: 'CL' });
      await storage.addLetters({ ...letters, count: 2, country: 'CL' });
      await storage.addLetters({ ...letters, count: 4, country: null });
      await storage.addMessage({ ...message('m1', 'first'), country: 'TR' });
      await storage.addMessage({ ...message('m2', 'waits'), country: 'TR', status: 'pending' });
      await storage.addMessage({ ...message('m3', 'second'), country: null });
      assert.deepEqual(await storage.deliveryTotals('c1'), [
        { country: 'CL', signatures: 1, letters: 5, messages: 0 },
        { country: 'TR', signatures: 2, letters: 0, messages: 1 },
        { country: null, signatures: 0, letters: 4, messages: 1 },
      ]);
      assert.deepEqual(await storage.deliveryTotals('nothing'), []);
      const texts = [];
      for await (const each of storage.exportMessages('c1')) texts.push(each.text);
      assert.deepEqual(texts, ['first', 'second']);
      await storage.close();
    });

    it('anonymises a case: names, emails and their keys go, countries, dates, counts and approved texts stay', async () => {
      const storage = await fresh();
      await storage.addSignature(signature('gone@x.org'), keyed('gone'));
      await storage.addSignature({ ...signature('also@x.org'), country: 'TR' });
      await storage.addSignature(signature('other-case@x.org', 'c2'), keyed('stays', 'h2'));
      await storage.addMessage(message('shown', 'Stay strong'));
      await storage.addMessage({ ...message('waits', 'Never read'), status: 'pending' });
      const photo = {
        caseId: 'c1',
        type: 'image/png',
        size: 10,
        source: null,
        createdAt: new Date().toISOString(),
      };
      await storage.addPhoto({ ...photo, id: 'p1', file: 'p1.png' });
      await storage.addPhoto({ ...photo, id: 'p2', file: 'p2.png' });
      const counts = await storage.counts('c1');
      const totals = await storage.deliveryTotals('c1');
      assert.deepEqual(await storage.personalData('c1'), { signatures: 2, messages: 2, photos: 2 });

      assert.deepEqual(await storage.anonymise('c1'), { signatures: 2, messages: 2 });
      assert.deepEqual(await storage.anonymise('c1'), { signatures: 0, messages: 0 }, 'nothing twice');
      assert.deepEqual(await storage.counts('c1'), counts);
      assert.deepEqual(await storage.deliveryTotals('c1'), totals);
      const rows = [];
      for await (const row of storage.exportSignatures('c1')) rows.push(row);
      assert.deepEqual(
        rows.map(({ firstName, lastName, email, country }) => ({ firstName, lastName, email, country })),
        [
          { firstName: '', lastName: '', email: '', country: 'CL' },
          { firstName: '', lastName: '', email: '', country: 'TR' },
        ],
      );
      assert.equal(await storage.recall(claim('gone')), null, 'the key made from the name and email goes');
      assert.equal(
        (await storage.recall(claim('stays', 'h2')))?.kind,
        'replay',
        'another case keeps its own',
      );
      assert.deepEqual(
        { ...(await storage.getMessage('shown')), createdAt: '' },
        { ...message('shown', 'Stay strong'), name: '', createdAt: '' },
      );
      const waits = await storage.getMessage('waits');
      assert.deepEqual([waits?.name, waits?.text, waits?.status], ['', '', 'rejected']);
      assert.equal((await storage.counts('c1')).messages, 1);
      const revived = await storage.setMessageStatus('waits', 'approved');
      assert.equal(revived?.message.status, 'rejected', 'a message whose text is gone is never approved');
      assert.equal((await storage.getMessage('waits'))?.status, 'rejected');
      assert.equal((await storage.counts('c1')).messages, 1, 'and never counted');

      // Photos: the files go first, then each row says so.
      assert.deepEqual(
        (await storage.keptPhotos('c1', 1)).map((p) => p.id),
        ['p1'],
      );
      await storage.photoRemoved('p1');
      assert.deepEqual(
        (await storage.keptPhotos('c1', 10)).map((p) => p.id),
        ['p2'],
      );
      await storage.photoRemoved('p2');
      assert.deepEqual(await storage.personalData('c1'), { signatures: 0, messages: 0, photos: 0 });
      assert.deepEqual(await storage.personalData('c2'), { signatures: 1, messages: 0, photos: 0 });
      await storage.close();
    });

    it('lists events soonest first by status, case, country and online, from a given moment', async () => {
      const storage = await fresh();
      const g = storage.gatherings;
      await g.add(gathering('late', { start: '2040-03-01T10:00:00.000Z', end: '2040-03-01T12:00:00.000Z' }));
      await g.add(gathering('early', { start: '2040-01-01T10:00:00.000Z', end: '2040-01-01T12:00:00.000Z' }));
      await g.add(
        gathering('online', { city: null, country: null, onlineUrl: 'https://x.org/', cases: ['c2'] }),
      );
      await g.add(gathering('waiting', { status: 'pending' }));
      await g.add(gathering('over', { start: '2020-01-01T10:00:00.000Z', end: '2020-01-01T12:00:00.000Z' }));
      const ids = async (query: Partial<Parameters<typeof g.list>[0]>) =>
        (await g.list({ status: 'approved', limit: 10, ...query })).items.map((item) => item.id);
      assert.deepEqual(await ids({ endsAfter: '2030-01-01T00:00:00.000Z' }), ['early', 'online', 'late']);
      assert.deepEqual(await ids({ caseId: 'c1', endsAfter: '2030-01-01T00:00:00.000Z' }), ['early', 'late']);
      assert.deepEqual(await ids({ online: true }), ['online']);
      assert.deepEqual(await ids({ country: 'CL' }), ['over', 'early', 'late']);
      assert.deepEqual(await ids({ status: 'pending' }), ['waiting']);
      const first = await g.list({ status: 'approved', limit: 2 });
      assert.equal(first.total, 4);
      const rest = await g.list({ status: 'approved', limit: 2, cursor: first.nextCursor! });
      assert.deepEqual(
        [...first.items, ...rest.items].map((item) => item.id),
        ['over', 'early', 'online', 'late'],
      );
      await assert.rejects(g.list({ status: 'approved', limit: 2, cursor: 'bogus' }));
      await storage.close();
    });

    it("counts a report once into each case's letters, corrected by difference, while approved", async () => {
      const storage = await fresh();
      const g = storage.gatherings;
      await g.add(gathering('e1'));
      await storage.addLetters({
        caseId: 'c1',
        count: 2,
        country: null,
        kind: 'appeal',
        source: null,
        createdAt: new Date().toISOString(),
      });
      const report = (c1: number, c2: number) =>
        g.report('e1', [
          { caseId: 'c1', count: c1 },
          { caseId: 'c2', count: c2 },
        ]);
      await report(25, 4);
      assert.equal((await storage.counts('c1')).letters, 27);
      assert.equal((await storage.counts('c2')).letters, 4);
      const corrected = await report(30, 4);
      assert.equal(corrected.kind, 'done');
      if (corrected.kind === 'done')
        assert.deepEqual(
          corrected.value.changed.map((entry) => entry.caseId),
          ['c1'],
        );
      assert.equal((await storage.counts('c1')).letters, 32);
      assert.deepEqual((await g.get('e1'))?.letters, [
        { caseId: 'c1', count: 30 },
        { caseId: 'c2', count: 4 },
      ]);
      assert.deepEqual((await g.setStatus('e1', 'rejected'))?.changed.sort(), ['c1', 'c2']);
      assert.equal((await storage.counts('c1')).letters, 2);
      await g.setStatus('e1', 'approved');
      assert.equal((await storage.counts('c1')).letters, 32);
      assert.equal(await g.setStatus('nope', 'approved'), null);
      await storage.close();
    });

    it('counts participants, replays a keyed join, and knows no unknown event', async () => {
      const storage = await fresh();
      const g = storage.gatherings;
      await g.add(gathering('e1'));
      const key: Keyed<JoinResult> = {
        claim: claim('j', 'h', 'gathering-joins:e1'),
        answer: (value) => ({ status: 201, body: { participants: value } }),
      };
      assert.deepEqual(await g.join('e1'), { kind: 'done', value: 1 });
      assert.deepEqual(await g.join('e1', key), { kind: 'done', value: 2 });
      assert.equal((await g.join('e1', key)).kind, 'replay');
      assert.equal((await g.get('e1'))?.participants, 2);
      assert.deepEqual(await g.join('nope'), { kind: 'done', value: null });
      await storage.close();
    });

    it("counts nobody past an event's capacity", async () => {
      const storage = await fresh();
      const g = storage.gatherings;
      await g.add(gathering('e1', { capacity: 2 }));
      const joins = await Promise.all([g.join('e1'), g.join('e1'), g.join('e1')]);
      assert.deepEqual(
        joins.map((join) => join.kind === 'done' && join.value),
        [1, 2, 'full'],
      );
      assert.equal((await g.get('e1'))?.participants, 2);
      await storage.close();
    });

    it("erases a host's events and their keys, keeping their letters in the totals", async () => {
      const storage = await fresh();
      const g = storage.gatherings;
      const key: Keyed<StoredGathering> = {
        claim: claim('host', 'h', 'gatherings'),
        answer: () => ({ status: 201, body: { editToken: 'secret' } }),
      };
      await g.add(gathering('gone', { email: 'Host@X.org' }), key);
      await g.add(gathering('stays', { email: 'other@x.org' }));
      await g.report('gone', [{ caseId: 'c1', count: 9 }]);
      assert.deepEqual(await g.eraseHost(' host@x.ORG '), { gatherings: 1 });
      assert.equal(await g.get('gone'), null);
      assert.equal((await g.get('stays'))?.id, 'stays');
      assert.equal(await storage.recall(claim('host', 'h', 'gatherings')), null);
      assert.equal((await storage.counts('c1')).letters, 9);
      const exported = [];
      for await (const row of g.export()) exported.push(row.id);
      assert.deepEqual(exported, ['stays']);
      await storage.close();
    });
  });
}
