import { vietnamDayOf } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { CaseEventType } from '../cases/case-event-catalogue.js';
import { caseHistoryOf, classificationAt, holdingAt, type CaseFacts, type HandlingPeriod } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import type { Fact } from '../domain-kit/decider.js';
import type { Deadline } from '../deadlines/deadline-calculator.js';
import { judgeDeadline, noRuleFor, type Unjudged } from '../deadlines/judged-deadline.js';
import type { JsonObject } from '../ledger/event-store.port.js';
import { POLICY_STEPS, type PolicyCategory, type PolicyStep } from '../policies/policy.events.js';
import type { RuleBook } from '../policies/rule-book.js';
import type { RemoteAreaChange } from '../organisation/unit-remote-area.js';

const HOUR_MS = 3600_000;

/** A case event as the projection keeps it: the fact plus when the ledger recorded it. */
export type TimelineFact = Fact<CaseEvent> & {
  readonly recordedAt: string;
  readonly globalPosition: number;
};

/** The steps of a case's timeline, named after the event that records each; null: not a step of it. */
export const TIMELINE_STEPS: Readonly<Record<CaseEventType, string | null>> = {
  CaseReceived: 'received',
  CaseAcknowledged: 'acknowledged',
  CaseClassified: 'classified',
  CaseAssigned: 'assigned',
  CaseActionRecorded: null,
  CaseMarkedComplex: 'marked-complex',
  CaseReportedUpward: 'reported-upward',
  UpperLevelInformed: 'upper-level-informed',
  CaseEscalated: 'escalated',
  CaseDeadlineExtended: 'extended',
  CaseResolved: 'resolved',
  CaseClosed: 'closed',
  CaseReopened: 'reopened',
  CaseSuspended: 'suspended',
  CaseResumed: 'resumed',
  CaseFindingLinked: 'visit-finding',
  CaseAppealed: 'appealed-to-second-level',
  EventCorrected: null,
};

export interface TimelineStep {
  readonly step: string;
  readonly type: string;
  readonly eventId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly globalPosition: number;
  /** From the previous step's occurredAt (null for the first). */
  readonly hoursSincePrevious: number | null;
  readonly hoursSinceReceived: number;
  /** How long after it happened the ledger learned of it (recordedAt − occurredAt), so late recording shows. */
  readonly recordedAfterHours: number;
  /** The event's data with corrections applied. */
  readonly data: JsonObject;
  /** EventCorrected events that changed this event. */
  readonly correctedBy: readonly string[];
}

/** 'assigned-due': the due date set on assignment (and extensions), judged like a rule's. */
export type TimelineDeadlineStep = PolicyStep | 'assigned-due';

/**
 * open: not done and not yet due; superseded: the handling period ended (escalation, reopening) before
 * it was due; no-calendar: the deadline falls in a year the working-day calendar does not cover (before
 * 1995 or after 2100, CALENDAR.YEAR_OUT_OF_RANGE), so it cannot be judged; not-required and unclassified: an upward report is owed only for a matter
 * classified must-report, and as of the judged instant this one is within authority, or not yet classified.
 */
export type TimelineStatus =
  | 'met'
  | 'missed'
  | 'overdue'
  | 'open'
  | 'paused'
  | 'not-started'
  | 'no-rule'
  | 'superseded'
  | 'no-calendar'
  | 'not-required'
  | 'unclassified';

