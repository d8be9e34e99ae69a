import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { decodeCursor, encodeCursor } from './cursor.js';
import { GroupCommit } from './group-commit.js';
import { describeOpenError, isUnreachable, lostRace, mapError } from './postgres-errors.js';
import { Batch, claimKey, recallWith, type Done, type Write } from './postgres-batch.js';
import { PostgresGatherings, type PostgresCore } from './postgres-gatherings.js';
import { migratePostgres } from './postgres-migrations.js';
import { PostgresOutbox } from './postgres-outbox.js';
import type { Report } from './outbox.js';
import type { TallyKind, TallyQuery, TallyRow } from './reports.js';
import { checkout } from './postgres-pool.js';
import {
  EXPORT_CHUNK,
  KEY_TTL_MS,
  PURGE_INTERVAL_MS,
  RETENTION_BATCH,
  toCounts,
  toMessage,
  toPhoto,
  toSignatureRow,
  type Row,
} from './rows.js';
import {
  normalizeEmail,
  type Counts,
  type CountryTotals,
  type PersonalData,
  type Erasure,
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
  type PhotoStatus,
  type Recalled,
  type SignatureResult,
  type SignatureRow,
  type Storage,
  type StorageOptions,
  type StoredMessage,
  type StoredPhoto,
  type Confirmation,
  type ConfirmedSignature,
  type StatusChange,
} from './types.js';

export interface PostgresOptions extends StorageOptions {
  /** See GroupCommitOptions.windowMs (default W4R_GROUP_WINDOW_MS, else 0). */
  groupWindowMs?: number;
  /** Connections in the pool (default W4R_DB_POOL, else 10). */
  poolSize?: number;
}

/** Thrown by open(): the database cannot be used, said in one line. */
export class PostgresOpenError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'PostgresOpenError';
  }
}

