import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import { FeedFollower } from '../../projections/feed-follower.js';
import type { DeliveryAttempt, DeliveryRow, DueDelivery, NewDelivery, SubscriptionRow, WebhookOutbox } from './webhook-outbox.js';
import type { FeedIntakeHooks, WebhookFeedIntake, WebhookStore } from './webhook-store.port.js';

/**
 * The webhooks of one machine: the outbox file in the data folder (webhook-outbox.ts), followed from
 * the feed batch by batch with its checkpoint in the same transaction. One dispatcher reads it, so a
 * claim is the dispatcher's own bookkeeping of what it has in flight.
 */
export class SqliteWebhookStore implements WebhookStore {
  constructor(readonly outbox: WebhookOutbox) {}

  async keepSecret(fingerprint: string, secret: string): Promise<void> {
    this.outbox.keepSecret(fingerprint, secret);
  }

  async forgetSecret(fingerprint: string): Promise<void> {
    this.outbox.forgetSecret(fingerprint);
  }

  intake(store: EventStore, hooks: FeedIntakeHooks): WebhookFeedIntake {
    return new FeedFollower<RecordedEvent>(
      { subscribe: (after) => store.subscribeToAll(after), headPosition: () => store.headPosition() },
      {
        open: () => this.outbox.position(),
        position: () => this.outbox.position(),
        write: (events) => {
          this.outbox.applyFeed(events, hooks.deliveryOf, hooks.now());
          hooks.taken(events);
          return true;
        },
      },
      { batchSize: 500, retryAfterMs: 1000, onFailed: hooks.failed },
    );
  }

  async enqueue(deliveries: readonly NewDelivery[], nowMs: number): Promise<number> {
    return this.outbox.enqueue(deliveries, nowMs);
  }

  async wantsAny(kinds: readonly string[]): Promise<boolean> {
    return this.outbox.wantsAny(kinds);
  }

  async claimDue(nowMs: number, limit: number): Promise<DueDelivery[]> {
    return this.outbox.due(nowMs, limit);
  }

  async recordAttempt(
    deliveryId: number,
    attempt: DeliveryAttempt,
    next: { status: 'delivered' | 'pending' | 'failed'; nextAttemptMs: number | null },
  ): Promise<void> {
    this.outbox.recordAttempt(deliveryId, attempt, next);
  }

  async subscriptions(): Promise<SubscriptionRow[]> {
    return this.outbox.subscriptions();
  }

  async subscription(subscriptionId: string): Promise<SubscriptionRow | null> {
    return this.outbox.subscription(subscriptionId);
  }

  async deliveries(subscriptionId: string, before: number | null, limit: number): Promise<DeliveryRow[]> {
    return this.outbox.deliveries(subscriptionId, before, limit);
  }

  async close(): Promise<void> {
    this.outbox.close();
  }
}