export interface TimelineDeadline {
  readonly step: TimelineDeadlineStep;
  readonly rule: {
    readonly ruleId: string;
    readonly legalReference: string;
    /** The limit counted: the rule's own, or its remote-area limit when remoteArea. */
    readonly limit: number;
    readonly unit: string;
    readonly needsCheck: boolean;
    readonly source: 'default' | 'recorded';
    /** The receiving unit was a remote area on the receipt day and the rule's remote-area limits were counted. */
    readonly remoteArea: boolean;
  } | null;
  readonly clockStartedAt: string | null;
  readonly dueAt: string | null;
  readonly completedAt: string | null;
  readonly status: TimelineStatus;
  /** Why the step cannot be judged (status no-rule or no-calendar), in a sentence; null otherwise. */
  readonly unjudged: Unjudged | null;
  /** From the clock's start to completion, or to asOf while not done. */
  readonly durationHours: number | null;
  /** The extensions the rule allows the case, for its complexity (null without a rule). */
  readonly extensionsAllowed: number | null;
  /** Where the case was, and its assigned official, when the step was done (or as of asOf). */
  readonly unitId: string;
  readonly officialId: string | null;
  readonly evidence: {
    readonly clockStartEventId: string | null;
    readonly completedByEventId: string | null;
    /** Extensions that counted (a rule's allowance) or that set the due date (assigned-due). */
    readonly extensionEventIds: readonly string[];
    readonly dueSetByEventIds: readonly string[];
    readonly correctionEventIds: readonly string[];
    readonly ruleEventIds: readonly string[];
    /** For the upward report: the classification in force at the judged instant, which says whether it is owed. */
    readonly classificationEventIds: readonly string[];
  };
}

export interface CaseTimeline {
  readonly caseId: string;
  readonly category: PolicyCategory;
  readonly receivedUnitId: string;
  readonly currentUnitId: string;
  readonly assignee: { readonly officialId: string | null; readonly unitId: string | null } | null;
  readonly asOf: string;
  readonly steps: readonly TimelineStep[];
  readonly deadlines: readonly TimelineDeadline[];
}

export interface TimelineInput {
  readonly caseId: string;
  /** The case stream in order, EventCorrected included. */
  readonly facts: readonly TimelineFact[];
  readonly rules: RuleBook;
  /** A unit's remote-area designations (none when absent: no unit is a remote area). */
  readonly remoteAreaOf?: (unitId: string) => readonly RemoteAreaChange[];
  readonly calendar: WorkingDayCalendar;
  readonly asOf: string;
}

type Place = { readonly unitId: string; readonly officialId: string | null };

/**
 * A case's timeline as of an instant: its steps with the time between them, and every deadline that
 * applies with its verdict. Pure. Facts are taken as the ledger knows them now, by occurredAt: a step
 * recorded late but done in time is met (and its recordedAfterHours shows the late recording). The
 * case's history is the one fold (cases/case-facts.ts) of the facts that occurred by asOf.
 */
export function caseTimeline(input: TimelineInput): CaseTimeline | null {
  const asOfMs = Date.parse(input.asOf);
  const history = caseHistoryOf(input.facts.filter((fact) => Date.parse(fact.occurredAt) <= asOfMs));
  if (!history) return null;
  const { case: facts, correctionsOf } = history;
  const placeAt = (at: string | null): Place => {
    const holding = holdingAt(facts, at ?? input.asOf);
    return { unitId: holding.unitId, officialId: holding.assignee?.officialId ?? null };
  };

  const steps: TimelineStep[] = [];
  for (const fact of history.facts) {
    const step = TIMELINE_STEPS[fact.type];
    if (step === null) continue;
    const previous = steps[steps.length - 1];
    steps.push({
      step,
      type: fact.type,
      eventId: fact.eventId,
      occurredAt: fact.occurredAt,
      recordedAt: fact.recordedAt,
      globalPosition: fact.globalPosition,
      hoursSincePrevious: previous ? hoursBetween(previous.occurredAt, fact.occurredAt) : null,
      hoursSinceReceived: hoursBetween(facts.received.at, fact.occurredAt),
      recordedAfterHours: hoursBetween(fact.occurredAt, fact.recordedAt),
      data: fact.data,
      correctedBy: correctionsOf(fact.eventId),
    });
  }

  const judged = {
    facts,
    correctionsOf,
    placeAt,
    rules: input.rules,
    receivingUnitRemoteArea: input.remoteAreaOf?.(facts.received.unitId) ?? [],
    calendar: input.calendar,
    asOf: input.asOf,
  };
  const deadlines: TimelineDeadline[] = [];
  for (const step of POLICY_STEPS) {
    for (const clockStartsAt of input.rules.clockStartsFor(facts.category, step)) deadlines.push(ruleDeadline(step, clockStartsAt, judged));
  }
  for (const period of facts.periods) {
    const deadline = assignedDeadline(period, judged);
    if (deadline) deadlines.push(deadline);
  }

  const now = holdingAt(facts, input.asOf);
  return {
    caseId: input.caseId,
    category: facts.category,
    receivedUnitId: facts.received.unitId,
    currentUnitId: now.unitId,
    assignee: now.assignee,
    asOf: input.asOf,
    steps,
    deadlines,
  };
}

