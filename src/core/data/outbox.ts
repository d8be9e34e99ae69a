import { actionClientFor, ActionError } from './action-client.js';
import type {
  LetterReceipt,
  LetterReport,
  MessageInput,
  MessageReceipt,
  SignatureInput,
  SignatureReceipt,
} from '../../schema/index.js';

/**
 * The outbox: an action is saved in `localStorage` before it is sent, and removed once the endpoint
 * acknowledges it or refuses it for good (a 4xx other than 408 and 429). What could not be delivered
 * is sent again when the browser comes back online, when the page becomes visible again, a while later,
 * and on the next page load of any page with a widget — always under its first `Idempotency-Key`, so it
 * is counted once. One attempt at a time per action, across the browser's tabs too (`navigator.locks`
 * where the page is a secure context), and never for an action no longer stored.
 * Only what is needed to send it is kept: where to, which case, the body and the key.
 */

interface Bodies {
  signatures: SignatureInput;
  messages: MessageInput;
  letters: LetterReport;
}
interface Receipts {
  signatures: SignatureReceipt;
  messages: MessageReceipt;
  letters: LetterReceipt;
}

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

const STORAGE_KEY = 'w4r-outbox';
const SIGNED_PREFIX = 'w4r-signed:';
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 5 * 60_000;

/** Where entries live when the browser refuses storage (private modes, sandboxed frames). */
let memory: OutboxEntry[] = [];
const inFlight = new Map<string, Promise<Outcome | undefined>>();
const listeners = new Set<(outcome: Outcome) => void>();
let flushing: Promise<void> | undefined;
let started = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = FIRST_RETRY_MS;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The key an action is sent under, for the widgets that make one (a photo upload too). */
export { newActionKey } from './action-key.js';

/** Every action waiting to be delivered. */
export function outboxEntries(): OutboxEntry[] {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    if (raw === undefined) return memory;
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter(isEntry) : [];
  } catch {
    return memory;
  }
}

const isEntry = (value: unknown): value is OutboxEntry =>
  typeof value === 'object' &&
  value !== null &&
  ['key', 'kind', 'endpoint', 'caseId'].every(
    (name) => typeof (value as Record<string, unknown>)[name] === 'string',
  ) &&
  typeof (value as OutboxEntry).body === 'object';

function save(entries: OutboxEntry[]): void {
  memory = entries;
  try {
    const store = storage();
    if (!store) return;
    if (entries.length) store.setItem(STORAGE_KEY, JSON.stringify(entries));
    else store.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or refused: the entries stay in memory for this page's life.
  }
}

const remove = (key: string) => save(outboxEntries().filter((entry) => entry.key !== key));
const isStored = (key: string) => outboxEntries().some((entry) => entry.key === key);

/** The actions of one kind waiting for one case at one endpoint. */
export function pendingFor<K extends OutboxKind>(
  kind: K,
  endpoint: string,
  caseId: string,
): OutboxEntry<K>[] {
  return outboxEntries().filter(
    (entry): entry is OutboxEntry<K> =>
      entry.kind === kind && entry.endpoint === endpoint && entry.caseId === caseId,
  );
}

