import type { DomainEvent } from '../domain-kit/decider.js';
import type { WebhookEventKind } from './webhook-event-kinds.js';

/**
 * A subscription of another system (an SMS gateway, a provincial portal) to the ledger's alerts and
 * case facts. Its signing secret is not part of the fact: the ledger is readable as evidence and kept in
 * backups, and a secret there would let any reader forge deliveries; the event keeps the secret's
 * SHA-256 fingerprint, which says which secret the subscription was registered with.
 */
export type WebhookSubscriptionRegistered = DomainEvent<
  'WebhookSubscriptionRegistered',
  {
    subscriptionId: string;
    url: string;
    eventKinds: WebhookEventKind[];
    /** Only this unit's matters (and those of the units under it); null: every unit. */
    unitId: string | null;
    description: string;
    secretFingerprint: string;
  }
>;

export type WebhookSubscriptionDisabled = DomainEvent<'WebhookSubscriptionDisabled', { reason: string }>;

export type WebhookEvent = WebhookSubscriptionRegistered | WebhookSubscriptionDisabled;

export const webhookStream = (subscriptionId: string): string => `webhook-${subscriptionId}`;
