import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps an element subscribed to one thing while it is connected, chosen by its settings (a case's
 * stream, a case's numbers), and follows it when they change: the old subscription stops, the new one
 * starts; with no target, no subscription.
 */
export class KeyedSubscriptionController<T> implements ReactiveController {
  private key?: string;
  private stop?: () => void;

  constructor(
    host: ReactiveControllerHost,
    private readonly subscription: {
      /** What to subscribe to now, or undefined for nothing. */
      target(): T | undefined;
      /** Two targets with the same key are the same subscription. */
      keyOf(target: T): string;
      /** Subscribes; returns the function that stops. */
      start(target: T): () => void;
      /** Called whenever the target changes, before the new one starts. */
      changed?(): void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = this.key = undefined;
  }

  private sync(): void {
    const target = this.subscription.target();
    const key = target === undefined ? undefined : this.subscription.keyOf(target);
    if (key === this.key && (this.stop || key === undefined)) return;
    this.stop?.();
    this.key = key;
    this.subscription.changed?.();
    this.stop = target === undefined ? undefined : this.subscription.start(target);
  }
}
