import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import type { DeliveryAttempt, DeliveryRow, DueDelivery, NewDelivery, SubscriptionRow } from './webhook-outbox.js';

/**
 * Where the webhooks keep what the ledger does not (WEBHOOK_STORE): the subscriptions as the feed told
 * them, their secrets, the outbox of deliveries and its log. The SQLite file of the data folder serves
 * one machine; PostgreSQL serves every instance behind a balancer, which then read one list of
 * subscriptions, one delivery log, and claim each delivery so that one instance makes each attempt.
 */
export const WEBHOOK_STORE = Symbol('WEBHOOK_STORE');

/** Shapes the message of a feed event for the subscriptions, or null for none (webhook-messages.ts). */
export type DeliveryOf = (event: RecordedEvent, unitId: string | null) => NewDelivery | null;

/** What follows the ledger's feed into the store, from the store's own checkpoint. */
export interface WebhookFeedIntake {
  start(): void;
  stop(): void;
  /** Resolves true once the store has read the feed up to `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

export interface FeedIntakeHooks {
  readonly deliveryOf: DeliveryOf;
  readonly now: () => number;
  /** After each batch taken in, with the events it held. */
  readonly taken: (events: readonly RecordedEvent[]) => void;
  readonly failed: (message: string, retryInMs: number) => void;
}

export interface WebhookStore {
  /**
   * Keeps a new subscription's secret before its registration is appended; the registration, once the
   * feed brings it, takes the secret whose fingerprint it records. A secret whose registration never
   * came (a refused or replayed request) is forgotten with `forgetSecret`.
   */
  keepSecret(fingerprint: string, secret: string): Promise<void>;
  forgetSecret(fingerprint: string): Promise<void>;
  /** Follows the feed into the store: subscriptions, the unit tree, a delivery per matching subscription for each case fact. */
  intake(store: EventStore, hooks: FeedIntakeHooks): WebhookFeedIntake;
  /** Deliveries for every active subscription that wants them and whose unit filter covers them; a repeat (same webhook-id) is ignored. */
  enqueue(deliveries: readonly NewDelivery[], nowMs: number): Promise<number>;
  /** Whether any active subscription asks for one of these kinds: the alert scan is skipped when none does. */
  wantsAny(kinds: readonly string[]): Promise<boolean>;
  /**
   * Pending deliveries due by now, oldest first, taken for one attempt by this instance: no other
   * instance is given them until the attempt is recorded or `leaseMs` has passed (a crashed attempt
   * is then made again, at least once stays).
   */
  claimDue(nowMs: number, limit: number, leaseMs: number): Promise<DueDelivery[]>;
  /** Logs an attempt and sets what comes next: delivered, another attempt at nextAttemptMs, or failed for good. */
  recordAttempt(
    deliveryId: number,
    attempt: DeliveryAttempt,
    next: { status: 'delivered' | 'pending' | 'failed'; nextAttemptMs: number | null },
  ): Promise<void>;
  subscriptions(): Promise<SubscriptionRow[]>;
  subscription(subscriptionId: string): Promise<SubscriptionRow | null>;
  /** A subscription's deliveries, newest first, each with its attempts; `before` pages on from a delivery id. */
  deliveries(subscriptionId: string, before: number | null, limit: number): Promise<DeliveryRow[]>;
  close(): Promise<void>;
}
