import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { decodeCursor, encodeCursor } from './cursor.js';
import { GroupCommit } from './group-commit.js';
import { migrate } from './migrations.js';
import {
  EXPORT_CHUNK,
  KEY_TTL_MS,
  PURGE_INTERVAL_MS,
  toCounts,
  toMessage,
  toPhoto,
  toSignatureRow,
  type Row,
} from './rows.js';
import { SqliteOutbox } from './sqlite-outbox.js';
import { SqliteReports } from './sqlite-reports.js';
import type { TallyQuery, TallyRow } from './reports.js';
import { deliveryTotals, exportMessages } from './sqlite-delivery.js';
import {
  anonymiseMessages,
  anonymiseSignatures,
  keptPhotos,
  personalData,
  photoRemoved,
  RETENTION_BATCH,
} from './sqlite-retention.js';
import type { Done, SqliteCore } from './sqlite-core.js';
import { SqliteGatherings } from './sqlite-gatherings.js';
import {
  normalizeEmail,
  type Counts,
  type CountryTotals,
  type Erasure,
  type GatheringStore,
  type IdempotencyClaim,
  type Keyed,
  type MessageQuery,
  type MessageResult,
  type MessageStatus,
  type NewLetters,
  type NewMessage,
  type NewPhoto,
  type NewSignature,
  type Outcome,
  type Page,
  type PhotoQuery,
  type PersonalData,
  type PhotoStatus,
  type Recalled,
  type Confirmation,
  type ConfirmedSignature,
  type Report,
  type StatusChange,
  type SignatureResult,
  type SignatureRow,
  type Storage,
  type StorageOptions,
  type StoredMessage,
  type StoredPhoto,
} from './types.js';

export interface SqliteOptions extends StorageOptions {
  /** See GroupCommitOptions.windowMs (default W4R_GROUP_WINDOW_MS, else 0). */
  groupWindowMs?: number;
}