/** Hears how every attempt ends, the outbox's own retries included. Returns the function that stops. */
export function onOutcome(listener: (outcome: Outcome) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when the endpoint refused the action in a way that sending it again cannot change. */
function refusedForGood(error: unknown): boolean {
  if (!(error instanceof ActionError)) return false;
  if (error.kind === 'invalid-response') return true;
  const status = error.status ?? 0;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function send<K extends OutboxKind>(entry: OutboxEntry<K>): Promise<Receipts[K]> {
  const client = actionClientFor(entry.endpoint);
  const options = { idempotencyKey: entry.key };
  const body = entry.body as never;
  const request =
    entry.kind === 'signatures'
      ? client.sign(entry.caseId, body, options)
      : entry.kind === 'messages'
        ? client.postMessage(entry.caseId, body, options)
        : client.reportLetters(entry.caseId, body, options);
  return request as Promise<Receipts[K]>;
}

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

/**
 * Sends an action, one attempt at a time: an attempt already running on this page is joined. A retry
 * (`again`) leaves an action another tab is sending to that tab, and skips one that is no longer stored
 * because it was delivered or dropped since the list was read: `undefined` then.
 */
function deliver<K extends OutboxKind>(
  entry: OutboxEntry<K>,
  again = false,
): Promise<Outcome<K> | undefined> {
  const running = inFlight.get(entry.key);
  if (running) return running as Promise<Outcome<K>>;
  const attempt = withLock(entry.key, again, async (): Promise<Outcome<K> | undefined> => {
    if (again && !isStored(entry.key)) return undefined;
    let outcome: Outcome<K>;
    try {
      outcome = { status: 'delivered', entry, receipt: await send(entry) };
    } catch (error) {
      outcome = { status: refusedForGood(error) ? 'refused' : 'queued', entry, error };
    }
    if (outcome.status === 'queued') {
      scheduleRetry();
    } else {
      remove(entry.key);
      if (outcome.status === 'delivered' && entry.kind === 'signatures') rememberSigned(entry.caseId);
    }
    for (const listener of [...listeners]) listener(outcome as Outcome);
    return outcome;
  });
  inFlight.set(entry.key, attempt);
  void attempt.finally(() => inFlight.delete(entry.key));
  return attempt;
}

/**
 * Saves an action, then sends it. Resolves with how it ended: `queued` means it is kept and will be
 * sent later by itself.
 */
export async function sendAction<K extends OutboxKind>(entry: OutboxEntry<K>): Promise<Outcome<K>> {
  startOutbox();
  save([...outboxEntries().filter((saved) => saved.key !== entry.key), entry]);
  // Sent even when storage is full and it lives in memory only; should it have joined a retry that left
  // it to another tab, it is sent once that tab is done, and the endpoint answers as it answered there.
  return (await deliver(entry)) ?? (await deliver(entry))!;
}

/**
 * Sends again everything waiting, one at a time, each only if it is still stored and no other tab is
 * sending it; a flush already running on this page is joined.
 */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      const unreachable = new Set<string>();
      for (const entry of outboxEntries()) {
        // An endpoint still unreachable now is not tried again for its other actions.
        if (unreachable.has(entry.endpoint)) continue;
        const outcome = await deliver(entry, true);
        if (outcome?.status === 'queued' && !(outcome.error instanceof ActionError && outcome.error.status))
          unreachable.add(entry.endpoint);
      }
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

function scheduleRetry(): void {
  if (retryTimer !== undefined) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
    void flushOutbox();
  }, retryDelay);
}

/**
 * Starts sending what is waiting: now (the next load), when the browser is back online and when the
 * page becomes visible. Called by every widget as it connects; only the first call does anything.
 */
export function startOutbox(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const again = () => {
    retryDelay = FIRST_RETRY_MS;
    void flushOutbox();
  };
  window.addEventListener('online', again);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') again();
  });
  if (outboxEntries().length) setTimeout(again);
}

/** Remembers that this browser signed a case's petition: a flag, nothing about who signed. */
export function rememberSigned(caseId: string): void {
  try {
    storage()?.setItem(SIGNED_PREFIX + caseId, '1');
  } catch {
    // Nowhere to remember it: the petition simply offers the form again next time.
  }
}

/** True when this browser signed the case's petition before. */
export function hasSigned(caseId: string): boolean {
  try {
    return storage()?.getItem(SIGNED_PREFIX + caseId) === '1';
  } catch {
    return false;
  }
}

/** Forgets that this browser signed, for someone else signing on the same device. */
export function forgetSigned(caseId: string): void {
  try {
    storage()?.removeItem(SIGNED_PREFIX + caseId);
  } catch {
    // nothing remembered
  }
}
