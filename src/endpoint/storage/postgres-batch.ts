/** One group-commit transaction on PostgreSQL, and how the idempotency keys are read in it. */
import type pg from 'pg';
import { toCounts, type Row } from './rows.js';
import type { Counts, IdempotencyClaim, NewDelivery, Recalled, StoredAnswer } from './types.js';

type CountColumn = keyof Counts;

/**
 * One transaction of the group commit, shared by the writes in it. Count changes are gathered and
 * applied at the end, case by case in one order, so two batches (on this instance or another) never
 * lock two cases' rows in opposite orders; idempotency records go in at the end in one statement.
 */
/** What a write did, and the row its idempotency record is linked to, to be erased with it. */
export interface Done<T> {
  value: T;
  signatureSeq?: number;
  gatheringId?: string;
}

export class Batch {
  private readonly deltas = new Map<string, Counts>();
  private readonly settled = new Map<string, Counts>();
  /** Keys claimed by earlier writes of this batch, whose records are not written yet. */
  readonly claims = new Map<string, { requestHash: string; answer?: StoredAnswer }>();
  private readonly keys: (string | number | null)[][] = [];
  /** What the keys of this batch's writes answered before it, read in one statement at its start. */
  private readonly seenKeys = new Map<string, StoredKey>();
  private readonly signatures: { row: unknown[]; result?: { added: boolean; seq: number } }[] = [];

  constructor(readonly client: pg.PoolClient) {}

  /** Reads every claim's earlier answer at once, so each write finds its own without a query. */
  async readKeys(claims: readonly IdempotencyClaim[]): Promise<void> {
    if (claims.length === 0) return;
    const { rows } = await this.query<{
      scope: string;
      key: string;
      request_hash: string;
      status: number;
      body: string;
    }>(
      `SELECT i.scope, i.key, i.request_hash, i.status, i.body FROM idempotency i
       JOIN unnest($1::text[], $2::text[]) AS c (scope, key) ON i.scope = c.scope AND i.key = c.key`,
      [claims.map((claim) => claim.scope), claims.map((claim) => claim.key)],
    );
    for (const row of rows) this.seenKeys.set(`${row.scope}\0${row.key}`, row);
  }

  /** What the claim's key answered before this batch, as read by readKeys. */
  recalled(claim: IdempotencyClaim): Recalled | null {
    return toRecalled(this.seenKeys.get(claimKey(claim)), claim);
  }

  /**
   * Queues a signature for the batch's one INSERT; its result (added, or the signature it repeats) is
   * there once insertSignatures has run.
   */
  signature(row: unknown[]): () => { added: boolean; seq: number } {
    const entry: (typeof this.signatures)[number] = { row };
    this.signatures.push(entry);
    return () => entry.result!;
  }

  /** Inserts the queued signatures in one statement; a repeat gets the seq of the one it repeats. */
  async insertSignatures(): Promise<void> {
    if (this.signatures.length === 0) return;
    const columns = this.signatures[0]!.row.map((_, i) => this.signatures.map((entry) => entry.row[i]));
    const { rows } = await this.query<{ seq: string; case_id: string; email_norm: string }>(
      `INSERT INTO signatures (case_id, first_name, last_name, email, email_norm, country, opt_in, source,
         consent_version, consented_at, created_at, opt_in_state, opt_in_at, opt_in_id)
       SELECT case_id, first_name, last_name, email, email_norm, country, opt_in, source, consent_version, created_at,
         created_at, opt_in_state, opt_in_at, opt_in_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) WITH ORDINALITY
         AS s (case_id, first_name, last_name, email, email_norm, country, opt_in, source, consent_version, created_at,
           opt_in_state, opt_in_at, opt_in_id, n)
       ORDER BY n
       ON CONFLICT (case_id, email_norm) DO NOTHING RETURNING seq, case_id, email_norm`,
      columns,
    );
    const inserted = new Map(rows.map((row) => [`${row.case_id}\0${row.email_norm}`, Number(row.seq)]));
    const repeats: (typeof this.signatures)[number][] = [];
    for (const entry of this.signatures) {
      const [caseId, , , , emailNorm] = entry.row as string[];
      const id = `${caseId}\0${emailNorm}`;
      const seq = inserted.get(id);
      if (seq !== undefined) {
        // The first of the batch for this person is the one added; a later one repeats it.
        inserted.delete(id);
        entry.result = { added: true, seq };
        this.bump(caseId!, 'signatures', 1);
      } else repeats.push(entry);
    }
    if (repeats.length === 0) return;
    const found = await this.query<{ seq: string; case_id: string; email_norm: string }>(
      `SELECT s.seq, s.case_id, s.email_norm FROM signatures s
       JOIN unnest($1::text[], $2::text[]) AS r (case_id, email_norm)
         ON s.case_id = r.case_id AND s.email_norm = r.email_norm`,
      [repeats.map((entry) => entry.row[0]), repeats.map((entry) => entry.row[4])],
    );
    const existing = new Map(found.rows.map((row) => [`${row.case_id}\0${row.email_norm}`, Number(row.seq)]));
    for (const entry of repeats) {
      const [caseId, , , , emailNorm] = entry.row as string[];
      entry.result = { added: false, seq: existing.get(`${caseId}\0${emailNorm}`)! };
      this.needCounts(caseId!);
    }
  }

