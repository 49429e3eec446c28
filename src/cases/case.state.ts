import type { Fact } from '../domain-kit/decider.js';
import type {
  CaseCategory,
  CaseChannel,
  CaseClassification,
  CaseComplexity,
  CaseEvent,
  CaseLocation,
  CaseMedia,
  RecordedReporter,
} from './case.events.js';

/** Who holds the case now: an official or a unit, never both. */
export interface CaseAssignee {
  readonly officialId: string | null;
  readonly unitId: string | null;
}

/** A stay of the case at a unit: where it was received, then every unit it was escalated to. */
export interface CaseUnitStay {
  readonly unitId: string;
  readonly since: string;
}

/**
 * The case as the decider needs it, and its timeline as the projections (issue 4) need it. The first
 * times (acknowledgedAt, reportedUpwardAt, firstActionAt...) are kept as first: later facts do not
 * move them, because the time to the first of each is what the ledger measures.
 */
export type CaseState =
  | { readonly status: 'unreceived' }
  | {
      readonly status: 'open' | 'resolved' | 'closed';
      readonly caseId: string;
      readonly category: CaseCategory;
      readonly channel: CaseChannel;
      readonly summary: string;
      readonly reporter: RecordedReporter;
      readonly location: CaseLocation | null;
      readonly media: CaseMedia | null;
      readonly mediaUrl: string | null;
      readonly sourceVisitId: string | null;
      readonly referredFromUnitId: string | null;
      readonly receivedUnitId: string;
      readonly currentUnitId: string;
      readonly unitHistory: readonly CaseUnitStay[];
      readonly receivedAt: string;
      readonly acknowledgedAt: string | null;
      readonly classification: CaseClassification | null;
      readonly classifiedAt: string | null;
      readonly complexity: CaseComplexity | null;
      readonly assignee: CaseAssignee | null;
      readonly assignedAt: string | null;
      /** The due date of the current handling period (cleared by escalation and reopening). */
      readonly dueAt: string | null;
      /** Extensions granted in the current handling period. */
      readonly extensions: number;
      readonly firstActionAt: string | null;
      readonly actionCount: number;
      readonly reportedUpwardAt: string | null;
      readonly upperLevelInformedAt: string | null;
      readonly escalatedAt: string | null;
      readonly resolvedAt: string | null;
      readonly outcome: string | null;
      readonly closedAt: string | null;
      readonly reopenedAt: string | null;
      readonly reopenCount: number;
      readonly lastOccurredAt: string;
      /** Every fact of the case, so a correction can name the event it corrects. */
      readonly facts: readonly Fact<CaseEvent>[];
    };

export type ReceivedCase = Exclude<CaseState, { status: 'unreceived' }>;

export const initialCaseState: CaseState = { status: 'unreceived' };

export function evolveCase(state: CaseState, fact: Fact<CaseEvent>): CaseState {
  if (fact.type === 'CaseReceived') return received(fact as Fact<Extract<CaseEvent, { type: 'CaseReceived' }>>);
  if (state.status === 'unreceived') return state;
  const at = fact.occurredAt;
  const current = { ...state, lastOccurredAt: later(state.lastOccurredAt, at), facts: [...state.facts, fact] };
  switch (fact.type) {
    case 'CaseAcknowledged':
      return { ...current, acknowledgedAt: current.acknowledgedAt ?? at };
    case 'CaseClassified':
      return { ...current, classification: fact.data.classification, classifiedAt: current.classifiedAt ?? at };
    case 'CaseAssigned':
      return {
        ...current,
        assignee: { officialId: fact.data.officialId, unitId: fact.data.unitId },
        assignedAt: at,
        dueAt: fact.data.dueAt,
      };
    case 'CaseActionRecorded':
      return { ...current, firstActionAt: current.firstActionAt ?? at, actionCount: current.actionCount + 1 };
    case 'CaseMarkedComplex':
      return { ...current, complexity: fact.data.complexity };
    case 'CaseReportedUpward':
      return { ...current, reportedUpwardAt: current.reportedUpwardAt ?? at };
    case 'UpperLevelInformed':
      return { ...current, upperLevelInformedAt: current.upperLevelInformedAt ?? at };
    case 'CaseEscalated':
      return {
        ...current,
        currentUnitId: fact.data.toUnitId,
        unitHistory: [...current.unitHistory, { unitId: fact.data.toUnitId, since: at }],
        escalatedAt: at,
        ...newHandlingPeriod,
      };
    case 'CaseDeadlineExtended':
      return { ...current, dueAt: fact.data.newDueAt, extensions: current.extensions + 1 };
    case 'CaseResolved':
      return { ...current, status: 'resolved', resolvedAt: at, outcome: fact.data.outcome };
    case 'CaseClosed':
      return { ...current, status: 'closed', closedAt: at };
    case 'CaseReopened':
      return {
        ...current,
        status: 'open',
        reopenedAt: at,
        reopenCount: current.reopenCount + 1,
        resolvedAt: null,
        outcome: null,
        closedAt: null,
        ...newHandlingPeriod,
      };
    case 'EventCorrected':
      return current;
    default:
      return unhandled(fact);
  }
}

/** Escalation and reopening start a new handling period: whoever takes it sets a new due date. */
const newHandlingPeriod = { assignee: null, assignedAt: null, dueAt: null, extensions: 0 } as const;

function received(fact: Fact<Extract<CaseEvent, { type: 'CaseReceived' }>>): ReceivedCase {
  const { caseId, unitId, category, channel, summary, reporter, sourceVisitId, referredFromUnitId, location, media, mediaUrl } = fact.data;
  return {
    status: 'open',
    caseId,
    category,
    channel,
    summary,
    reporter,
    location: location ?? null,
    media: media ?? null,
    mediaUrl: mediaUrl ?? null,
    sourceVisitId,
    referredFromUnitId,
    receivedUnitId: unitId,
    currentUnitId: unitId,
    unitHistory: [{ unitId, since: fact.occurredAt }],
    receivedAt: fact.occurredAt,
    acknowledgedAt: null,
    classification: null,
    classifiedAt: null,
    complexity: null,
    assignee: null,
    assignedAt: null,
    dueAt: null,
    extensions: 0,
    firstActionAt: null,
    actionCount: 0,
    reportedUpwardAt: null,
    upperLevelInformedAt: null,
    escalatedAt: null,
    resolvedAt: null,
    outcome: null,
    closedAt: null,
    reopenedAt: null,
    reopenCount: 0,
    lastOccurredAt: fact.occurredAt,
    facts: [fact],
  };
}

function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function unhandled(value: never): never {
  throw new Error(`Unhandled ${JSON.stringify(value)}`);
}
