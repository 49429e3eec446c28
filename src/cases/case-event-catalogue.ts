import type { PolicyStep } from '../policies/policy.events.js';
import type { CaseEvent } from './case.events.js';

/*
 * The catalogue of a case stream's event types, and what the deadlines make of them. A new event type
 * of CaseEvent fails compilation here, in the fold (case-facts.ts) and in every read side's own table
 * of types (the timeline's steps, the records the responsibility review keeps): each must say what it
 * does with it.
 */

export type CaseEventType = CaseEvent['type'];

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
  CaseSuspended: true,
  CaseResumed: true,
  CaseFindingLinked: true,
  CaseAppealed: true,
  EventCorrected: true,
};
export const CASE_EVENT_TYPES = Object.keys(EVERY_CASE_EVENT_TYPE) as CaseEventType[];

/**
 * The events that pause and resume a case's clock (Law on Denunciations art. 34; Law 136/2025 art. 11a
 * for complaints). Which clocks they stop, and whether a clock continues or restarts on resumption,
 * is the rule book's to say (a rule's `pauses`); the deadline calculator pairs them by type.
 */
export const PAUSE_EVENT_TYPES = ['CaseSuspended', 'CaseResumed'] as const satisfies readonly CaseEventType[];

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

/**
 * The steps a CaseDeadlineExtended extends: the handling of the case, accepting it and then resolving
 * (answering) it, whose rules say how many extensions the law allows. Classifying and reporting upward
 * are duties beside the handling; an extension of the handler's due date does not move them.
 */
export const EXTENDABLE_STEPS: Readonly<Record<PolicyStep, boolean>> = {
  acknowledge: true,
  classify: false,
  'report-upward': false,
  resolve: true,
  answer: true,
};
