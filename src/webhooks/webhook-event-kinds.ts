import type { CaseEventType } from '../cases/case-event-catalogue.js';

/**
 * What a subscription may ask for: the alerts (deadlines approaching and breached, as GET
 * /api/v1/alerts judges them) and the case facts other systems act on. A kind is the fact's name in
 * the dotted lower case of webhook catalogues.
 */
export const CASE_EVENT_KINDS = {
  CaseReceived: 'case.received',
  CaseAcknowledged: 'case.acknowledged',
  CaseAssigned: 'case.assigned',
  CaseEscalated: 'case.escalated',
  CaseDeadlineExtended: 'case.deadline-extended',
  CaseSuspended: 'case.suspended',
  CaseResumed: 'case.resumed',
  CaseResolved: 'case.resolved',
  CaseClosed: 'case.closed',
  CaseReopened: 'case.reopened',
} as const satisfies Partial<Record<CaseEventType, string>>;

export const ALERT_EVENT_KINDS = ['alert.approaching', 'alert.breached'] as const;

export const WEBHOOK_EVENT_KINDS = [...ALERT_EVENT_KINDS, ...Object.values(CASE_EVENT_KINDS)] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENT_KINDS)[number];

export function caseEventKindOf(type: string): WebhookEventKind | null {
  return (CASE_EVENT_KINDS as Readonly<Record<string, WebhookEventKind>>)[type] ?? null;
}