  query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.client.query<R>(sql, params);
  }

  bump(caseId: string, column: CountColumn, by: number): void {
    const delta = this.deltas.get(caseId) ?? { signatures: 0, messages: 0, letters: 0 };
    delta[column] += by;
    this.deltas.set(caseId, delta);
  }

  /** Asks for the case's counts as this batch leaves them. */
  needCounts(caseId: string): void {
    if (!this.deltas.has(caseId)) this.bump(caseId, 'signatures', 0);
  }

  /** The case's counts once settled; only for a case bumped or asked for. */
  counts(caseId: string): Counts {
    const counts = this.settled.get(caseId);
    if (!counts) throw new Error(`counts of ${caseId} were not asked for`);
    return counts;
  }

  remember(
    claim: IdempotencyClaim,
    answer: StoredAnswer,
    createdAt: string,
    link: { signatureSeq?: number | undefined; gatheringId?: string | undefined },
  ): void {
    this.keys.push([
      claim.scope,
      claim.key,
      claim.requestHash,
      answer.status,
      JSON.stringify(answer.body),
      createdAt,
      link.signatureSeq ?? null,
      link.gatheringId ?? null,
    ]);
  }

  async settle(): Promise<void> {
    for (const caseId of [...this.deltas.keys()].sort()) {
      const { signatures, messages, letters } = this.deltas.get(caseId)!;
      const { rows } =
        signatures === 0 && messages === 0 && letters === 0
          ? await this.query('SELECT signatures, messages, letters FROM case_counts WHERE case_id = $1', [
              caseId,
            ])
          : await this.query(
              `INSERT INTO case_counts (case_id, signatures, messages, letters) VALUES ($1, $2, $3, $4)
               ON CONFLICT (case_id) DO UPDATE SET signatures = case_counts.signatures + excluded.signatures,
                 messages = case_counts.messages + excluded.messages, letters = case_counts.letters + excluded.letters
               RETURNING signatures, messages, letters`,
              [caseId, signatures, messages, letters],
            );
      this.settled.set(caseId, toCounts(rows[0]));
    }
  }

  private readonly deliveries: NewDelivery[] = [];

  /** Outbox rows a write's report made, written before the commit with everything else. */
  report(rows: readonly NewDelivery[] | undefined): void {
    if (rows) this.deliveries.push(...rows);
  }

  /** Inserts the reported outbox rows in one statement, due at `now` (ms). */
  async writeOutbox(now: number): Promise<void> {
    if (this.deliveries.length === 0) return;
    const rows = this.deliveries;
    await this.query(
      `INSERT INTO outbox (event_id, target, type, case_id, body, subject, state, created_at, retry_from, next_attempt_at)
       SELECT event_id, target, type, case_id, body, subject, 'pending', created_at, $7, $7
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::text[])
         AS o (event_id, target, type, case_id, body, subject, created_at)`,
      [
        rows.map((r) => r.eventId),
        rows.map((r) => r.target),
        rows.map((r) => r.type),
        rows.map((r) => r.caseId),
        rows.map((r) => r.body),
        rows.map((r) => r.subject),
        now,
        rows.map((r) => r.createdAt),
      ],
    );
  }

  async writeKeys(): Promise<void> {
    if (this.keys.length === 0) return;
    const columns = this.keys[0]!.map((_, i) => this.keys.map((row) => row[i]));
    await this.query(
      `INSERT INTO idempotency (scope, key, request_hash, status, body, created_at, signature_seq, gathering_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::bigint[],
         $8::text[])`,
      columns,
    );
  }
}

/**
 * A queued write: its statements, then (once the batch's counts are settled) its result. `claim` is
 * its idempotency key, read with the batch's others before any write runs.
 */
export type Write = ((batch: Batch) => Promise<() => unknown>) & { claim?: IdempotencyClaim };

export const claimKey = ({ scope, key }: IdempotencyClaim) => `${scope}\0${key}`;

/** A key's row in `idempotency`. */
interface StoredKey {
  request_hash: string;
  status: number;
  body: string;
}

export async function recallWith(client: pg.ClientBase, claim: IdempotencyClaim): Promise<Recalled | null> {
  const { rows } = await client.query<StoredKey>(
    'SELECT request_hash, status, body FROM idempotency WHERE scope = $1 AND key = $2',
    [claim.scope, claim.key],
  );
  return toRecalled(rows[0], claim);
}

/** A stored key as the claim finds it: its answer for the same request, a conflict for another. */
function toRecalled(seen: StoredKey | undefined, { requestHash }: IdempotencyClaim): Recalled | null {
  if (!seen) return null;
  return seen.request_hash === requestHash
    ? { kind: 'replay', answer: { status: seen.status, body: JSON.parse(seen.body) as unknown } }
    : { kind: 'conflict' };
}
