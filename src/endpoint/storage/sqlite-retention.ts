import type Database from 'better-sqlite3';
import type { PersonalData } from './types.js';

export { RETENTION_BATCH } from './rows.js';

export function personalData(db: Database.Database, caseId: string): PersonalData {
  const count = (sql: string) => (db.prepare(sql).get(caseId) as { n: number }).n;
  return {
    signatures: count('SELECT COUNT(*) AS n FROM signatures WHERE case_id = ? AND anonymised_at IS NULL'),
    messages: count('SELECT COUNT(*) AS n FROM messages WHERE case_id = ? AND anonymised_at IS NULL'),
    photos: count('SELECT COUNT(*) AS n FROM photos WHERE case_id = ? AND anonymised_at IS NULL'),
  };
}

/**
 * Anonymises up to `limit` signatures of the case; run inside a transaction. Each row changes in one
 * statement: the email's unique slot becomes the row's own placeholder, so (case, email) stays
 * unique, and the keys of the signature, whose request hash came from the name and email, go.
 */
export function anonymiseSignatures(
  db: Database.Database,
  caseId: string,
  stamp: string,
  limit: number,
): number {
  const seqs = (
    db
      .prepare('SELECT seq FROM signatures WHERE case_id = ? AND anonymised_at IS NULL ORDER BY seq LIMIT ?')
      .all(caseId, limit) as { seq: number }[]
  ).map((row) => row.seq);
  const keys = db.prepare('DELETE FROM idempotency WHERE signature_seq = ?');
  const row = db.prepare(
    `UPDATE signatures SET first_name = '', last_name = '', email = '',
       email_norm = 'anonymised:' || seq, opt_in = 0, anonymised_at = ?
     WHERE seq = ?`,
  );
  for (const seq of seqs) {
    keys.run(seq);
    row.run(stamp, seq);
  }
  return seqs.length;
}

/**
 * Anonymises up to `limit` messages of the case; run inside a transaction. The author's name goes;
 * an approved text stays on the wall, a text never approved goes, and a pending message is rejected,
 * since nobody will moderate it any more.
 */
export function anonymiseMessages(
  db: Database.Database,
  caseId: string,
  stamp: string,
  limit: number,
): number {
  return db
    .prepare(
      `UPDATE messages SET name = '',
         text = CASE WHEN status = 'approved' THEN text ELSE '' END,
         decided_at = CASE WHEN status = 'pending' THEN @stamp ELSE decided_at END,
         status = CASE WHEN status = 'pending' THEN 'rejected' ELSE status END,
         anonymised_at = @stamp
       WHERE seq IN (
         SELECT seq FROM messages WHERE case_id = @caseId AND anonymised_at IS NULL ORDER BY seq LIMIT @limit
       )`,
    )
    .run({ caseId, stamp, limit }).changes;
}

export function keptPhotos(db: Database.Database, caseId: string, limit: number): Record<string, unknown>[] {
  return db
    .prepare('SELECT * FROM photos WHERE case_id = ? AND anonymised_at IS NULL ORDER BY seq LIMIT ?')
    .all(caseId, limit) as Record<string, unknown>[];
}

export function photoRemoved(db: Database.Database, id: string, stamp: string): void {
  db.prepare('UPDATE photos SET anonymised_at = ? WHERE id = ? AND anonymised_at IS NULL').run(stamp, id);
}