interface Judged {
  readonly facts: CaseFacts;
  readonly correctionsOf: (eventId: string) => readonly string[];
  readonly placeAt: (at: string | null) => Place;
  readonly rules: RuleBook;
  readonly receivingUnitRemoteArea: readonly RemoteAreaChange[];
  readonly calendar: WorkingDayCalendar;
  readonly asOf: string;
}

const noEvidence: TimelineDeadline['evidence'] = {
  clockStartEventId: null,
  completedByEventId: null,
  extensionEventIds: [],
  dueSetByEventIds: [],
  correctionEventIds: [],
  ruleEventIds: [],
  classificationEventIds: [],
};

/** The deadline of a step under the rule in force when its clock (started by `clockStartsAt`) started. */
function ruleDeadline(step: PolicyStep, clockStartsAt: string, judged: Judged): TimelineDeadline {
  const { facts, correctionsOf } = judged;
  const start = facts.moments.find((moment) => moment.type === clockStartsAt);
  if (!start) return unjudged(step, 'not-started', judged.placeAt(null));
  const sourced = judged.rules.inForce(facts.category, step, clockStartsAt, start.at);
  if (!sourced) {
    return {
      ...unjudged(step, 'no-rule', judged.placeAt(null)),
      unjudged: noRuleFor(facts.category, step, start.at),
      clockStartedAt: start.at,
      evidence: { ...noEvidence, clockStartEventId: start.eventId },
    };
  }
  const owed = step === 'report-upward' ? upwardReportOwed(facts, judged.asOf) : null;
  const { deadline, unjudged: uncovered } = judgeDeadline({
    rule: sourced.rule,
    moments: facts.moments,
    calendar: judged.calendar,
    asOf: judged.asOf,
    receivingUnitRemoteArea: judged.receivingUnitRemoteArea,
  });
  const classificationEventIds = owed?.classification ? [owed.classification.eventId, ...correctionsOf(owed.classification.eventId)] : [];
  if (!deadline) {
    return {
      ...unjudged(step, owed?.status ?? 'no-calendar', judged.placeAt(null)),
      unjudged: owed?.status ? null : uncovered,
      clockStartedAt: start.at,
      evidence: { ...noEvidence, clockStartEventId: start.eventId, ruleEventIds: sourced.eventIds, classificationEventIds },
    };
  }
  const { rule } = sourced;
  const involved = [
    facts.received.eventId,
    start.eventId,
    deadline.completedByEventId,
    ...deadline.extensions.map((extension) => extension.eventId),
  ];
  return {
    step,
    rule: {
      ruleId: rule.ruleId,
      legalReference: rule.legalReference,
      limit: deadline.limit,
      unit: rule.unit,
      needsCheck: rule.needsCheck,
      source: sourced.source,
      remoteArea: deadline.remoteArea,
    },
    clockStartedAt: deadline.clockStartedAt,
    dueAt: deadline.dueAt,
    completedAt: deadline.completedAt,
    status: owed?.status ?? statusOf(deadline),
    unjudged: null,
    durationHours: deadline.durationMs === null ? null : deadline.durationMs / HOUR_MS,
    extensionsAllowed: deadline.extensionsAllowed,
    ...judged.placeAt(deadline.completedAt),
    evidence: {
      clockStartEventId: start.eventId,
      completedByEventId: deadline.completedByEventId,
      extensionEventIds: deadline.extensions.filter((extension) => extension.judgement === 'counted').map((extension) => extension.eventId),
      dueSetByEventIds: [],
      correctionEventIds: involved.flatMap((eventId) => (eventId ? correctionsOf(eventId) : [])),
      ruleEventIds: sourced.eventIds,
      classificationEventIds,
    },
  };
}

