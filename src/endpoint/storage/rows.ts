/** Rows as both engines store them (the same column names and text forms), read back as records. */
import type { ModerationStatus } from '../../schema/status.js';
import type { Delivery, DeliveryState } from './outbox.js';
import type {
  ConfirmedSignature,
  Counts,
  OptInState,
  SignatureRow,
  StoredMessage,
  StoredGathering,
  StoredPhoto,
} from './types.js';

export type Row = Record<string, unknown>;

/** What every submission that waits for moderation (a message, a photo, an event) has in its row. */
function submission(row: Row) {
  return {
    id: row.id as string,
    source: (row.source as string | null) ?? null,
    status: row.status as ModerationStatus,
    createdAt: row.created_at as string,
  };
}

export function toMessage(row: Row): StoredMessage {
  return {
    ...submission(row),
    caseId: row.case_id as string,
    name: row.name as string,
    country: (row.country as string | null) ?? null,
    text: row.text as string,
    heldFor: JSON.parse(row.held_for as string) as string[],
  };
}

export function toPhoto(row: Row): StoredPhoto {
  return {
    ...submission(row),
    caseId: row.case_id as string,
    type: row.type as string,
    size: Number(row.size),
    file: row.file as string,
  };
}

export function toSignatureRow(row: Row): SignatureRow {
  return {
    firstName: row.first_name as string,
    lastName: row.last_name as string,
    email: row.email as string,
    country: row.country as string,
    source: (row.source as string | null) ?? null,
    createdAt: row.created_at as string,
    optIn: (row.opt_in_state as OptInState | undefined) ?? 'none',
    optInAt: (row.opt_in_at as string | null | undefined) ?? null,
    consentVersion: row.consent_version as string,
  };
}

/** A signature whose opt-in is confirmed (`optInAt` the moment it was), as both engines read its row. */
export function toConfirmedSignature(row: Row, optInAt: string): ConfirmedSignature {
  return {
    caseId: row.case_id as string,
    firstName: row.first_name as string,
    lastName: row.last_name as string,
    email: row.email as string,
    country: row.country as string,
    source: (row.source as string | null) ?? null,
    consentVersion: row.consent_version as string,
    optInAt,
  };
}

/** A moment both engines keep as milliseconds since 1970 (a number, or PostgreSQL's BIGINT as text), as ISO. */
export const msToIso = (ms: unknown): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

/** A webhook delivery's row; when it is next tried is said only while it is pending. */
export function toDelivery(row: Row): Delivery {
  const state = row.state as DeliveryState;
  return {
    eventId: row.event_id as string,
    target: row.target as string,
    type: row.type as string,
    caseId: (row.case_id as string | null) ?? null,
    state,
    attempts: Number(row.attempts),
    createdAt: row.created_at as string,
    nextAttemptAt: state === 'pending' ? msToIso(row.next_attempt_at) : null,
    lastAttemptAt: (row.last_attempt_at as string | null) ?? null,
    lastStatus: row.last_status === null || row.last_status === undefined ? null : Number(row.last_status),
    lastError: (row.last_error as string | null) ?? null,
    deliveredAt: (row.delivered_at as string | null) ?? null,
  };
}

/** An event's case as both engines read it back: its reported letters are null until the host reports. */
export interface GatheringCaseRow {
  case_id: string;
  letters: number | null;
}

/** An event's row with its cases in the host's order (each engine reads them its own way). */
export function toGathering(row: Row, cases: readonly GatheringCaseRow[]): StoredGathering {
  return {
    ...submission(row),
    group: row.group_name as string,
    title: row.title as string,
    description: (row.description as string | null) ?? null,
    start: row.starts_at as string,
    end: row.ends_at as string,
    timeZone: row.time_zone as string,
    city: (row.city as string | null) ?? null,
    country: (row.country as string | null) ?? null,
    onlineUrl: (row.online_url as string | null) ?? null,
    cases: cases.map((entry) => entry.case_id),
    capacity: (row.capacity as number | null) ?? null,
    lang: (row.lang as string | null) ?? null,
    email: row.email as string,
    tokenHash: row.token_hash as string,
    heldFor: JSON.parse(row.held_for as string) as string[],
    participants: Number(row.participants),
    letters:
      row.reported_at === null
        ? null
        : cases.map((entry) => ({ caseId: entry.case_id, count: entry.letters ?? 0 })),
  };
}

export function toCounts(row: Row | undefined): Counts {
  return row
    ? { signatures: Number(row.signatures), messages: Number(row.messages), letters: Number(row.letters) }
    : { signatures: 0, messages: 0, letters: 0 };
}

/** Signatures an export reads per query: flat memory whatever the case's size. */
export const EXPORT_CHUNK = 1000;

/** Rows anonymised per transaction: small enough that signing goes on between batches. */
export const RETENTION_BATCH = 500;

/** How long idempotency keys are kept and how often expired ones are purged, by default. */
export const KEY_TTL_MS = 7 * 24 * 3600_000;
export const PURGE_INTERVAL_MS = 3600_000;

/** The moment (ISO) before which a key stored at `now` minus its time to live has expired. */
export function keysExpireBefore(now: Date, ttlMs: number): string {
  return new Date(now.getTime() - ttlMs).toISOString();
}

/** Runs `purge` every `intervalMs` on a timer that keeps no process alive. */
export function purgeEvery(purge: () => Promise<unknown>, intervalMs = PURGE_INTERVAL_MS): NodeJS.Timeout {
  const timer = setInterval(() => {
    // A purge that fails is tried again next time; the writes that matter report their own failures.
    purge().catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return timer;
}
