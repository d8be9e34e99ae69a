/**
 * The one narrow interface between the endpoint and its database. Routes speak only this; SQLite
 * (`sqlite.ts`) is the embedded default, PostgreSQL (`postgres.ts`) the engine for several instances.
 *
 * Every write resolves only once it is durably committed: a caller that sends 2xx after awaiting a
 * write never acknowledges an action a crash could lose.
 */

import type { OutboxStore, Report } from './outbox.js';
import type { TallyQuery, TallyRow } from './reports.js';

export type * from './outbox.js';
export type * from './reports.js';

export interface Counts {
  signatures: number;
  /** Approved messages only: what the wall shows. */
  messages: number;
  letters: number;
}

export type MessageStatus = 'pending' | 'approved' | 'rejected';
export type PhotoStatus = 'pending' | 'approved' | 'rejected';

/** A request's claim on an idempotency key: `scope` is the route, `requestHash` the body's digest. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

/** The HTTP answer remembered for an idempotency key, replayed as is. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/**
 * What a keyed write did: it ran now (`done`), or the key was used before for the same request
 * (`replay`, with the first answer) or for a different one (`conflict`).
 */
export type Outcome<T> = { kind: 'done'; value: T } | Recalled;

/** A key seen before: for the same request (`replay`, with the first answer) or another (`conflict`). */
export type Recalled = { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict' };

/** How to remember a keyed write: the claim, and how its result becomes the answer to replay. */
export interface Keyed<T> {
  claim: IdempotencyClaim;
  answer: (value: T) => StoredAnswer;
}

export interface NewSignature {
  caseId: string;
  firstName: string;
  lastName: string;
  email: string;
  country: string;
  optIn: boolean;
  /**
   * With double opt-in: the id the confirmation link names; the opt-in waits for it (`pending`).
   * Absent, a ticked box is `confirmed` at once.
   */
  optInId?: string;
  source: string | null;
  consentVersion: string;
  /** ISO date-time. */
  createdAt: string;
}

export type OptInState = 'none' | 'pending' | 'confirmed';

/** What a confirmation link did. */
export type Confirmation =
  | { kind: 'confirmed'; signature: ConfirmedSignature }
  | { kind: 'already'; signature: ConfirmedSignature }
  | { kind: 'unknown' };

export interface ConfirmedSignature {
  caseId: string;
  firstName: string;
  lastName: string;
  email: string;
  country: string;
  source: string | null;
  consentVersion: string;
  /** When the opt-in was confirmed. */
  optInAt: string;
}

export interface SignatureResult {
  /** False when this email had signed this case before: nothing changed. The signer is never told. */
  added: boolean;
  counts: Counts;
}

export interface NewMessage {
  id: string;
  caseId: string;
  name: string;
  country: string | null;
  text: string;
  source: string | null;
  status: MessageStatus;
  heldFor: string[];
  createdAt: string;
}

export type StoredMessage = NewMessage;

export interface MessageResult {
  message: StoredMessage;
  counts: Counts;
}

export interface NewLetters {
  caseId: string;
  count: number;
  country: string | null;
  kind: 'appeal' | 'card';
  source: string | null;
  createdAt: string;
}

export interface NewPhoto {
  id: string;
  caseId: string;
  /** MIME type recognised from the bytes. */
  type: string;
  size: number;
  /** The file's name in the photo directory. */
  file: string;
  source: string | null;
  createdAt: string;
}

export interface StoredPhoto extends NewPhoto {
  status: PhotoStatus;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface MessageQuery {
  status: MessageStatus;
  caseId?: string;
  cursor?: string;
  limit: number;
}

export interface PhotoQuery {
  status: PhotoStatus;
  caseId?: string;
  cursor?: string;
  limit: number;
}

export interface SignatureRow {
  firstName: string;
  lastName: string;
  email: string;
  country: string;
  source: string | null;
  createdAt: string;
  optIn: OptInState;
  /** When the opt-in was given (single) or confirmed (double); null otherwise. */
  optInAt: string | null;
  consentVersion: string;
}

/** A moderation decision, for its report: what the item is now and what it was. */
export interface StatusChange<T> {
  item: T;
  previous: string;
}

export interface Erasure {
  signatures: number;
  /** Cases whose counts changed. */
  cases: string[];
}

/** A case's numbers for one country (`null`: letters and messages that named none). */
export interface CountryTotals {
  country: string | null;
  signatures: number;
  /** Letters reported, added up. */
  letters: number;
  /** Approved messages. */
  messages: number;
}

/** Rows of a case that still hold personal data: what retention would anonymise. */
export interface PersonalData {
  signatures: number;
  /** Messages whose author's name is kept. */
  messages: number;
  /** Photos whose files are kept. */
  photos: number;
}

export type GatheringStatus = 'pending' | 'approved' | 'rejected';

/** A letter-writing event as a host announced it. Moments are stored in UTC (`…Z`). */
export interface NewGathering {
  id: string;
  group: string;
  title: string;
  description: string | null;
  start: string;
  end: string;
  timeZone: string;
  /** A place, or an online link: one of the two. */
  city: string | null;
  country: string | null;
  onlineUrl: string | null;
  cases: string[];
  capacity: number | null;
  lang: string | null;
  source: string | null;
  /** The host's contact: for the campaign's staff, never public. */
  email: string;
  /** Digest of the host's private edit token; the token itself is never stored. */
  tokenHash: string;
  status: GatheringStatus;
  heldFor: string[];
  createdAt: string;
}

/** What "I'll come" did: the new number of participants, `'full'`, or null for no such event. */
export type JoinResult = number | 'full' | null;

export interface StoredGathering extends NewGathering {
  participants: number;
  /** Letters per case from the host's report; null until they report. */
  letters: { caseId: string; count: number }[] | null;
}

export interface GatheringQuery {
  status: GatheringStatus;
  /** Only events for this case. */
  caseId?: string;
  /** Only events in this country (online ones have none). */
  country?: string;
  /** Only online events. */
  online?: boolean;
  /** Only events that end after this moment (ISO): past ones drop off. */
  endsAfter?: string;
  cursor?: string;
  limit: number;
}

/** What a report changed: each case's new counts, for the cases whose letters moved. */
export interface ReportResult {
  letters: { caseId: string; count: number }[];
  changed: { caseId: string; counts: Counts }[];
}

/** Letter-writing events, their participants and their hosts' reports. */
export interface GatheringStore {
  add(gathering: NewGathering, keyed?: Keyed<StoredGathering>): Promise<Outcome<StoredGathering>>;
  get(id: string): Promise<StoredGathering | null>;
  /** A page of events, soonest first. Throws InvalidCursorError for a cursor it did not give. */
  list(query: GatheringQuery): Promise<Page<StoredGathering>>;
  /**
   * Moves an event to `status`. An approved event's reported letters count while it is approved: a
   * rejection takes them back out of the cases' totals. Null when there is no such event.
   */
  setStatus(
    id: string,
    status: GatheringStatus,
  ): Promise<{ gathering: StoredGathering; previous: GatheringStatus; changed: string[] } | null>;
  /**
   * One more participant; the new number, `'full'` when as many as its capacity are coming already
   * (checked in the same statement that counts, so two last places are never both taken), or null
   * when there is no such event.
   */
  join(id: string, keyed?: Keyed<JoinResult>): Promise<Outcome<JoinResult>>;
  /**
   * Records the host's report, replacing an earlier one: each case's `letters` total moves by the
   * difference, so the event counts once however often it is corrected.
   */
  report(
    id: string,
    letters: { caseId: string; count: number }[],
    keyed?: Keyed<ReportResult>,
  ): Promise<Outcome<ReportResult>>;
  /** Every event, oldest announcement first, for the campaign's export. */
  export(): AsyncIterable<StoredGathering>;
  /**
   * Removes the events one host announced (found by email, trimmed and case-insensitive) with their
   * idempotency records. Their reported letters stay in the totals: those letters were written.
   */
  eraseHost(email: string): Promise<{ gatherings: number }>;
}

/** Thrown for a malformed cursor: a client error, not a storage failure. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this endpoint gave out.');
    this.name = 'InvalidCursorError';
  }
}

/**
 * Thrown when the database cannot be reached (a server restarting, a network cut): nothing was
 * stored, and the same request may be tried again later. The endpoint answers 503 with Retry-After.
 */
export class StorageUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The database cannot be reached just now.', { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** Settings every engine takes. */
export interface StorageOptions {
  /** Idempotency keys older than this are forgotten (default 7 days). */
  idempotencyTtlMs?: number;
  /** How often expired keys are purged, besides at start-up (default hourly). */
  purgeIntervalMs?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

export interface Storage {
  /** `sqlite` or `postgres`, for logs only. */
  readonly kind: string;

  /** What the deliverer sends: rows written by the writes below through their `report`. */
  readonly outbox: OutboxStore;
  /** Letter-writing events. */
  readonly gatherings: GatheringStore;

  counts(caseId: string): Promise<Counts>;

  /**
   * What a key already answered, if anything: for a retry refused as a new action (a closed petition,
   * a client over its limit), which still gets its first answer. The keyed write decides atomically.
   */
  recall(claim: IdempotencyClaim): Promise<Recalled | null>;

  // Each write takes a `report`: the outbox rows for what it did, written in its own transaction.
  addSignature(
    signature: NewSignature,
    keyed?: Keyed<SignatureResult>,
    report?: Report<SignatureResult>,
  ): Promise<Outcome<SignatureResult>>;
  addMessage(
    message: NewMessage,
    keyed?: Keyed<MessageResult>,
    report?: Report<MessageResult>,
  ): Promise<Outcome<MessageResult>>;
  addLetters(
    letters: NewLetters,
    keyed?: Keyed<Counts>,
    report?: Report<NewLetters>,
  ): Promise<Outcome<Counts>>;
  addPhoto(photo: NewPhoto, keyed?: Keyed<StoredPhoto>): Promise<Outcome<StoredPhoto>>;

  /** A page of messages, newest first. Throws InvalidCursorError for a cursor it did not give. */
  listMessages(query: MessageQuery): Promise<Page<StoredMessage>>;
  getMessage(id: string): Promise<StoredMessage | null>;
  /**
   * Moves a message to `status`; null when there is no such message. A message whose text retention
   * removed is never approved: it is answered as it is.
   */
  setMessageStatus(
    id: string,
    status: MessageStatus,
    report?: Report<StatusChange<StoredMessage>>,
  ): Promise<{ message: StoredMessage; previous: MessageStatus; counts: Counts } | null>;

  listPhotos(query: PhotoQuery): Promise<Page<StoredPhoto>>;
  getPhoto(id: string): Promise<StoredPhoto | null>;
  /**
   * Moves a photo to `status` and answers it as it now is; null when there is no such photo. A rejected
   * photo stays rejected (its file is deleted): it is answered unchanged.
   */
  setPhotoStatus(
    id: string,
    status: PhotoStatus,
    report?: Report<StatusChange<StoredPhoto>>,
  ): Promise<StoredPhoto | null>;

  /**
   * Confirms the pending opt-in `optInId` names, once: a second time answers `already` and changes
   * nothing; an id no signature has (never given, or erased) answers `unknown`.
   */
  confirmOptIn(optInId: string, at: string, report?: Report<ConfirmedSignature>): Promise<Confirmation>;

  /** Counts per day, source and country over a range of days, for the reports: no personal data. */
  tally(query: TallyQuery): Promise<TallyRow[]>;

  /** The case's signatures, oldest first, for delivery. */
  exportSignatures(caseId: string): AsyncIterable<SignatureRow>;

  /** The case's approved messages, oldest first, for the delivery document's appendix. */
  exportMessages(caseId: string): AsyncIterable<StoredMessage>;

  /** The case's numbers by country, countries in code order; they add up to the case's counts. */
  deliveryTotals(caseId: string): Promise<CountryTotals[]>;

  /** What of the case still holds personal data. */
  personalData(caseId: string): Promise<PersonalData>;

  /**
   * Anonymises every signature and message of the case: signers' names and emails and the keys of
   * their signatures, message authors' names, and the texts of messages never approved (a pending
   * one becomes rejected) are removed; countries, dates, sources and approved texts stay, and so do
   * the counts. Each row changes in one transaction, so an interrupted run leaves every row either
   * as it was or anonymised, and running again finishes the work. Nothing removed stays readable in
   * the database's files. Answers how many rows it changed.
   */
  anonymise(caseId: string): Promise<{ signatures: number; messages: number }>;

  /** Up to `limit` photos of the case whose files are kept, oldest first. */
  keptPhotos(caseId: string, limit: number): Promise<StoredPhoto[]>;

  /** Records that a photo's file was removed (the file goes first), so it is not counted as kept. */
  photoRemoved(id: string): Promise<void>;

  /**
   * Removes every trace of one supporter, found by email (trimmed, case-insensitive): their
   * signatures and the idempotency records of those signatures, with nothing of them left readable in
   * the database's files, nor in the outbox's unsent rows. `report` tells the receivers to erase too.
   */
  eraseSupporter(email: string, report?: Report<Erasure>): Promise<Erasure>;

  /** Resolves when the database answers now; throws (StorageUnavailableError) when it does not. */
  ping(): Promise<void>;

  /** Commits what is queued, stops the purge timer and closes; later calls fail. */
  close(): Promise<void>;
}

/** The form in which an email is compared: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