/**
 * Whether the upward report is owed: only for a matter classified must-report, by the classification
 * in force at the judged instant (asOf), corrections applied. A status when it is not owed; null when it is.
 */
function upwardReportOwed(
  facts: CaseFacts,
  asOf: string,
): { status: 'not-required' | 'unclassified' | null; classification: CaseFacts['classifications'][number] | null } {
  const classification = classificationAt(facts, asOf);
  if (classification === null) return { status: 'unclassified', classification };
  return { status: classification.value === 'must-report' ? null : 'not-required', classification };
}

function unjudged(step: TimelineDeadlineStep, status: TimelineStatus, place: Place): TimelineDeadline {
  return {
    step,
    rule: null,
    clockStartedAt: null,
    dueAt: null,
    completedAt: null,
    status,
    unjudged: null,
    durationHours: null,
    extensionsAllowed: null,
    ...place,
    evidence: noEvidence,
  };
}

function statusOf(deadline: Deadline): TimelineStatus {
  return deadline.status === 'running' ? 'open' : deadline.status;
}

/**
 * The deadline of a handling period's due date: from its first assignment to its resolution, or to the
 * escalation or reopening that ended it first; the due date is the last one set (assignment or
 * extension), with corrections.
 */
function assignedDeadline(period: HandlingPeriod, judged: Judged): TimelineDeadline | null {
  const first = period.dueDates.findIndex((setting) => setting.type === 'CaseAssigned');
  if (first < 0) return null;
  const settings = period.dueDates.slice(first);
  const startedAt = settings[0].at;
  const dueAt = settings[settings.length - 1].dueAt;
  const end = period.resolvedBy ?? period.endedBy;
  const completed = period.resolvedBy !== null;
  const endAt = end?.at ?? judged.asOf;
  const status = assignedStatus(dueAt, end, completed, endAt, judged.facts.suspension);
  const dueSetBy = settings.map((setting) => setting.eventId);
  return {
    step: 'assigned-due',
    rule: null,
    clockStartedAt: startedAt,
    dueAt,
    completedAt: completed ? endAt : null,
    status,
    unjudged: null,
    durationHours: hoursBetween(startedAt, endAt),
    extensionsAllowed: null,
    ...judged.placeAt(endAt),
    evidence: {
      ...noEvidence,
      clockStartEventId: settings[0].eventId,
      completedByEventId: completed ? (end?.eventId ?? null) : null,
      extensionEventIds: settings.filter((setting) => setting.type === 'CaseDeadlineExtended').map((setting) => setting.eventId),
      dueSetByEventIds: dueSetBy,
      correctionEventIds: dueSetBy.flatMap(judged.correctionsOf),
    },
  };
}

function assignedStatus(
  dueAt: string,
  end: { readonly at: string } | null,
  completed: boolean,
  endAt: string,
  suspension: CaseFacts['suspension'],
): TimelineStatus {
  // Suspended before it was due, the handler's due date waits for the resumption (which may set a new one).
  if (!end && suspension !== null && Date.parse(suspension.at) <= Date.parse(dueAt)) return 'paused';
  if (Date.parse(endAt) > Date.parse(dueAt)) return end ? 'missed' : 'overdue';
  if (completed) return 'met';
  return end ? 'superseded' : 'open';
}

function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / HOUR_MS;
}

/** The month (in Vietnam) an instant falls in, YYYY-MM. */
export function vietnamMonthOf(instant: string): string {
  return vietnamDayOf(instant).slice(0, 7);
}
