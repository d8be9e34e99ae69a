/**
 * The PostgreSQL database's history, oldest first, and the code that applies it. A migration is never
 * edited once released: add a new one. Several instances may start at once: the first to take the
 * advisory lock migrates, the others wait and then find nothing left to do.
 *
 * The tables mirror SQLite's (the same names, columns and text forms, so rows.ts reads both), with
 * what several instances share besides: rate-limit windows and open live streams per client, in
 * UNLOGGED tables, since they are worth nothing after a crash and must not cost an fsync each.
 */
import type pg from 'pg';
import type { Migration } from './migrations.js';

/** The advisory lock key under which migrations run: "w4r" and the schema's purpose, as a number. */
const MIGRATION_LOCK = 0x77347200_13;

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'actions',
    sql: `
      CREATE TABLE case_counts (
        case_id TEXT PRIMARY KEY,
        signatures INTEGER NOT NULL DEFAULT 0,
        messages INTEGER NOT NULL DEFAULT 0,
        letters INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE signatures (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        email TEXT NOT NULL,
        email_norm TEXT NOT NULL,
        country TEXT NOT NULL,
        opt_in BOOLEAN NOT NULL DEFAULT FALSE,
        source TEXT,
        consent_version TEXT NOT NULL,
        consented_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        anonymised_at TEXT
      );
      CREATE UNIQUE INDEX signatures_case_email ON signatures (case_id, email_norm);
      CREATE INDEX signatures_email ON signatures (email_norm);
      CREATE INDEX signatures_case_seq ON signatures (case_id, seq);

      CREATE TABLE messages (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        text TEXT NOT NULL,
        source TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        held_for TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        decided_at TEXT,
        anonymised_at TEXT
      );
      CREATE INDEX messages_case_status ON messages (case_id, status, seq);
      CREATE INDEX messages_status ON messages (status, seq);

      CREATE TABLE letters (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count > 0),
        country TEXT,
        kind TEXT NOT NULL,
        source TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX letters_case ON letters (case_id);

      CREATE TABLE photos (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL,
        type TEXT NOT NULL,
        size INTEGER NOT NULL,
        file TEXT NOT NULL,
        source TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        created_at TEXT NOT NULL,
        decided_at TEXT,
        anonymised_at TEXT
      );
      CREATE INDEX photos_status ON photos (status, seq);
      CREATE INDEX photos_case_status ON photos (case_id, status, seq);
      CREATE INDEX photos_case ON photos (case_id, seq);

      CREATE TABLE idempotency (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        signature_seq BIGINT,
        gathering_id TEXT,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);
      CREATE INDEX idempotency_signature ON idempotency (signature_seq) WHERE signature_seq IS NOT NULL;
      CREATE INDEX idempotency_gathering ON idempotency (gathering_id) WHERE gathering_id IS NOT NULL;

      CREATE TABLE gatherings (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        group_name TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        city TEXT,
        country TEXT,
        online_url TEXT,
        capacity INTEGER,
        participants INTEGER NOT NULL DEFAULT 0,
        lang TEXT,
        source TEXT,
        email TEXT NOT NULL,
        email_norm TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        held_for TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        decided_at TEXT,
        reported_at TEXT,
        CHECK ((city IS NULL) = (online_url IS NOT NULL))
      );
      CREATE INDEX gatherings_status_start ON gatherings (status, starts_at COLLATE "C", seq);
      CREATE INDEX gatherings_email ON gatherings (email_norm);

      -- ord keeps the cases in the order the host gave them.
      CREATE TABLE gathering_cases (
        gathering_seq BIGINT NOT NULL REFERENCES gatherings (seq) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        letters INTEGER CHECK (letters >= 0),
        PRIMARY KEY (gathering_seq, case_id)
      );
      CREATE INDEX gathering_cases_case ON gathering_cases (case_id, gathering_seq);
    `,
  },
  {
    version: 2,
    name: 'state shared by instances',
    sql: `
      CREATE UNLOGGED TABLE rate_windows (
        bucket TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        reset_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX rate_windows_reset ON rate_windows (reset_at);

      CREATE TABLE shared_keys (
        name TEXT PRIMARY KEY,
        value BYTEA NOT NULL
      );

      CREATE UNLOGGED TABLE stream_slots (
        instance TEXT NOT NULL,
        client TEXT NOT NULL,
        open INTEGER NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (client, instance)
      );
    `,
  },
  {
    version: 3,
    name: 'outbox and double opt-in',
    // As SQLite's migrations 5 and 6: one outbox row per event and target (times the deliverer
    // compares in milliseconds since 1970), and where each newsletter opt-in stands.
    sql: `
      CREATE TABLE outbox (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id TEXT NOT NULL,
        target TEXT NOT NULL,
        type TEXT NOT NULL,
        case_id TEXT,
        body TEXT,
        subject TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        retry_from BIGINT NOT NULL,
        next_attempt_at BIGINT NOT NULL,
        lease_owner TEXT,
        lease_until BIGINT,
        last_attempt_at TEXT,
        last_status INTEGER,
        last_error TEXT,
        delivered_at TEXT
      );
      CREATE INDEX outbox_due ON outbox (target, next_attempt_at) WHERE state = 'pending';
      CREATE INDEX outbox_dead ON outbox (event_id) WHERE state = 'dead';
      CREATE INDEX outbox_subject ON outbox (subject) WHERE subject IS NOT NULL;

      ALTER TABLE signatures ADD COLUMN opt_in_state TEXT NOT NULL DEFAULT 'none'
        CHECK (opt_in_state IN ('none', 'pending', 'confirmed'));
      ALTER TABLE signatures ADD COLUMN opt_in_at TEXT;
      ALTER TABLE signatures ADD COLUMN opt_in_id TEXT;
      UPDATE signatures SET opt_in_state = 'confirmed', opt_in_at = consented_at WHERE opt_in;
      CREATE UNIQUE INDEX signatures_opt_in_id ON signatures (opt_in_id) WHERE opt_in_id IS NOT NULL;
    `,
  },
];

/**
 * Applies what is missing, each migration in its own transaction, under the advisory lock. Refuses a
 * database newer than this endpoint knows. The history table is created only when missing, so a user
 * allowed to read and write but not to create tables can run an already migrated database.
 */
export async function migratePostgres(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
    );
    if (!rows[0]?.exists) {
      await client.query(`CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    }
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (row) => row.version,
      ),
    );
    const latest = postgresMigrations.at(-1)?.version ?? 0;
    const newest = Math.max(0, ...applied);
    if (newest > latest) {
      throw new Error(
        `The database is at schema version ${newest}, newer than this endpoint knows (${latest}). Upgrade the endpoint.`,
      );
    }
    for (const migration of postgresMigrations) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
