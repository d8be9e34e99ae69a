import { randomUUID } from 'node:crypto';
import {
  normalizeEmail,
  type ConfirmedSignature,
  type Erasure,
  type MessageResult,
  type NewDelivery,
  type NewLetters,
  type NewSignature,
  type Report,
  type SignatureResult,
  type StatusChange,
  type StoredMessage,
  type StoredPhoto,
} from '../storage/index.js';
import type { WebhookEventType, WebhookSettings } from './settings.js';

/** What every event says besides its type. */
interface EventFacts {
  caseId: string | null;
  source: string | null;
  /** ISO date-time of the action. */
  time: string;
  data: Record<string, unknown>;
  /** The supporter's email: sent only to receivers with `includeEmail`, and what erasure looks for. */
  email?: string | undefined;
  /** Not found by the email later: the erasure notice must outlive the erasure it reports. */
  unlinked?: true;
}

/**
 * Turns the endpoint's actions into outbox rows, one per receiver that listens for the event, each
 * with the JSON body it will be sent: `{ id, type, time, case, source, data }`. The storage writes
 * them in the action's transaction; `written` then wakes the deliverer.
 */
export class WebhookEvents {
  private readonly listening: ReadonlyMap<WebhookEventType, readonly WebhookSettings[]>;

  constructor(
    webhooks: readonly WebhookSettings[],
    private readonly written: () => void = () => undefined,
  ) {
    const listening = new Map<WebhookEventType, WebhookSettings[]>();
    for (const hook of webhooks)
      for (const type of hook.events) listening.set(type, [...(listening.get(type) ?? []), hook]);
    this.listening = listening;
  }

  /** Whether anyone listens for `type`. */
  wanted(type: WebhookEventType): boolean {
    return (this.listening.get(type)?.length ?? 0) > 0;
  }

  /** The rows for one event, one per receiver listening for it. */
  rows(type: WebhookEventType, facts: EventFacts): NewDelivery[] {
    const hooks = this.listening.get(type);
    if (!hooks) return [];
    const id = randomUUID();
    const subject = facts.email && !facts.unlinked ? normalizeEmail(facts.email) : null;
    const base = { id, type, time: facts.time, case: facts.caseId, source: facts.source };
    const rows = hooks.map((hook) => ({
      eventId: id,
      target: hook.url,
      type,
      caseId: facts.caseId,
      body: JSON.stringify({
        ...base,
        data: hook.includeEmail && facts.email ? { ...facts.data, email: facts.email } : facts.data,
      }),
      // Every row about a supporter is linked, even without the email: its body may hold their name.
      subject,
      createdAt: facts.time,
    }));
    this.written();
    return rows;
  }

  /** Reports a new signature, not a repeat. */
  signatureCreated(signature: NewSignature): Report<SignatureResult> | undefined {
    if (!this.wanted('signature.created')) return undefined;
    return (result) =>
      result.added
        ? this.rows('signature.created', {
            caseId: signature.caseId,
            source: signature.source,
            time: signature.createdAt,
            email: signature.email,
            data: {
              firstName: signature.firstName,
              lastName: signature.lastName,
              country: signature.country,
              optIn: signature.optIn ? (signature.optInId ? 'pending' : 'confirmed') : 'none',
              optInAt: signature.optIn && !signature.optInId ? signature.createdAt : null,
              consentVersion: signature.consentVersion,
            },
          })
        : [];
  }

  /** Reports a double opt-in confirmed by its link. */
  signatureConfirmed(): Report<ConfirmedSignature> | undefined {
    if (!this.wanted('signature.confirmed')) return undefined;
    return (signature) =>
      this.rows('signature.confirmed', {
        caseId: signature.caseId,
        source: signature.source,
        time: signature.optInAt,
        email: signature.email,
        data: {
          firstName: signature.firstName,
          lastName: signature.lastName,
          country: signature.country,
          optIn: 'confirmed',
          optInAt: signature.optInAt,
          consentVersion: signature.consentVersion,
        },
      });
  }

  private messageRows(message: StoredMessage, time: string): NewDelivery[] {
    return this.rows('message.approved', {
      caseId: message.caseId,
      source: message.source,
      time,
      data: { messageId: message.id, name: message.name, country: message.country, text: message.text },
    });
  }

  /** Reports a message shown at once (auto moderation). */
  messagePosted(): Report<MessageResult> | undefined {
    if (!this.wanted('message.approved')) return undefined;
    return ({ message }) =>
      message.status === 'approved' ? this.messageRows(message, message.createdAt) : [];
  }

  /** Reports a moderator's approval. */
  messageDecided(time: string): Report<StatusChange<StoredMessage>> | undefined {
    if (!this.wanted('message.approved')) return undefined;
    return ({ item }) => (item.status === 'approved' ? this.messageRows(item, time) : []);
  }

  lettersReported(): Report<NewLetters> | undefined {
    if (!this.wanted('letter.reported')) return undefined;
    return (letters) =>
      this.rows('letter.reported', {
        caseId: letters.caseId,
        source: letters.source,
        time: letters.createdAt,
        data: { count: letters.count, country: letters.country, kind: letters.kind },
      });
  }

  photoDecided(time: string): Report<StatusChange<StoredPhoto>> | undefined {
    if (!this.wanted('photo.approved')) return undefined;
    return ({ item }) =>
      item.status === 'approved'
        ? this.rows('photo.approved', {
            caseId: item.caseId,
            source: item.source,
            time,
            data: { photoId: item.id, type: item.type, size: item.size },
          })
        : [];
  }

  /** Tells every listening receiver to erase the supporter too; their email only where `includeEmail`. */
  supporterErased(email: string, time: string): Report<Erasure> | undefined {
    if (!this.wanted('supporter.erased')) return undefined;
    return (erasure) =>
      erasure.signatures > 0
        ? this.rows('supporter.erased', {
            caseId: null,
            source: null,
            time,
            email,
            unlinked: true,
            data: { signatures: erasure.signatures, cases: erasure.cases },
          })
        : [];
  }
}
