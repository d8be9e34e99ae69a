import type {
  GatheringInput,
  GatheringReport,
  LetterReceipt,
  LetterReport,
  MessageInput,
  MessageReceipt,
  PhotoReceipt,
  SignatureInput,
  SignatureReceipt,
  Stats,
} from '../../schema/index.js';
import { ActionError } from './action-error.js';
import type { ActionClient } from './action-client.js';
import type { LiveStats } from './live-stats.js';
import { storage } from './local-storage.js';
import { rememberSigned } from './signed.js';

/**
 * The outbox: an action is saved before it is sent, and removed once the endpoint acknowledges it or
 * refuses it for good (a 4xx other than 408 and 429). What could not be delivered is sent again when
 * the browser comes back online, when the page becomes visible again, a while later, and on the next
 * page load of any page with a widget that writes — always under its first `Idempotency-Key`, so it
 * is counted once. One attempt at a time per action, across the browser's tabs too (`navigator.locks`
 * where the page is a secure context), and never for an action no longer stored.
 * Only what is needed to send it is kept: where to, which case, the body and the key. Actions are kept
 * in `localStorage`; a photo, too large for it, waits in memory for as long as the page is open.
 * On delivery, the numbers the endpoint answered with go to every widget showing them.
 */

/** A photo of letters, as the supporter chose it. */
export interface PhotoUpload {
  photo: Blob;
}

interface Bodies {
  signatures: SignatureInput;
  messages: MessageInput;
  letters: LetterReport;
  photos: PhotoUpload;
  /** A letter-writing event to host; its `caseId` is the widget's case, or empty. */
  gatherings: GatheringInput;
  /** "I'll come"; its `caseId` is the event's id, as for `reports`. */
  joins: { source?: string };
  reports: GatheringReport;
}
export interface Receipts {
  signatures: SignatureReceipt;
  messages: MessageReceipt;
  letters: LetterReceipt;
  photos: PhotoReceipt;
  // The events' widget reads these answers with its own schemas.
  gatherings: unknown;
  joins: unknown;
  reports: unknown;
}

/** Where each event action goes, under `/v1/`. */
const GATHERING_PATHS: Record<'gatherings' | 'joins' | 'reports', (id: string) => string> = {
  gatherings: () => 'gatherings',
  joins: (id) => `gatherings/${encodeURIComponent(id)}/participants`,
  reports: (id) => `gatherings/${encodeURIComponent(id)}/report`,
};

export type OutboxKind = keyof Bodies;

export interface OutboxEntry<K extends OutboxKind = OutboxKind> {
  /** The `Idempotency-Key`, the same on every attempt. */
  key: string;
  kind: K;
  endpoint: string;
  caseId: string;
  body: Bodies[K];
}

/** How an attempt ended: acknowledged, kept to send later, or refused for good and dropped. */
export type Outcome<K extends OutboxKind = OutboxKind> =
  | { status: 'delivered'; entry: OutboxEntry<K>; receipt: Receipts[K] }
  | { status: 'queued'; entry: OutboxEntry<K>; error: unknown }
  | { status: 'refused'; entry: OutboxEntry<K>; error: unknown };

export interface OutboxSettings {
  /** The client that sends to an endpoint. */
  clientFor(endpoint: string): ActionClient;
  /** Where delivered actions' numbers are published. */
  stats?: LiveStats | undefined;
  /** The `localStorage` key the actions are kept under. */
  storageKey?: string;
}

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 5 * 60_000;

const isEntry = (value: unknown): value is OutboxEntry =>
  typeof value === 'object' &&
  value !== null &&
  ['key', 'kind', 'endpoint', 'caseId'].every(
    (name) => typeof (value as Record<string, unknown>)[name] === 'string',
  ) &&
  typeof (value as OutboxEntry).body === 'object';

/** True when the endpoint refused the action in a way that sending it again cannot change. */
function refusedForGood(error: unknown): boolean {
  if (!(error instanceof ActionError)) return false;
  if (error.kind === 'invalid-response') return true;
  const status = error.status ?? 0;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Actions whose body `JSON` cannot keep. */
const inMemoryOnly = (entry: OutboxEntry) => entry.kind === 'photos';

/**
 * Runs `attempt` holding the action's lock, which every tab of the browser shares. With `ifFree`, an
 * action another tab is sending is left to it (`undefined`); otherwise that tab's attempt is waited for.
 */
function withLock<T>(key: string, ifFree: boolean, attempt: () => Promise<T>): Promise<T | undefined> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return attempt();
  return locks.request(`w4r-outbox:${key}`, { ifAvailable: ifFree }, (lock) =>
    lock ? attempt() : Promise.resolve(undefined),
  ) as Promise<T | undefined>;
}

export class Outbox {
  private readonly storageKey: string;
  /** Where entries live when the browser refuses storage (private modes, sandboxed frames). */
  private memory: OutboxEntry[] = [];
  /** Entries `localStorage` cannot keep (photos). */
  private unstored: OutboxEntry[] = [];
  private readonly inFlight = new Map<string, Promise<Outcome | undefined>>();
  private readonly listeners = new Set<(outcome: Outcome) => void>();
  private flushing: Promise<void> | undefined;
  private started = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = FIRST_RETRY_MS;

  constructor(private readonly settings: OutboxSettings) {
    this.storageKey = settings.storageKey ?? 'w4r-outbox';
  }

  /** Every action waiting to be delivered. */
  entries(): OutboxEntry[] {
    return [...this.stored(), ...this.unstored];
  }

