import type { CaseEvent } from '../cases/case.events.js';
import type { PolicyStep } from '../policies/policy.events.js';

type CaseEventType = CaseEvent['type'];

/** Every event type of a case stream: the compiler fails here when one is added to CaseEvent and not listed. */
const EVERY_CASE_EVENT_TYPE: Record<CaseEventType, true> = {
  CaseReceived: true,
  CaseAcknowledged: true,
  CaseClassified: true,
  CaseAssigned: true,
  CaseActionRecorded: true,
  CaseMarkedComplex: true,
  CaseReportedUpward: true,
  UpperLevelInformed: true,
  CaseEscalated: true,
  CaseDeadlineExtended: true,
  CaseResolved: true,
  CaseClosed: true,
  CaseReopened: true,
  EventCorrected: true,
};
export const CASE_EVENT_TYPES = Object.keys(EVERY_CASE_EVENT_TYPE) as CaseEventType[];

/**
 * The events that will pause and resume a case's clock (Law on Denunciations art. 34; Law 136/2025 art.
 * 11a for complaints). The case stream has no such events yet; rules may already name them.
 */
export const PLANNED_PAUSE_EVENT_TYPES = ['CaseSuspended', 'CaseResumed'] as const;

/**
 * The event that completes each step. A petition, reflection or proposal is answered when the case is
 * resolved: the outcome is the answer the citizen receives.
 */
export const STEP_COMPLETED_BY: Readonly<Record<PolicyStep, readonly CaseEventType[]>> = {
  acknowledge: ['CaseAcknowledged'],
  classify: ['CaseClassified'],
  'report-upward': ['CaseReportedUpward'],
  resolve: ['CaseResolved'],
  answer: ['CaseResolved'],
};
