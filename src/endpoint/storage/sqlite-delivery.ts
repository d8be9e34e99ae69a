import type Database from 'better-sqlite3';
import type { CountryTotals, StoredMessage } from './types.js';

type Row = Record<string, unknown>;

/** The case's numbers by country, from the rows themselves (anonymised rows keep their country). */
export function deliveryTotals(db: Database.Database, caseId: string): CountryTotals[] {
  const rows = db
    .prepare(
      `SELECT country, SUM(signatures) AS signatures, SUM(letters) AS letters, SUM(messages) AS messages
       FROM (
         SELECT country, COUNT(*) AS signatures, 0 AS letters, 0 AS messages
           FROM signatures WHERE case_id = @caseId GROUP BY country
         UNION ALL
         SELECT country, 0, SUM(count), 0 FROM letters WHERE case_id = @caseId GROUP BY country
         UNION ALL
         SELECT country, 0, 0, COUNT(*) FROM messages
           WHERE case_id = @caseId AND status = 'approved' GROUP BY country
       ) AS per_kind
       GROUP BY country
       ORDER BY country IS NULL, country`,
    )
    .all({ caseId }) as Row[];
  return rows.map((row) => ({
    country: (row.country as string | null) ?? null,
    signatures: Number(row.signatures),
    letters: Number(row.letters),
    messages: Number(row.messages),
  }));
}

const MESSAGE_CHUNK = 500;

/** Approved messages of the case, oldest first, read in chunks so writes go on between them. */
export async function* exportMessages(
  db: Database.Database,
  caseId: string,
  toMessage: (row: Row) => StoredMessage,
): AsyncIterable<StoredMessage> {
  const chunk = db.prepare(
    `SELECT * FROM messages WHERE case_id = ? AND status = 'approved' AND seq > ? ORDER BY seq LIMIT ${MESSAGE_CHUNK}`,
  );
  let after = 0;
  for (;;) {
    const rows = chunk.all(caseId, after) as Row[];
    for (const row of rows) yield toMessage(row);
    if (rows.length < MESSAGE_CHUNK) return;
    after = rows.at(-1)!.seq as number;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