  /** The actions of one kind waiting for one case at one endpoint. */
  pendingFor<K extends OutboxKind>(kind: K, endpoint: string, caseId: string): OutboxEntry<K>[] {
    return this.entries().filter(
      (entry): entry is OutboxEntry<K> =>
        entry.kind === kind && entry.endpoint === endpoint && entry.caseId === caseId,
    );
  }

  /** Hears how every attempt ends, the outbox's own retries included. Returns the function that stops. */
  onOutcome(listener: (outcome: Outcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Saves an action, then sends it. Resolves with how it ended: `queued` means it is kept and will be
   * sent later by itself.
   */
  async send<K extends OutboxKind>(entry: OutboxEntry<K>): Promise<Outcome<K>> {
    this.start();
    this.keep(entry);
    // Sent even when storage is full and it lives in memory only; should it have joined a retry that left
    // it to another tab, it is sent once that tab is done, and the endpoint answers as it answered there.
    return (await this.deliver(entry)) ?? (await this.deliver(entry))!;
  }

  /**
   * Sends again everything waiting, one at a time, each only if it is still stored and no other tab is
   * sending it; a flush already running on this page is joined.
   */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        const unreachable = new Set<string>();
        for (const entry of this.entries()) {
          // An endpoint still unreachable now is not tried again for its other actions.
          if (unreachable.has(entry.endpoint)) continue;
          const outcome = await this.deliver(entry, true);
          if (outcome?.status === 'queued' && !(outcome.error instanceof ActionError && outcome.error.status))
            unreachable.add(entry.endpoint);
        }
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  /**
   * Starts sending what is waiting: now (the next load), when the browser is back online and when the
   * page becomes visible. Every widget that writes calls it as it connects; only the first call does anything.
   */
  start(): void {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    const again = () => {
      this.retryDelay = FIRST_RETRY_MS;
      void this.flush();
    };
    window.addEventListener('online', again);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') again();
    });
    if (this.entries().length) setTimeout(again);
  }

  private stored(): OutboxEntry[] {
    try {
      const raw = storage()?.getItem(this.storageKey);
      if (raw === undefined) return this.memory;
      const list: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(list) ? list.filter(isEntry) : [];
    } catch {
      return this.memory;
    }
  }

  private save(entries: OutboxEntry[]): void {
    this.memory = entries;
    try {
      const store = storage();
      if (!store) return;
      if (entries.length) store.setItem(this.storageKey, JSON.stringify(entries));
      else store.removeItem(this.storageKey);
    } catch {
      // Storage full or refused: the entries stay in memory for this page's life.
    }
  }

  private keep(entry: OutboxEntry): void {
    this.drop(entry.key);
    if (inMemoryOnly(entry)) this.unstored.push(entry);
    else this.save([...this.stored(), entry]);
  }

  private drop(key: string): void {
    this.unstored = this.unstored.filter((entry) => entry.key !== key);
    const stored = this.stored();
    if (stored.some((entry) => entry.key === key)) this.save(stored.filter((entry) => entry.key !== key));
  }

  private isKept(key: string): boolean {
    return this.entries().some((entry) => entry.key === key);
  }

  private request<K extends OutboxKind>(entry: OutboxEntry<K>): Promise<Receipts[K]> {
    const client = this.settings.clientFor(entry.endpoint);
    const options = { idempotencyKey: entry.key };
    const body = entry.body as never;
    const kind = entry.kind as OutboxKind;
    const sent =
      kind === 'signatures'
        ? client.sign(entry.caseId, body, options)
        : kind === 'messages'
          ? client.postMessage(entry.caseId, body, options)
          : kind === 'letters'
            ? client.reportLetters(entry.caseId, body, options)
            : kind === 'photos'
              ? client.uploadPhoto(entry.caseId, (entry.body as PhotoUpload).photo, options)
              : client.postJson(GATHERING_PATHS[kind](entry.caseId), body, options);
    return sent as Promise<Receipts[K]>;
  }

  /**
   * Sends an action, one attempt at a time: an attempt already running on this page is joined. A retry
   * (`again`) leaves an action another tab is sending to that tab, and skips one that is no longer stored
   * because it was delivered or dropped since the list was read: `undefined` then.
   */
  private deliver<K extends OutboxKind>(entry: OutboxEntry<K>, again = false): Promise<Outcome<K> | undefined> {
    const running = this.inFlight.get(entry.key);
    if (running) return running as Promise<Outcome<K>>;
    const attempt = withLock(entry.key, again, async (): Promise<Outcome<K> | undefined> => {
      if (again && !this.isKept(entry.key)) return undefined;
      let outcome: Outcome<K>;
      try {
        outcome = { status: 'delivered', entry, receipt: await this.request(entry) };
      } catch (error) {
        outcome = { status: refusedForGood(error) ? 'refused' : 'queued', entry, error };
      }
      if (outcome.status === 'queued') {
        this.scheduleRetry();
      } else {
        this.drop(entry.key);
        if (outcome.status === 'delivered') this.delivered(outcome);
      }
      for (const listener of [...this.listeners]) listener(outcome as Outcome);
      return outcome;
    });
    this.inFlight.set(entry.key, attempt);
    void attempt.finally(() => this.inFlight.delete(entry.key));
    return attempt;
  }

  /** What a delivery changes beyond the outbox: the case's numbers, and that this browser signed. */
  private delivered({ entry, receipt }: Outcome & { status: 'delivered' }): void {
    if (entry.kind === 'signatures') rememberSigned(entry.caseId);
    const stats = (receipt as { stats?: Stats }).stats;
    if (stats) this.settings.stats?.publish(entry.endpoint, entry.caseId, stats);
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
      void this.flush();
    }, this.retryDelay);
  }
}
