import type { ReactiveControllerHost } from 'lit';
import { ActionController, type ActionTarget } from '../../core/data/action-controller.js';
import type { Outcome } from '../../core/data/outbox.js';
import { errorCode } from '../../core/format/error-messages.js';
import { joinReceipt, type PublicGathering } from '../../schema/gathering.js';

const JOINED_PREFIX = 'w4r-joined:';

function remembered(id: string): boolean {
  try {
    return localStorage.getItem(JOINED_PREFIX + id) === '1';
  } catch {
    return false;
  }
}

function remember(id: string): void {
  try {
    localStorage.setItem(JOINED_PREFIX + id, '1');
  } catch {
    // nowhere to remember it: the button is offered again next time
  }
}

export interface EventJoinsSettings {
  /** Where a join goes, but for its case, which is the event's id. */
  target(): ActionTarget;
  source(): string | undefined;
  /** "I'll come" was counted (with the event's count of people coming) or saved to send later. */
  joined(id: string, participants?: number): void;
  refused(id: string, error: unknown): void;
}

/**
 * "I'll come", once per event and browser: each event joined gets its own action (sent through the
 * outbox, kept on the device while offline), and this browser remembers the events it joined.
 */
export class EventJoins {
  private readonly actions = new Map<string, ActionController<'joins'>>();
  /** Events the endpoint said are full when this reader asked to come. */
  private readonly full = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly settings: EventJoinsSettings,
  ) {}

  joined(id: string): boolean {
    return remembered(id);
  }

  /** True when no one else can come: the event's room is taken, as listed or as the endpoint answered. */
  isFull(item: PublicGathering): boolean {
    if (remembered(item.id)) return false;
    return this.full.has(item.id) || (item.capacity !== undefined && item.participants >= item.capacity);
  }

  sending(id: string): boolean {
    return this.actions.get(id)?.busy ?? false;
  }

  join(id: string): void {
    if (remembered(id) || this.sending(id)) return;
    const source = this.settings.source();
    void this.actionFor(id).send(source ? { source } : {});
  }

  private actionFor(id: string): ActionController<'joins'> {
    let action = this.actions.get(id);
    if (!action) {
      action = new ActionController(this.host, 'joins', () => ({ ...this.settings.target(), caseId: id }), {
        saved: (_, was) => was === 'saving' && this.heard(id),
        sent: (outcome) => this.heard(id, outcome),
        failed: ({ error }) => {
          if (errorCode(error) === 'gathering_full') this.full.add(id);
          this.settings.refused(id, error);
        },
      });
      this.actions.set(id, action);
    }
    return action;
  }

  private heard(id: string, outcome?: Outcome<'joins'> & { status: 'delivered' }): void {
    remember(id);
    this.settings.joined(id, outcome && joinReceipt.parse(outcome.receipt).participants);
  }
}