/**
 * SQLite through better-sqlite3: WAL journal, `synchronous=FULL` (every commit is fsynced before it
 * returns), and group commit (group-commit.ts): every write queued during one turn of the event loop
 * is committed in ONE transaction on the next `setImmediate`, and each caller's promise settles only
 * after that commit. `secure_delete` zeroes what is deleted, so an erased supporter cannot be read back from
 * the file's free space.
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  readonly outbox: SqliteOutbox;
  private readonly reports: SqliteReports;
  readonly gatherings: GatheringStore;
  private readonly db: Database.Database;
  private readonly commits: GroupCommit<() => unknown>;
  private closed = false;
  private readonly s;
  private readonly now: () => Date;
  private readonly ttlMs: number;
  private readonly purger: NodeJS.Timeout;

  /** Opens (creating and migrating) the database in `file`, or `:memory:`. */
  static async open(file: string, options: SqliteOptions = {}): Promise<SqliteStorage> {
    return new SqliteStorage(file, options);
  }

  private constructor(file: string, options: SqliteOptions) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('secure_delete = ON');
      migrate(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }

    const db = this.db;
    this.commits = new GroupCommit<() => unknown>(
      {
        all: (batch) => db.transaction(() => batch.map((run) => run()))(),
        one: (run) => db.transaction(run)(),
      },
      { windowMs: options.groupWindowMs ?? Number(process.env.W4R_GROUP_WINDOW_MS ?? 0) },
    );
    this.s = {
      counts: db.prepare('SELECT signatures, messages, letters FROM case_counts WHERE case_id = ?'),
      bump: {
        signatures: db.prepare(
          `INSERT INTO case_counts (case_id, signatures) VALUES (?, ?)
           ON CONFLICT (case_id) DO UPDATE SET signatures = signatures + excluded.signatures`,
        ),
        messages: db.prepare(
          `INSERT INTO case_counts (case_id, messages) VALUES (?, ?)
           ON CONFLICT (case_id) DO UPDATE SET messages = messages + excluded.messages`,
        ),
        letters: db.prepare(
          `INSERT INTO case_counts (case_id, letters) VALUES (?, ?)
           ON CONFLICT (case_id) DO UPDATE SET letters = letters + excluded.letters`,
        ),
      },
      idemGet: db.prepare('SELECT request_hash, status, body FROM idempotency WHERE scope = ? AND key = ?'),
      idemPut: db.prepare(
        `INSERT INTO idempotency (scope, key, request_hash, status, body, created_at, signature_seq,
           gathering_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      idemPurge: db.prepare('DELETE FROM idempotency WHERE created_at < ?'),
      signatureInsert: db.prepare(
        `INSERT INTO signatures (case_id, first_name, last_name, email, email_norm, country, opt_in, source,
           consent_version, consented_at, created_at, opt_in_state, opt_in_at, opt_in_id)
         VALUES (@caseId, @firstName, @lastName, @email, @emailNorm, @country, @optIn, @source,
           @consentVersion, @createdAt, @createdAt, @optInState, @optInAt, @optInId)
         ON CONFLICT (case_id, email_norm) DO NOTHING`,
      ),
      optInGet: db.prepare('SELECT * FROM signatures WHERE opt_in_id = ?'),
      optInConfirm: db.prepare(
        `UPDATE signatures SET opt_in_state = 'confirmed', opt_in_at = ? WHERE opt_in_id = ? AND opt_in_state = 'pending'`,
      ),
      signatureSeq: db.prepare('SELECT seq FROM signatures WHERE case_id = ? AND email_norm = ?'),
      messageInsert: db.prepare(
        `INSERT INTO messages (id, case_id, name, country, text, source, status, held_for, created_at)
         VALUES (@id, @caseId, @name, @country, @text, @source, @status, @heldFor, @createdAt)`,
      ),
      messageGet: db.prepare('SELECT * FROM messages WHERE id = ?'),
      messageStatus: db.prepare('UPDATE messages SET status = ?, decided_at = ? WHERE id = ?'),
      lettersInsert: db.prepare(
        `INSERT INTO letters (case_id, count, country, kind, source, created_at)
         VALUES (@caseId, @count, @country, @kind, @source, @createdAt)`,
      ),
      photoInsert: db.prepare(
        `INSERT INTO photos (id, case_id, type, size, file, source, status, created_at)
         VALUES (@id, @caseId, @type, @size, @file, @source, 'pending', @createdAt)`,
      ),
      photoGet: db.prepare('SELECT * FROM photos WHERE id = ?'),
      photoStatus: db.prepare('UPDATE photos SET status = ?, decided_at = ? WHERE id = ?'),
      exportChunk: db.prepare(
        `SELECT seq, first_name, last_name, email, country, source, created_at, opt_in_state, opt_in_at,
           consent_version FROM signatures
         WHERE case_id = ? AND seq > ? ORDER BY seq LIMIT ${EXPORT_CHUNK}`,
      ),
      erasePerCase: db.prepare(
        'SELECT case_id, COUNT(*) AS n FROM signatures WHERE email_norm = ? GROUP BY case_id',
      ),
      eraseKeys: db.prepare(
        'DELETE FROM idempotency WHERE signature_seq IN (SELECT seq FROM signatures WHERE email_norm = ?)',
      ),
      eraseSignatures: db.prepare('DELETE FROM signatures WHERE email_norm = ?'),
    };

    this.now = options.now ?? (() => new Date());
    this.outbox = new SqliteOutbox(db, (run) => this.enqueue(run));
    this.reports = new SqliteReports(db);
    this.ttlMs = options.idempotencyTtlMs ?? KEY_TTL_MS;
    this.s.idemPurge.run(this.keysExpireBefore());
    this.purger = setInterval(() => {
      // A purge that fails is tried again next time; the writes that matter report their own failures.
      this.purgeExpiredKeys().catch(() => undefined);
    }, options.purgeIntervalMs ?? PURGE_INTERVAL_MS);
    this.purger.unref();
    this.gatherings = new SqliteGatherings(this.core());
  }

  /** This connection's group commit and helpers, for the modules that keep other tables. */
  private core(): SqliteCore {
    return {
      db: this.db,
      enqueue: (run) => this.enqueue(run),
      keyed: (run, keyed) => this.keyed(run, keyed),
      prepared: (sql) => this.prepared(sql),
      addLetters: (caseId, delta) => void this.s.bump.letters.run(caseId, delta),
      countsNow: (caseId) => this.countsNow(caseId),
      emptyWal: () => this.emptyWal(),
      stamp: () => this.stamp(),
    };
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private keysExpireBefore(): string {
    return new Date(this.now().getTime() - this.ttlMs).toISOString();
  }

  private purgeExpiredKeys(): Promise<unknown> {
    return this.enqueue(() => this.s.idemPurge.run(this.keysExpireBefore()));
  }

  private enqueue<T>(run: () => T): Promise<T> {
    return this.commits.enqueue<T>(run);
  }

  private recallNow({ scope, key, requestHash }: IdempotencyClaim): Recalled | null {
    const seen = this.s.idemGet.get(scope, key) as Row | undefined;
    if (!seen) return null;
    return seen.request_hash === requestHash
      ? { kind: 'replay', answer: { status: seen.status as number, body: JSON.parse(seen.body as string) } }
      : { kind: 'conflict' };
  }

  private keyed<T>(run: () => Done<T>, keyed?: Keyed<T>): Promise<Outcome<T>> {
    return this.enqueue((): Outcome<T> => {
      const seen = keyed ? this.recallNow(keyed.claim) : null;
      if (seen) return seen;
      const { value, signatureSeq, gatheringId } = run();
      if (keyed) {
        const { scope, key, requestHash } = keyed.claim;
        const answer = keyed.answer(value);
        this.s.idemPut.run(
          scope,
          key,
          requestHash,
          answer.status,
          JSON.stringify(answer.body),
          this.stamp(),
          signatureSeq ?? null,
          gatheringId ?? null,
        );
      }
      return { kind: 'done', value };
    });
  }

  private countsNow(caseId: string): Counts {
    return toCounts(this.s.counts.get(caseId) as Row | undefined);
  }

  // ---- reads ----

  counts(caseId: string): Promise<Counts> {
    return Promise.resolve(this.countsNow(caseId));
  }

  recall(claim: IdempotencyClaim): Promise<Recalled | null> {
    return Promise.resolve(this.recallNow(claim));
  }

  async listMessages(query: MessageQuery): Promise<Page<StoredMessage>> {
    return this.page('messages', query.status, query.caseId, query.cursor, query.limit, toMessage);
  }

  async listPhotos(query: PhotoQuery): Promise<Page<StoredPhoto>> {
    return this.page('photos', query.status, query.caseId, query.cursor, query.limit, toPhoto);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Statements built from a few fixed shapes, prepared once each. */
  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private page<T>(
    table: 'messages' | 'photos',
    status: string,
    caseId: string | undefined,
    cursor: string | undefined,
    limit: number,
    map: (row: Row) => T,
  ): Page<T> {
    const before = decodeCursor(cursor);
    const where = caseId === undefined ? 'status = @status' : 'status = @status AND case_id = @caseId';
    const params = { status, caseId, before: before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 };
    const rows = this.prepared(
      `SELECT * FROM ${table} WHERE ${where} AND seq < @before ORDER BY seq DESC LIMIT @limit`,
    ).all(params) as Row[];
    const total = (
      this.prepared(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(params) as { n: number }
    ).n;
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items.at(-1);
    return {
      items: items.map(map),
      nextCursor: more && last ? encodeCursor(last.seq as number) : null,
      total,
    };
  }

  getMessage(id: string): Promise<StoredMessage | null> {
    const row = this.s.messageGet.get(id) as Row | undefined;
    return Promise.resolve(row ? toMessage(row) : null);
  }

  getPhoto(id: string): Promise<StoredPhoto | null> {
    const row = this.s.photoGet.get(id) as Row | undefined;
    return Promise.resolve(row ? toPhoto(row) : null);
  }

  async *exportSignatures(caseId: string): AsyncIterable<SignatureRow> {
    let after = 0;
    for (;;) {
      // Chunks, not one open iterator: writes go on between them on this same connection.
      const rows = this.s.exportChunk.all(caseId, after) as Row[];
      for (const row of rows) {
        yield toSignatureRow(row);
      }
      if (rows.length < EXPORT_CHUNK) return;
      after = rows.at(-1)!.seq as number;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  tally(query: TallyQuery): Promise<TallyRow[]> {
    return Promise.resolve(this.reports.tally(query));
  }

  exportMessages(caseId: string): AsyncIterable<StoredMessage> {
    return exportMessages(this.db, caseId, toMessage);
  }

  deliveryTotals(caseId: string): Promise<CountryTotals[]> {
    return Promise.resolve(deliveryTotals(this.db, caseId));
  }

  personalData(caseId: string): Promise<PersonalData> {
    return Promise.resolve(personalData(this.db, caseId));
  }

  keptPhotos(caseId: string, limit: number): Promise<StoredPhoto[]> {
    return Promise.resolve(keptPhotos(this.db, caseId, limit).map(toPhoto));
  }

  // ---- writes ----

  confirmOptIn(optInId: string, at: string, report?: Report<ConfirmedSignature>): Promise<Confirmation> {
    return this.enqueue((): Confirmation => {
      const row = this.s.optInGet.get(optInId) as Row | undefined;
      if (!row) return { kind: 'unknown' };
      const confirmed = this.s.optInConfirm.run(at, optInId).changes === 1;
      const signature: ConfirmedSignature = {
        caseId: row.case_id as string,
        firstName: row.first_name as string,
        lastName: row.last_name as string,
        email: row.email as string,
        country: row.country as string,
        source: (row.source as string | null) ?? null,
        consentVersion: row.consent_version as string,
        optInAt: confirmed ? at : ((row.opt_in_at as string | null) ?? at),
      };
      if (!confirmed) return { kind: 'already', signature };
      this.report(report, signature);
      return { kind: 'confirmed', signature };
    });
  }

  /** Inside a write's transaction: the outbox rows its report makes of what it did. */
  private report<T>(report: Report<T> | undefined, value: T): void {
    if (report) this.outbox.add(report(value), this.now().getTime());
  }

  addSignature(
    signature: NewSignature,
    keyed?: Keyed<SignatureResult>,
    report?: Report<SignatureResult>,
  ): Promise<Outcome<SignatureResult>> {
    return this.keyed(() => {
      const emailNorm = normalizeEmail(signature.email);
      const { changes, lastInsertRowid } = this.s.signatureInsert.run({
        ...signature,
        emailNorm,
        optIn: signature.optIn ? 1 : 0,
        optInState: signature.optIn ? (signature.optInId ? 'pending' : 'confirmed') : 'none',
        optInAt: signature.optIn && !signature.optInId ? signature.createdAt : null,
        optInId: (signature.optIn && signature.optInId) || null,
      });
      const added = changes === 1;
      if (added) this.s.bump.signatures.run(signature.caseId, 1);
      // A repeat's key is linked to the signature it repeats: it holds the same person's data.
      const signatureSeq = added
        ? Number(lastInsertRowid)
        : (this.s.signatureSeq.get(signature.caseId, emailNorm) as { seq: number }).seq;
      const value = { added, counts: this.countsNow(signature.caseId) };
      this.report(report, value);
      return { value, signatureSeq };
    }, keyed);
  }

  addMessage(
    message: NewMessage,
    keyed?: Keyed<MessageResult>,
    report?: Report<MessageResult>,
  ): Promise<Outcome<MessageResult>> {
    return this.keyed(() => {
      this.s.messageInsert.run({ ...message, heldFor: JSON.stringify(message.heldFor) });
      if (message.status === 'approved') this.s.bump.messages.run(message.caseId, 1);
      const value = { message, counts: this.countsNow(message.caseId) };
      this.report(report, value);
      return { value };
    }, keyed);
  }

  addLetters(
    letters: NewLetters,
    keyed?: Keyed<Counts>,
    report?: Report<NewLetters>,
  ): Promise<Outcome<Counts>> {
    return this.keyed(() => {
      this.s.lettersInsert.run(letters);
      this.s.bump.letters.run(letters.caseId, letters.count);
      this.report(report, letters);
      return { value: this.countsNow(letters.caseId) };
    }, keyed);
  }

  addPhoto(photo: NewPhoto, keyed?: Keyed<StoredPhoto>): Promise<Outcome<StoredPhoto>> {
    return this.keyed(() => {
      this.s.photoInsert.run(photo);
      return { value: { ...photo, status: 'pending' as const } };
    }, keyed);
  }

  setMessageStatus(
    id: string,
    status: MessageStatus,
    report?: Report<StatusChange<StoredMessage>>,
  ): Promise<{ message: StoredMessage; previous: MessageStatus; counts: Counts } | null> {
    return this.enqueue(() => {
      const row = this.s.messageGet.get(id) as Row | undefined;
      if (!row) return null;
      const message = toMessage(row);
      const previous = message.status;
      // Retention removed the text of a message never approved: there is nothing left to show.
      if (row.anonymised_at != null && message.text === '' && status === 'approved') {
        return { message, previous, counts: this.countsNow(message.caseId) };
      }
      if (previous !== status) {
        this.s.messageStatus.run(status, this.stamp(), id);
        if (status === 'approved') this.s.bump.messages.run(message.caseId, 1);
        else if (previous === 'approved') this.s.bump.messages.run(message.caseId, -1);
        this.report(report, { item: { ...message, status }, previous });
      }
      return { message: { ...message, status }, previous, counts: this.countsNow(message.caseId) };
    });
  }

  setPhotoStatus(
    id: string,
    status: PhotoStatus,
    report?: Report<StatusChange<StoredPhoto>>,
  ): Promise<StoredPhoto | null> {
    return this.enqueue(() => {
      const row = this.s.photoGet.get(id) as Row | undefined;
      if (!row) return null;
      const photo = toPhoto(row);
      if (photo.status === 'rejected') return photo;
      this.s.photoStatus.run(status, this.stamp(), id);
      const changed = { ...photo, status };
      if (photo.status !== status) this.report(report, { item: changed, previous: photo.status });
      return changed;
    });
  }

  async eraseSupporter(email: string, report?: Report<Erasure>): Promise<Erasure> {
    const norm = normalizeEmail(email);
    const erased = await this.enqueue(() => {
      const perCase = this.s.erasePerCase.all(norm) as { case_id: string; n: number }[];
      this.s.eraseKeys.run(norm);
      this.s.eraseSignatures.run(norm);
      for (const { case_id, n } of perCase) this.s.bump.signatures.run(case_id, -n);
      this.outbox.forget(norm);
      const erasure = {
        signatures: perCase.reduce((sum, { n }) => sum + n, 0),
        cases: perCase.map(({ case_id }) => case_id),
      };
      this.report(report, erasure);
      return erasure;
    });
    this.emptyWal();
    return erased;
  }

  async anonymise(caseId: string): Promise<{ signatures: number; messages: number }> {
    const done = { signatures: 0, messages: 0 };
    for (const [kind, batch] of [
      ['signatures', anonymiseSignatures],
      ['messages', anonymiseMessages],
    ] as const) {
      for (;;) {
        const changed = await this.enqueue(() => batch(this.db, caseId, this.stamp(), RETENTION_BATCH));
        done[kind] += changed;
        if (changed < RETENTION_BATCH) break;
      }
    }
    // What the outbox still holds of the case (dead letters keep their bodies) goes with it.
    const unsent = await this.enqueue(() => this.outbox.forgetCase(caseId));
    if (done.signatures + done.messages + unsent > 0) this.emptyWal();
    return done;
  }

  photoRemoved(id: string): Promise<void> {
    return this.enqueue(() => photoRemoved(this.db, id, this.stamp()));
  }

  /**
   * Copies the WAL into the database and truncates it: until then the WAL still holds the pages as
   * they were before a deletion. Waits for readers (up to the busy timeout) like any checkpoint.
   */
  private emptyWal(): void {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy) {
      throw new Error(
        'The erasure is committed, but another process is reading the database, so its write-ahead log still holds the erased data. Erase again once it is done.',
      );
    }
  }

  ping(): Promise<void> {
    this.prepared('SELECT 1').get();
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.purger);
    await this.commits.close();
    this.db.close();
  }
}