/**
 * PostgreSQL through node-postgres, pooled. Writes are group-committed as on SQLite, with
 * `synchronous_commit` as the server has it (on by default: a commit is on disk, or on the standbys
 * the server waits for, before it returns). Several instances may share one database: counts, keys
 * and uniqueness are settled by the database, not by any instance.
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres';
  readonly gatherings: PostgresGatherings;
  readonly outbox: PostgresOutbox;
  readonly pool: pg.Pool;
  /** The database's URL, for connections of its own (the live updates' LISTEN). */
  readonly url: string;
  private readonly commits: GroupCommit<Write>;
  private readonly now: () => Date;
  private readonly ttlMs: number;
  private readonly purger: NodeJS.Timeout;
  private closed = false;

  /** Connects, migrates (under an advisory lock) and answers the storage; PostgresOpenError if it cannot. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
    let config: pg.PoolConfig;
    let where: { user: string; host: string; database: string };
    try {
      const parsed = new URL(url);
      where = {
        user: decodeURIComponent(parsed.username) || 'postgres',
        host: parsed.host || 'localhost',
        database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username),
      };
      config = { connectionString: url };
    } catch {
      throw new PostgresOpenError(
        'W4R_DB is not a valid PostgreSQL URL; write it as postgres://user:password@host:5432/database.',
      );
    }
    const pool = new pg.Pool({
      ...config,
      max: options.poolSize ?? Number(process.env.W4R_DB_POOL || 10),
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      application_name: 'w4r-endpoint',
    });
    // An idle connection the server closed (a restart) is dropped from the pool; the next request
    // opens a new one. Without a listener the error would end the process.
    pool.on('error', () => undefined);
    try {
      const client = await checkout(pool);
      try {
        await migratePostgres(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new PostgresOpenError(describeOpenError(error, where), error);
    }
    return new PostgresStorage(pool, url, options);
  }

  private constructor(pool: pg.Pool, url: string, options: PostgresOptions) {
    this.pool = pool;
    this.url = url;
    this.commits = new GroupCommit<Write>(
      {
        all: (writes) => this.transaction(writes),
        one: async (write) => (await this.transaction([write]))[0],
        fatal: isUnreachable,
      },
      {
        windowMs: options.groupWindowMs ?? Number(process.env.W4R_GROUP_WINDOW_MS ?? 0),
        // One batch runs its statements while the one before waits for its commit to reach the disk.
        maxInFlight: 2,
      },
    );
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.idempotencyTtlMs ?? KEY_TTL_MS;
    this.purgeExpiredKeys().catch(() => undefined);
    this.purger = setInterval(() => {
      // A purge that fails is tried again next time; the writes that matter report their own failures.
      this.purgeExpiredKeys().catch(() => undefined);
    }, options.purgeIntervalMs ?? PURGE_INTERVAL_MS);
    this.purger.unref();
    this.gatherings = new PostgresGatherings(this.core());
    this.outbox = new PostgresOutbox((sql, params) => this.query(sql, params));
  }

  /** The group commit and helpers, for the modules that keep other tables. */
  private core(): PostgresCore {
    return {
      enqueue: (write) => this.enqueue(write),
      keyed: (run, keyed) => this.keyed(run, keyed),
      query: (sql, params) => this.query(sql, params),
      stamp: () => this.stamp(),
      vacuum: (tables) => this.vacuum(tables),
    };
  }

  /** A pooled connection, or StorageUnavailableError when the server cannot be reached. */
  private async connect(): Promise<pg.PoolClient> {
    if (this.closed) throw new Error('The database is closed.');
    return checkout(this.pool);
  }

  /** One statement on the pool, its failure mapped. */
  private async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    if (this.closed) throw new Error('The database is closed.');
    try {
      return await this.pool.query<R>(sql, params);
    } catch (error) {
      throw mapError(error);
    }
  }

  /**
   * Runs the writes in one transaction. A single write that lost a race with another transaction
   * (the same idempotency key committed meanwhile by this instance or another, a deadlock) is run
   * again: the second time it finds the key and answers the first answer. A batch of several fails
   * as a whole, and the group commit runs each of its writes alone.
   */
  private async transaction(writes: readonly Write[]): Promise<unknown[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactionOnce(writes);
      } catch (error) {
        if (writes.length > 1 || attempt >= 3 || !lostRace(error)) throw error;
      }
    }
  }

  private async transactionOnce(writes: readonly Write[]): Promise<unknown[]> {
    const client = await this.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const batch = new Batch(client);
      const finishers: (() => unknown)[] = [];
      await batch.readKeys(writes.flatMap((write) => (write.claim ? [write.claim] : [])));
      for (const write of writes) finishers.push(await write(batch));
      await batch.insertSignatures();
      await batch.settle();
      const values = finishers.map((finish) => finish());
      await batch.writeOutbox(this.now().getTime());
      await batch.writeKeys();
      await client.query('COMMIT');
      return values;
    } catch (error) {
      broken = isUnreachable(error);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw mapError(error);
    } finally {
      client.release(broken);
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private async purgeExpiredKeys(): Promise<void> {
    const before = new Date(this.now().getTime() - this.ttlMs).toISOString();
    await this.query('DELETE FROM idempotency WHERE created_at < $1', [before]);
  }

  private enqueue<T>(write: (batch: Batch) => Promise<() => T>, claim?: IdempotencyClaim): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The database is closed.'));
    return this.commits.enqueue<T>(Object.assign(write, { claim }));
  }

  private keyed<T>(run: (batch: Batch) => Promise<() => Done<T>>, keyed?: Keyed<T>): Promise<Outcome<T>> {
    return this.enqueue(async (batch): Promise<() => Outcome<T>> => {
      if (keyed) {
        const earlier = batch.claims.get(claimKey(keyed.claim));
        if (earlier) {
          const same = earlier.requestHash === keyed.claim.requestHash;
          return () => (same ? { kind: 'replay', answer: earlier.answer! } : { kind: 'conflict' });
        }
        const seen = batch.recalled(keyed.claim);
        if (seen) return () => seen;
      }
      const finish = await run(batch);
      const claimed = keyed ? { requestHash: keyed.claim.requestHash } : undefined;
      if (keyed && claimed) batch.claims.set(claimKey(keyed.claim), claimed);
      return () => {
        const { value, signatureSeq, gatheringId } = finish();
        if (keyed && claimed) {
          const answer = keyed.answer(value);
          Object.assign(claimed, { answer });
          batch.remember(keyed.claim, answer, this.stamp(), { signatureSeq, gatheringId });
        }
        return { kind: 'done', value };
      };
    }, keyed?.claim);
  }

  // ---- reads ----

  async counts(caseId: string): Promise<Counts> {
    const { rows } = await this.query(
      'SELECT signatures, messages, letters FROM case_counts WHERE case_id = $1',
      [caseId],
    );
    return toCounts(rows[0]);
  }

  async recall(claim: IdempotencyClaim): Promise<Recalled | null> {
    const client = await this.connect();
    try {
      return await recallWith(client, claim);
    } catch (error) {
      throw mapError(error);
    } finally {
      client.release();
    }
  }

  listMessages(query: MessageQuery): Promise<Page<StoredMessage>> {
    return this.page('messages', query, toMessage);
  }

  listPhotos(query: PhotoQuery): Promise<Page<StoredPhoto>> {
    return this.page('photos', query, toPhoto);
  }

  private async page<T>(
    table: 'messages' | 'photos',
    query: { status: string; caseId?: string | undefined; cursor?: string | undefined; limit: number },
    map: (row: Row) => T,
  ): Promise<Page<T>> {
    const before = decodeCursor(query.cursor);
    const params: unknown[] = [query.status];
    let where = 'status = $1';
    if (query.caseId !== undefined) {
      params.push(query.caseId);
      where += ' AND case_id = $2';
    }
    const [{ rows }, total] = await Promise.all([
      this.query(
        `SELECT * FROM ${table} WHERE ${where} AND seq < $${params.length + 1}
         ORDER BY seq DESC LIMIT $${params.length + 2}`,
        [...params, before ?? Number.MAX_SAFE_INTEGER, query.limit + 1],
      ),
      this.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params),
    ]);
    const more = rows.length > query.limit;
    const items = more ? rows.slice(0, query.limit) : rows;
    const last = items.at(-1);
    return {
      items: items.map(map),
      nextCursor: more && last ? encodeCursor(Number(last.seq)) : null,
      total: Number(total.rows[0]!.n),
    };
  }

  async getMessage(id: string): Promise<StoredMessage | null> {
    const { rows } = await this.query('SELECT * FROM messages WHERE id = $1', [id]);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async getPhoto(id: string): Promise<StoredPhoto | null> {
    const { rows } = await this.query('SELECT * FROM photos WHERE id = $1', [id]);
    return rows[0] ? toPhoto(rows[0]) : null;
  }

  /**
   * Keyset chunks (`seq > last`) rather than one open server-side cursor: each chunk is one short
   * query, so a slow download holds no connection and no transaction, and memory stays flat.
   */
  async *exportSignatures(caseId: string): AsyncIterable<SignatureRow> {
    let after = 0;
    for (;;) {
      const { rows } = await this.query(
        `SELECT seq, first_name, last_name, email, country, source, created_at, opt_in_state, opt_in_at,
           consent_version FROM signatures
         WHERE case_id = $1 AND seq > $2 ORDER BY seq LIMIT ${EXPORT_CHUNK}`,
        [caseId, after],
      );
      for (const row of rows) yield toSignatureRow(row);
      if (rows.length < EXPORT_CHUNK) return;
      after = Number(rows.at(-1)!.seq);
    }
  }

  /** Approved messages, oldest first, in keyset chunks as the signatures. */
  async *exportMessages(caseId: string): AsyncIterable<StoredMessage> {
    let after = 0;
    for (;;) {
      const { rows } = await this.query(
        `SELECT * FROM messages WHERE case_id = $1 AND status = 'approved' AND seq > $2
         ORDER BY seq LIMIT ${EXPORT_CHUNK}`,
        [caseId, after],
      );
      for (const row of rows) yield toMessage(row);
      if (rows.length < EXPORT_CHUNK) return;
      after = Number(rows.at(-1)!.seq);
    }
  }

  /** The case's numbers by country, from the rows themselves (anonymised rows keep their country). */
  async deliveryTotals(caseId: string): Promise<CountryTotals[]> {
    const { rows } = await this.query(
      `SELECT country, SUM(signatures) AS signatures, SUM(letters) AS letters, SUM(messages) AS messages
       FROM (
         SELECT country, COUNT(*) AS signatures, 0 AS letters, 0 AS messages
           FROM signatures WHERE case_id = $1 GROUP BY country
         UNION ALL
         SELECT country, 0, SUM(count), 0 FROM letters WHERE case_id = $1 GROUP BY country
         UNION ALL
         SELECT country, 0, 0, COUNT(*) FROM messages WHERE case_id = $1 AND status = 'approved' GROUP BY country
       ) AS per_kind
       GROUP BY country
       ORDER BY country IS NULL, country COLLATE "C"`,
      [caseId],
    );
    return rows.map((row) => ({
      country: (row.country as string | null) ?? null,
      signatures: Number(row.signatures),
      letters: Number(row.letters),
      messages: Number(row.messages),
    }));
  }

  async personalData(caseId: string): Promise<PersonalData> {
    const { rows } = await this.query<{ signatures: string; messages: string; photos: string }>(
      `SELECT
         (SELECT COUNT(*) FROM signatures WHERE case_id = $1 AND anonymised_at IS NULL) AS signatures,
         (SELECT COUNT(*) FROM messages WHERE case_id = $1 AND anonymised_at IS NULL) AS messages,
         (SELECT COUNT(*) FROM photos WHERE case_id = $1 AND anonymised_at IS NULL) AS photos`,
      [caseId],
    );
    const row = rows[0]!;
    return { signatures: Number(row.signatures), messages: Number(row.messages), photos: Number(row.photos) };
  }

  async keptPhotos(caseId: string, limit: number): Promise<StoredPhoto[]> {
    const { rows } = await this.query(
      'SELECT * FROM photos WHERE case_id = $1 AND anonymised_at IS NULL ORDER BY seq LIMIT $2',
      [caseId, limit],
    );
    return rows.map(toPhoto);
  }

  // ---- writes ----

  addSignature(
    signature: NewSignature,
    keyed?: Keyed<SignatureResult>,
    report?: Report<SignatureResult>,
  ): Promise<Outcome<SignatureResult>> {
    return this.keyed((batch) => {
      const inserted = batch.signature([
        signature.caseId,
        signature.firstName,
        signature.lastName,
        signature.email,
        normalizeEmail(signature.email),
        signature.country,
        signature.optIn,
        signature.source,
        signature.consentVersion,
        signature.createdAt,
        signature.optIn ? (signature.optInId ? 'pending' : 'confirmed') : 'none',
        signature.optIn && !signature.optInId ? signature.createdAt : null,
        (signature.optIn && signature.optInId) || null,
      ]);
      return Promise.resolve(() => {
        // A repeat's key is linked to the signature it repeats: it holds the same person's data.
        const { added, seq } = inserted();
        const value = { added, counts: batch.counts(signature.caseId) };
        batch.report(report?.(value));
        return { value, signatureSeq: seq };
      });
    }, keyed);
  }

  addMessage(
    message: NewMessage,
    keyed?: Keyed<MessageResult>,
    report?: Report<MessageResult>,
  ): Promise<Outcome<MessageResult>> {
    return this.keyed(async (batch) => {
      await batch.query(
        `INSERT INTO messages (id, case_id, name, country, text, source, status, held_for, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          message.id,
          message.caseId,
          message.name,
          message.country,
          message.text,
          message.source,
          message.status,
          JSON.stringify(message.heldFor),
          message.createdAt,
        ],
      );
      if (message.status === 'approved') batch.bump(message.caseId, 'messages', 1);
      else batch.needCounts(message.caseId);
      return () => {
        const value = { message, counts: batch.counts(message.caseId) };
        batch.report(report?.(value));
        return { value };
      };
    }, keyed);
  }

  addLetters(
    letters: NewLetters,
    keyed?: Keyed<Counts>,
    report?: Report<NewLetters>,
  ): Promise<Outcome<Counts>> {
    return this.keyed(async (batch) => {
      await batch.query(
        `INSERT INTO letters (case_id, count, country, kind, source, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [letters.caseId, letters.count, letters.country, letters.kind, letters.source, letters.createdAt],
      );
      batch.bump(letters.caseId, 'letters', letters.count);
      return () => {
        batch.report(report?.(letters));
        return { value: batch.counts(letters.caseId) };
      };
    }, keyed);
  }

  addPhoto(photo: NewPhoto, keyed?: Keyed<StoredPhoto>): Promise<Outcome<StoredPhoto>> {
    return this.keyed(async (batch) => {
      await batch.query(
        `INSERT INTO photos (id, case_id, type, size, file, source, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)`,
        [photo.id, photo.caseId, photo.type, photo.size, photo.file, photo.source, photo.createdAt],
      );
      return () => ({ value: { ...photo, status: 'pending' as const } });
    }, keyed);
  }

  setMessageStatus(
    id: string,
    status: MessageStatus,
    report?: Report<StatusChange<StoredMessage>>,
  ): Promise<{ message: StoredMessage; previous: MessageStatus; counts: Counts } | null> {
    return this.enqueue(async (batch) => {
      // FOR UPDATE: two moderators deciding at once (on any instance) are taken one after the other.
      const { rows } = await batch.query('SELECT * FROM messages WHERE id = $1 FOR UPDATE', [id]);
      if (!rows[0]) return () => null;
      const message = toMessage(rows[0]);
      const previous = message.status;
      // Retention removed the text of a message never approved: there is nothing left to show.
      if (rows[0].anonymised_at != null && message.text === '' && status === 'approved') {
        batch.needCounts(message.caseId);
        return () => ({ message, previous, counts: batch.counts(message.caseId) });
      }
      if (previous !== status) {
        await batch.query('UPDATE messages SET status = $1, decided_at = $2 WHERE id = $3', [
          status,
          this.stamp(),
          id,
        ]);
        if (status === 'approved') batch.bump(message.caseId, 'messages', 1);
        else if (previous === 'approved') batch.bump(message.caseId, 'messages', -1);
      }
      batch.needCounts(message.caseId);
      return () => {
        if (previous !== status) batch.report(report?.({ item: { ...message, status }, previous }));
        return { message: { ...message, status }, previous, counts: batch.counts(message.caseId) };
      };
    });
  }

  setPhotoStatus(
    id: string,
    status: PhotoStatus,
    report?: Report<StatusChange<StoredPhoto>>,
  ): Promise<StoredPhoto | null> {
    return this.enqueue(async (batch) => {
      const { rows } = await batch.query('SELECT * FROM photos WHERE id = $1 FOR UPDATE', [id]);
      if (!rows[0]) return () => null;
      const photo = toPhoto(rows[0]);
      if (photo.status === 'rejected') return () => photo;
      await batch.query('UPDATE photos SET status = $1, decided_at = $2 WHERE id = $3', [
        status,
        this.stamp(),
        id,
      ]);
      return () => {
        if (photo.status !== status)
          batch.report(report?.({ item: { ...photo, status }, previous: photo.status }));
        return { ...photo, status };
      };
    });
  }

  /**
   * Anonymises the case in transactions of RETENTION_BATCH rows, through the group commit so signing
   * goes on between them. A signature's email slot becomes its own placeholder, so (case, email)
   * stays unique, and the keys of the signature go with its name and email.
   */
  async anonymise(caseId: string): Promise<{ signatures: number; messages: number }> {
    const done = { signatures: 0, messages: 0 };
    const statements = {
      signatures: `WITH chosen AS (
          SELECT seq FROM signatures WHERE case_id = $1 AND anonymised_at IS NULL ORDER BY seq LIMIT $3 FOR UPDATE
        ), keys AS (
          DELETE FROM idempotency WHERE signature_seq IN (SELECT seq FROM chosen)
        )
        UPDATE signatures s SET first_name = '', last_name = '', email = '',
          email_norm = 'anonymised:' || s.seq, opt_in = FALSE, anonymised_at = $2
        FROM chosen WHERE s.seq = chosen.seq`,
      messages: `WITH chosen AS (
          SELECT seq FROM messages WHERE case_id = $1 AND anonymised_at IS NULL ORDER BY seq LIMIT $3 FOR UPDATE
        )
        UPDATE messages m SET name = '',
          text = CASE WHEN m.status = 'approved' THEN m.text ELSE '' END,
          decided_at = CASE WHEN m.status = 'pending' THEN $2 ELSE m.decided_at END,
          status = CASE WHEN m.status = 'pending' THEN 'rejected' ELSE m.status END,
          anonymised_at = $2
        FROM chosen WHERE m.seq = chosen.seq`,
    };
    for (const kind of ['signatures', 'messages'] as const) {
      for (;;) {
        const changed = await this.enqueue(async (batch) => {
          const { rowCount } = await batch.query(statements[kind], [caseId, this.stamp(), RETENTION_BATCH]);
          return () => rowCount ?? 0;
        });
        done[kind] += changed;
        if (changed < RETENTION_BATCH) break;
      }
    }
    // What the outbox still holds of the case (dead letters keep their bodies) goes with it.
    const unsent = await this.enqueue(async (batch) => {
      const { rowCount } = await batch.query(
        `DELETE FROM outbox WHERE case_id = $1 AND state <> 'delivered'`,
        [caseId],
      );
      return () => rowCount ?? 0;
    });
    if (done.signatures + done.messages + unsent > 0)
      await this.vacuum('signatures, messages, idempotency, outbox');
    return done;
  }

  photoRemoved(id: string): Promise<void> {
    return this.enqueue(async (batch) => {
      await batch.query('UPDATE photos SET anonymised_at = $1 WHERE id = $2 AND anonymised_at IS NULL', [
        this.stamp(),
        id,
      ]);
      return () => undefined;
    });
  }

  /**
   * Frees the pages of deleted and overwritten rows now rather than some day, so removed personal data
   * is not left in the tables' free space for long. Needs the table owner's rights; without them the
   * server's autovacuum does it later.
   */
  private async vacuum(tables: string): Promise<void> {
    await this.query(`VACUUM ${tables}`).catch(() => undefined);
  }

  async eraseSupporter(email: string, report?: Report<Erasure>): Promise<Erasure> {
    const norm = normalizeEmail(email);
    const erased = await this.enqueue(async (batch) => {
      const { rows } = await batch.query<{ case_id: string; n: string }>(
        'SELECT case_id, COUNT(*) AS n FROM signatures WHERE email_norm = $1 GROUP BY case_id',
        [norm],
      );
      await batch.query(
        'DELETE FROM idempotency WHERE signature_seq IN (SELECT seq FROM signatures WHERE email_norm = $1)',
        [norm],
      );
      await batch.query('DELETE FROM signatures WHERE email_norm = $1', [norm]);
      await batch.query(`DELETE FROM outbox WHERE subject = $1 AND state <> 'delivered'`, [norm]);
      for (const { case_id, n } of rows) batch.bump(case_id, 'signatures', -Number(n));
      return () => {
        const erasure = {
          signatures: rows.reduce((sum, { n }) => sum + Number(n), 0),
          cases: rows.map(({ case_id }) => case_id),
        };
        batch.report(report?.(erasure));
        return erasure;
      };
    });
    if (erased.signatures > 0) await this.vacuum('signatures, idempotency, outbox');
    return erased;
  }

  /**
   * A secret every instance on this database shares (32 random bytes, made by whichever instance asks
   * first), such as the key of the published counts.
   */
  async sharedKey(name: string): Promise<Uint8Array> {
    await this.query('INSERT INTO shared_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      randomBytes(32),
    ]);
    const { rows } = await this.query<{ value: Buffer }>('SELECT value FROM shared_keys WHERE name = $1', [
      name,
    ]);
    return rows[0]!.value;
  }

  confirmOptIn(optInId: string, at: string, report?: Report<ConfirmedSignature>): Promise<Confirmation> {
    return this.enqueue(async (batch) => {
      const { rows } = await batch.query('SELECT * FROM signatures WHERE opt_in_id = $1 FOR UPDATE', [
        optInId,
      ]);
      const row = rows[0];
      if (!row) return (): Confirmation => ({ kind: 'unknown' });
      const { rowCount } = await batch.query(
        `UPDATE signatures SET opt_in_state = 'confirmed', opt_in_at = $1 WHERE opt_in_id = $2 AND opt_in_state = 'pending'`,
        [at, optInId],
      );
      const confirmed = rowCount === 1;
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
      return (): Confirmation => {
        if (!confirmed) return { kind: 'already', signature };
        batch.report(report?.(signature));
        return { kind: 'confirmed', signature };
      };
    });
  }

  /** The reports' counts: one GROUP BY per table, as on SQLite. */
  async tally(query: TallyQuery): Promise<TallyRow[]> {
    const until = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const params = [query.from, until, query.caseId ?? null, query.source ?? null];
    const where = `created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR case_id = $3)
      AND ($4::text IS NULL OR source = $4)`;
    const tables: [TallyKind, string, string, string][] = [
      ['signatures', 'signatures', 'COUNT(*)', ''],
      ['messages', 'messages', 'COUNT(*)', "AND status = 'approved'"],
      ['letters', 'letters', 'SUM(count)', ''],
    ];
    const out: TallyRow[] = [];
    for (const [kind, table, count, extra] of tables) {
      const { rows } = await this.query(
        `SELECT substr(created_at, 1, 10) AS day, source, country, ${count} AS count FROM ${table}
         WHERE ${where} ${extra} GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS LAST, 3 NULLS LAST`,
        params,
      );
      for (const row of rows)
        out.push({
          kind,
          day: row.day as string,
          source: (row.source as string | null) ?? null,
          country: (row.country as string | null) ?? null,
          count: Number(row.count),
        });
    }
    return out;
  }

  /** True when a statement reaches the database now. */
  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.purger);
    await this.commits.close().catch(() => undefined);
    this.closed = true;
    await this.pool.end();
  }
}
