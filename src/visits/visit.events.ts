import type { DomainEvent } from '../domain-kit/decider.js';
import type { EventCorrected } from '../domain-kit/corrections.js';
import type { CaseReceived } from '../cases/case.events.js';

/** Periodic (định kỳ) visits follow the plan of the committee; unscheduled (đột xuất) ones do not. */
export const VISIT_KINDS = ['periodic', 'unscheduled'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const FINDING_SEVERITIES = ['low', 'medium', 'high'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** A visit takes at least one official and no more than a delegation can sensibly be. */
export const MAX_PARTICIPANTS = 50;

/** plannedFor is a plan and may lie in the future; the fact that it was scheduled (occurredAt) may not. */
export type VisitScheduled = DomainEvent<
  'VisitScheduled',
  {
    visitId: string;
    kind: VisitKind;
    purpose: string;
    place: string | null;
    unitId: string;
    participants: string[];
    plannedFor: string;
    publishedInCalendar: boolean;
  }
>;
export type VisitRescheduled = DomainEvent<'VisitRescheduled', { plannedFor: string; previousPlannedFor: string; reason: string }>;
export type VisitCancelled = DomainEvent<'VisitCancelled', { reason: string }>;
/** Who was actually there: official ids, and anyone else in words (local leaders, citizens...). */
export type VisitConducted = DomainEvent<
  'VisitConducted',
  { startedAt: string; endedAt: string; presentParticipants: string[]; others: string | null }
>;
/**
 * caseId names the case the finding is about: the case it opens, or an existing case it concerns.
 * Opening one, caseId is derived from the finding so a retry opens no second case, and caseReceipt is
 * that case's CaseReceived data exactly as case-<caseId> records it (reporter sealed): the finding
 * carries the whole receipt, so the case follows from this one event, even after a crash between the
 * two appends (see ledger/second-step.ts). Concerning an existing case, caseReceipt is null and the
 * case's stream records CaseFindingLinked from this event the same way. caseId null: no case. In
 * findings recorded before receipts were carried caseReceipt is absent, and caseId is a case they opened.
 */
export type VisitFindingRecorded = DomainEvent<
  'VisitFindingRecorded',
  {
    findingId: string;
    text: string;
    severity: FindingSeverity | null;
    caseId: string | null;
    caseReceipt?: CaseReceived['data'] | null;
  }
>;

export type VisitEvent = VisitScheduled | VisitRescheduled | VisitCancelled | VisitConducted | VisitFindingRecorded | EventCorrected;

export const visitStream = (visitId: string): string => `visit-${visitId}`;
