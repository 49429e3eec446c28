import { createHash } from 'node:crypto';
import type { Alert } from '../../alerts/alert.js';
import { eventLink } from '../../http/event-links.js';
import type { RecordedEvent } from '../../ledger/event-store.port.js';
import { caseEventKindOf, type WebhookEventKind } from '../webhook-event-kinds.js';
import type { NewDelivery } from './webhook-outbox.js';

/*
 * The messages, in the Standard Webhooks payload shape { type, timestamp, data }. They name the case
 * and link to it and to the evidence, and carry no personal data and no free text: a receiver that
 * needs more reads the case with its own credentials, under the disclosure rules.
 */

/** The message of a case fact a subscription may ask for; its webhook-id is the event's id, so a repeat is recognisable. */
export function caseFactMessage(event: RecordedEvent, unitId: string | null): NewDelivery | null {
  const kind = caseEventKindOf(event.type);
  if (kind === null) return null;
  const caseId = event.streamId.slice('case-'.length);
  const data = {
    caseId,
    unitId,
    eventType: event.type,
    eventId: event.eventId,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    globalPosition: event.globalPosition,
    links: { case: `/api/v1/cases/${caseId}`, evidence: eventLink(event.eventId) },
  };
  return {
    webhookId: `evt_${event.eventId}`,
    eventKind: kind,
    unitId,
    body: JSON.stringify({ type: kind, timestamp: event.recordedAt, data }),
  };
}

/**
 * The message of an alert. Its webhook-id is derived from the alert's id (case, step, kind, due
 * instant): the alert scan finds the same alert again and again until the deadline is met, and the
 * outbox keeps one delivery per subscription and webhook-id.
 */
export function alertMessage(alert: Alert, at: string): NewDelivery {
  const kind: WebhookEventKind = alert.kind === 'approaching' ? 'alert.approaching' : 'alert.breached';
  const webhookId = `alert_${createHash('sha256').update(alert.alertId).digest('base64url').slice(0, 32)}`;
  return { webhookId, eventKind: kind, unitId: alert.unitId, body: JSON.stringify({ type: kind, timestamp: at, data: alert }) };
}
