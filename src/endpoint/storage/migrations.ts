import type Database from 'better-sqlite3';

/**
 * The SQLite database's history, oldest first. A migration is never edited once released: add a new one.
 * Each runs in its own transaction and is recorded in `schema_migrations` and `PRAGMA user_version`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
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
        seq INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        email TEXT NOT NULL,
        email_norm TEXT NOT NULL,
        country TEXT NOT NULL,
        opt_in INTEGER NOT NULL DEFAULT 0,
        source TEXT,
        consent_version TEXT NOT NULL,
        consented_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX signatures_case_email ON signatures (case_id, email_norm);
      CREATE INDEX signatures_email ON signatures (email_norm);

      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        text TEXT NOT NULL,
        source TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        held_for TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        decided_at TEXT
      );
      CREATE INDEX messages_case_status ON messages (case_id, status, seq);
      CREATE INDEX messages_status ON messages (status, seq);

      CREATE TABLE letters (
        seq INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count > 0),
        country TEXT,
        kind TEXT NOT NULL,
        source TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX letters_case ON letters (case_id);

      CREATE TABLE photos (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL,
        type TEXT NOT NULL,
        size INTEGER NOT NULL,
        file TEXT NOT NULL,
        source TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        created_at TEXT NOT NULL,
        decided_at TEXT
      );
      CREATE INDEX photos_status ON photos (status, seq);

      CREATE TABLE idempotency (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_created ON idempotency (created_at);
    `,
  },
  {
    version: 2,
    name: 'idempotency linked to signatures',
    // A signature's request hash is made from the signer's name and email, so erasing the signature
    // erases its keys too, found through this link. Older signature keys cannot be tied to anyone and
    // are dropped: a retry under one is still counted once, recognised by its email.
    sql: `
      ALTER TABLE idempotency ADD COLUMN signature_seq INTEGER;
      CREATE INDEX idempotency_signature ON idempotency (signature_seq) WHERE signature_seq IS NOT NULL;
      DELETE FROM idempotency WHERE scope LIKE 'signatures:%';
    `,
  },
  {
    version: 3,
    name: 'retention',
    // When a row's personal data was removed by retention: such a row is counted, never shown by name.
    sql: `
      ALTER TABLE signatures ADD COLUMN anonymised_at TEXT;
      ALTER TABLE messages ADD COLUMN anonymised_at TEXT;
      ALTER TABLE photos ADD COLUMN anonymised_at TEXT;
      CREATE INDEX photos_case ON photos (case_id, seq);
    `,
  },
  {
    version: 4,
    name: 'gatherings',
    // Letter-writing events. Moments are UTC ISO strings, so text order is time order. A case's
    // reported letters live on its row in gathering_cases (NULL until the host reports), and the
    // idempotency records of a host's writes are linked to the event, to be erased with it.
    sql: `
      CREATE TABLE gatherings (
        seq INTEGER PRIMARY KEY,
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
      CREATE INDEX gatherings_status_start ON gatherings (status, starts_at, seq);
      CREATE INDEX gatherings_email ON gatherings (email_norm);

      CREATE TABLE gathering_cases (
        gathering_seq INTEGER NOT NULL REFERENCES gatherings (seq) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        letters INTEGER CHECK (letters >= 0),
        PRIMARY KEY (gathering_seq, case_id)
      );
      CREATE INDEX gathering_cases_case ON gathering_cases (case_id, gathering_seq);

      ALTER TABLE idempotency ADD COLUMN gathering_id TEXT;
      CREATE INDEX idempotency_gathering ON idempotency (gathering_id) WHERE gathering_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'outbox',
    // One row per event and target. Times the deliverer compares are milliseconds since 1970. No index
    // on the event's id (a random UUID) for every row: it cost as much as the signature's own write;
    // a claimed row is settled by its seq, and only dead rows are looked up by event id.
    sql: `
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        target TEXT NOT NULL,
        type TEXT NOT NULL,
        case_id TEXT,
        body TEXT,
        subject TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        retry_from INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        last_attempt_at TEXT,
        last_status INTEGER,
        last_error TEXT,
        delivered_at TEXT
      );
      CREATE INDEX outbox_due ON outbox (target, next_attempt_at) WHERE state = 'pending';
      CREATE INDEX outbox_dead ON outbox (event_id) WHERE state = 'dead';
      CREATE INDEX outbox_subject ON outbox (subject) WHERE subject IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'double opt-in',
    // A ticked newsletter box is 'confirmed' at once, or 'pending' until the signer follows the link in
    // the email that names their opt_in_id. Earlier opt-ins were taken at their word: confirmed.
    sql: `
      ALTER TABLE signatures ADD COLUMN opt_in_state TEXT NOT NULL DEFAULT 'none'
        CHECK (opt_in_state IN ('none', 'pending', 'confirmed'));
      ALTER TABLE signatures ADD COLUMN opt_in_at TEXT;
      ALTER TABLE signatures ADD COLUMN opt_in_id TEXT;
      UPDATE signatures SET opt_in_state = 'confirmed', opt_in_at = consented_at WHERE opt_in = 1;
      CREATE UNIQUE INDEX signatures_opt_in_id ON signatures (opt_in_id) WHERE opt_in_id IS NOT NULL;
    `,
  },
];

/**
 * Brings a SQLite database up to the latest migration, each in a transaction of its own; refuses a
 * database newer than this endpoint knows. One process owns a SQLite file, so no lock is needed.
 */
export function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new Error(
      `The database is at schema version ${current}, newer than this endpoint knows (${latest}). Upgrade the endpoint.`,
    );
  }
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
