import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { newActionKey } from './action-key.js';
import { outbox as pageOutbox } from './default-outbox.js';
import type { Outbox, OutboxEntry, OutboxKind, Outcome, Receipts } from './outbox.js';

/**
 * Where a widget's action is: nothing sent yet, being sent, kept on the device to send when the
 * connection is back, acknowledged, or refused for good.
 */
export type ActionPhase = 'idle' | 'saving' | 'saved-offline' | 'sent' | 'failed';

/** Where the action goes, read whenever the host updates. */
export interface ActionTarget {
  endpoint: string | undefined;
  /** The case (or event) the action is for; empty for one that is for none (a new event of the campaign's). */
  caseId: string | undefined;
  /** An outbox given through context; the page's otherwise. */
  outbox?: Outbox | undefined;
}

/** What the widget does when its action's outcome is heard; `was` is the phase before it. */
export interface ActionReactions<K extends OutboxKind> {
  saved?(outcome: Outcome<K> & { status: 'queued' }, was: ActionPhase): void;
  sent?(outcome: Outcome<K> & { status: 'delivered' }, was: ActionPhase): void;
  failed?(outcome: Outcome<K> & { status: 'refused' }, was: ActionPhase): void;
  /** An action of an earlier visit, still waiting on the device, was found for this case. */
  restored?(entry: OutboxEntry<K>): void;
}

/**
 * The one way a widget writes: for one kind of action at one endpoint for one case, it sends through
 * the outbox (saved before it is sent, sent again until the endpoint has it, under one key), holds the
 * phase, the receipt and the error, finds an action still waiting from an earlier visit when the widget
 * connects or its case changes, and follows its outcome — the outbox's own later retries included.
 * The outbox publishes the numbers a delivery answers with; the widget only reacts.
 */
export class ActionController<K extends OutboxKind> implements ReactiveController {
  phase: ActionPhase = 'idle';
  receipt?: Receipts[K] | undefined;
  error?: unknown;
  /** The action sent or waiting, once there is one. */
  entry?: OutboxEntry<K> | undefined;

  /** The key of the action in hand, kept until the endpoint has it or refuses it, so it is done once. */
  private key?: string | undefined;
  private restoredFor?: string;
  private listening?: Outbox | undefined;
  private stopHearing?: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly kind: K,
    private readonly target: () => ActionTarget,
    private readonly on: ActionReactions<K> = {},
  ) {
    host.addController(this);
  }

  private get outbox(): Outbox {
    return this.target().outbox ?? pageOutbox;
  }

  hostConnected(): void {
    this.listen();
    this.restore();
  }

  hostDisconnected(): void {
    this.stopHearing?.();
    this.stopHearing = undefined;
  }

  hostUpdate(): void {
    // An outbox given through context may arrive after the widget connected.
    this.listen();
    this.restore();
  }

  get busy(): boolean {
    return this.phase === 'saving';
  }

  /**
   * Sends `body`, under the key of the action in hand if it is still the same one, else a new key.
   * The widget is busy from now on, while a body still to come (after the minimum fill time) is awaited.
   */
  async send(body: OutboxEntry<K>['body'] | Promise<OutboxEntry<K>['body']>): Promise<void> {
    const { endpoint, caseId } = this.target();
    if (this.busy || !endpoint || caseId === undefined) return;
    this.phase = 'saving';
    this.error = undefined;
    this.key ??= newActionKey();
    this.host.requestUpdate();
    const entry = { key: this.key, kind: this.kind, endpoint, caseId, body: await body };
    await this.outbox.send(entry);
  }

  /** What is sent next is another action: it gets a new key. The action being sent keeps its own. */
  changed(): void {
    if (!this.busy) this.key = undefined;
  }

  /** Back to nothing sent, for someone else's action. */
  reset(): void {
    if (this.busy) return;
    this.phase = 'idle';
    this.receipt = this.error = this.entry = this.key = undefined;
    this.host.requestUpdate();
  }

  /** Follows the outbox this action goes through, and starts it. */
  private listen(): void {
    const outbox = this.outbox;
    if (outbox === this.listening && this.stopHearing) return;
    this.stopHearing?.();
    // Another outbox holds other actions: what waits is looked for again.
    if (outbox !== this.listening) this.restoredFor = undefined;
    this.listening = outbox;
    // Any widget that writes sends what a supporter left waiting, from wherever they return.
    outbox.start();
    this.stopHearing = outbox.onOutcome((outcome) => this.heard(outcome));
  }

  /** For a new endpoint or case: what waits on the device for it, else nothing. */
  private restore(): void {
    const { endpoint, caseId } = this.target();
    const where = `${endpoint}|${caseId}`;
    if (where === this.restoredFor || this.busy) return;
    this.restoredFor = where;
    const saved = endpoint && caseId !== undefined ? this.outbox.pendingFor(this.kind, endpoint, caseId).at(-1) : undefined;
    this.receipt = this.error = undefined;
    this.entry = saved;
    this.key = saved?.key;
    this.phase = saved ? 'saved-offline' : 'idle';
    if (saved) this.on.restored?.(saved);
  }

  private heard(outcome: Outcome): void {
    const { entry } = outcome;
    if (entry.kind !== this.kind || !this.key || entry.key !== this.key) return;
    const own = outcome as Outcome<K>;
    const was = this.phase;
    this.entry = own.entry;
    // Before the reactions, so that what they wait for (`updateComplete`) includes this change.
    this.host.requestUpdate();
    if (own.status === 'queued') {
      this.error = own.error;
      this.phase = 'saved-offline';
      this.on.saved?.(own, was);
    } else if (own.status === 'delivered') {
      this.key = undefined;
      this.receipt = own.receipt;
      this.phase = 'sent';
      this.on.sent?.(own, was);
    } else {
      this.key = undefined;
      this.error = own.error;
      this.phase = 'failed';
      this.on.failed?.(own, was);
    }
  }
}
