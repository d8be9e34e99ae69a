/** Rows as both engines store them (the same column names and text forms), read back as records. */
import type {
  Counts,
  MessageStatus,
  OptInState,
  PhotoStatus,
  SignatureRow,
  StoredMessage,
  StoredPhoto,
} from './types.js';

export type Row = Record<string, unknown>;

export function toMessage(row: Row): StoredMessage {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    name: row.name as string,
    country: (row.country as string | null) ?? null,
    text: row.text as string,
    source: (row.source as string | null) ?? null,
    status: row.status as MessageStatus,
    heldFor: JSON.parse(row.held_for as string) as string[],
    createdAt: row.created_at as string,
  };
}

export function toPhoto(row: Row): StoredPhoto {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    type: row.type as string,
    size: Number(row.size),
    file: row.file as string,
    source: (row.source as string | null) ?? null,
    status: row.status as PhotoStatus,
    createdAt: row.created_at as string,
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
