import { vietnamDayOf } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { EVENT_CORRECTED, withCorrections, type EventCorrected } from '../domain-kit/corrections.js';
import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { computeDeadline, type Deadline } from '../deadlines/deadline-calculator.js';
import type { JsonObject } from '../ledger/event-store.port.js';
import { POLICY_STEPS, type PolicyCategory, type PolicyStep } from '../policies/policy.events.js';
import type { RuleBook } from './response-rules.js';

const HOUR_MS = 3600_000;

/** A case event as the projection keeps it: the fact plus when the ledger recorded it. */
export interface TimelineFact extends Fact<DomainEvent> {
  readonly recordedAt: string;
  readonly globalPosition: number;
}

/** The steps of a case's timeline, named after the event that records each. */
export const TIMELINE_STEPS: Readonly<Record<string, string>> = {
  CaseReceived: 'received',
  CaseAcknowledged: 'acknowledged',
  CaseClassified: 'classified',
  CaseAssigned: 'assigned',
  CaseMarkedComplex: 'marked-complex',
  CaseReportedUpward: 'reported-upward',
  UpperLevelInformed: 'upper-level-informed',
  CaseEscalated: 'escalated',
  CaseDeadlineExtended: 'extended',
  CaseResolved: 'resolved',
  CaseClosed: 'closed',
  CaseReopened: 'reopened',
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

/** open: not done and not yet due; superseded: the handling period ended (escalation, reopening) before it was due. */
/** no-calendar: the deadline falls in a year the working-day calendar does not cover (before 1995 or after 2100, CALENDAR.YEAR_OUT_OF_RANGE), so it cannot be judged. */
export type TimelineStatus = 'met' | 'missed' | 'overdue' | 'open' | 'paused' | 'not-started' | 'no-rule' | 'superseded' | 'no-calendar';

export interface TimelineDeadline {
  readonly step: TimelineDeadlineStep;
  readonly rule: {
    readonly ruleId: string;
    readonly legalReference: string;
    readonly limit: number;
    readonly unit: string;
    readonly needsCheck: boolean;
    readonly source: 'default' | 'recorded';
  } | null;
  readonly clockStartedAt: string | null;
  readonly dueAt: string | null;
  readonly completedAt: string | null;
  readonly status: TimelineStatus;
  /** From the clock's start to completion, or to asOf while not done. */
  readonly durationHours: number | null;
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
  readonly calendar: WorkingDayCalendar;
  readonly asOf: string;
}

/**
 * A case's timeline as of an instant: its steps with the time between them, and every deadline that
 * applies with its verdict. Pure. Facts are taken as the ledger knows them now, by occurredAt: a step
 * recorded late but done in time is met (and its recordedAfterHours shows the late recording).
 */
export function caseTimeline(input: TimelineInput): CaseTimeline | null {
  const asOfMs = Date.parse(input.asOf);
  const corrections = input.facts.filter(
    (fact) => fact.type === EVENT_CORRECTED && Date.parse(fact.occurredAt) <= asOfMs,
  ) as unknown as Fact<EventCorrected>[];
  const known = input.facts.filter((fact) => Date.parse(fact.occurredAt) <= asOfMs);
  const facts = (withCorrections(known) as TimelineFact[]).filter((fact) => fact.type !== EVENT_CORRECTED);
  const received = facts.find((fact) => fact.type === 'CaseReceived');
  if (!received) return null;
  const correctorsOf = (eventId: string): string[] =>
    corrections.filter((fact) => fact.data.correctedEventId === eventId).map((fact) => fact.eventId);
  const category = received.data.category as PolicyCategory;
  const whereAt = placeOf(facts);

  const steps: TimelineStep[] = [];
  for (const fact of facts) {
    const step = TIMELINE_STEPS[fact.type];
    if (!step) continue;
    const previous = steps[steps.length - 1];
    steps.push({
      step,
      type: fact.type,
      eventId: fact.eventId,
      occurredAt: fact.occurredAt,
      recordedAt: fact.recordedAt,
      globalPosition: fact.globalPosition,
      hoursSincePrevious: previous ? hoursBetween(previous.occurredAt, fact.occurredAt) : null,
      hoursSinceReceived: hoursBetween(received.occurredAt, fact.occurredAt),
      recordedAfterHours: hoursBetween(fact.occurredAt, fact.recordedAt),
      data: fact.data,
      correctedBy: correctorsOf(fact.eventId),
    });
  }

  const deadlines: TimelineDeadline[] = [];
  for (const step of POLICY_STEPS) {
    for (const clockStartsAt of input.rules.clockStartsFor(category, step)) {
      const start = facts.find((fact) => fact.type === clockStartsAt);
      const judgedAt = (at: string | null) => whereAt(at ?? input.asOf);
      if (!start) {
        deadlines.push(unjudged(step, 'not-started', judgedAt(null)));
        continue;
      }
      const sourced = input.rules.inForce(category, step, clockStartsAt, start.occurredAt);
      if (!sourced) {
        deadlines.push({
          ...unjudged(step, 'no-rule', judgedAt(null)),
          clockStartedAt: start.occurredAt,
          evidence: { ...noEvidence, clockStartEventId: start.eventId },
        });
        continue;
      }
      const deadline = deadlineOrUncovered(() =>
        computeDeadline({ rule: sourced.rule, facts: known, calendar: input.calendar, asOf: input.asOf }),
      );
      if (!deadline) {
        deadlines.push({
          ...unjudged(step, 'no-calendar', judgedAt(null)),
          clockStartedAt: start.occurredAt,
          evidence: { ...noEvidence, clockStartEventId: start.eventId, ruleEventIds: sourced.eventIds },
        });
        continue;
      }
      const { rule } = sourced;
      const involved = [
        received.eventId,
        start.eventId,
        deadline.completedByEventId,
        ...deadline.extensions.map((extension) => extension.eventId),
      ];
      deadlines.push({
        step,
        rule: {
          ruleId: rule.ruleId,
          legalReference: rule.legalReference,
          limit: rule.limit,
          unit: rule.unit,
          needsCheck: rule.needsCheck,
          source: sourced.source,
        },
        clockStartedAt: deadline.clockStartedAt,
        dueAt: deadline.dueAt,
        completedAt: deadline.completedAt,
        status: statusOf(deadline),
        durationHours: deadline.durationMs === null ? null : deadline.durationMs / HOUR_MS,
        ...judgedAt(deadline.completedAt),
        evidence: {
          clockStartEventId: start.eventId,
          completedByEventId: deadline.completedByEventId,
          extensionEventIds: deadline.extensions
            .filter((extension) => extension.judgement === 'counted')
            .map((extension) => extension.eventId),
          dueSetByEventIds: [],
          correctionEventIds: involved.flatMap((eventId) => (eventId ? correctorsOf(eventId) : [])),
          ruleEventIds: sourced.eventIds,
        },
      });
    }
  }
  deadlines.push(...assignedDeadlines(facts, input.asOf, whereAt, correctorsOf));

  const last = whereAt(input.asOf);
  const assignment = lastAssignment(facts);
  return {
    caseId: input.caseId,
    category,
    receivedUnitId: received.data.unitId as string,
    currentUnitId: last.unitId,
    assignee: assignment,
    asOf: input.asOf,
    steps,
    deadlines,
  };
}

const noEvidence = {
  clockStartEventId: null,
  completedByEventId: null,
  extensionEventIds: [],
  dueSetByEventIds: [],
  correctionEventIds: [],
  ruleEventIds: [],
};

function unjudged(
  step: TimelineDeadlineStep,
  status: TimelineStatus,
  place: { unitId: string; officialId: string | null },
): TimelineDeadline {
  return {
    step,
    rule: null,
    clockStartedAt: null,
    dueAt: null,
    completedAt: null,
    status,
    durationHours: null,
    ...place,
    evidence: noEvidence,
  };
}

/** A year outside the working-day calendar makes one deadline unjudgeable, not the whole timeline. */
function deadlineOrUncovered(compute: () => Deadline): Deadline | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CALENDAR.YEAR_OUT_OF_RANGE') return null;
    throw error;
  }
}

function statusOf(deadline: Deadline): TimelineStatus {
  return deadline.status === 'running' ? 'open' : deadline.status;
}

/**
 * One deadline per handling period: from the first assignment to the escalation or reopening that ends
 * it. The due date is the last one set in the period (assignment or extension), with corrections.
 */
function assignedDeadlines(
  facts: readonly TimelineFact[],
  asOf: string,
  whereAt: (at: string) => { unitId: string; officialId: string | null },
  correctorsOf: (eventId: string) => string[],
): TimelineDeadline[] {
  const deadlines: TimelineDeadline[] = [];
  let period: { startedAt: string; startEventId: string; dueAt: string; dueSetBy: string[]; extensions: string[] } | null = null;
  const close = (end: TimelineFact | null, completed: boolean): void => {
    if (!period) return;
    const endAt = end?.occurredAt ?? asOf;
    const due = Date.parse(period.dueAt);
    const late = Date.parse(endAt) > due;
    const status: TimelineStatus = completed
      ? late
        ? 'missed'
        : 'met'
      : end
        ? late
          ? 'missed'
          : 'superseded'
        : late
          ? 'overdue'
          : 'open';
    deadlines.push({
      step: 'assigned-due',
      rule: null,
      clockStartedAt: period.startedAt,
      dueAt: period.dueAt,
      completedAt: completed ? endAt : null,
      status,
      durationHours: hoursBetween(period.startedAt, endAt),
      ...whereAt(endAt),
      evidence: {
        clockStartEventId: period.startEventId,
        completedByEventId: completed ? end!.eventId : null,
        extensionEventIds: period.extensions,
        dueSetByEventIds: period.dueSetBy,
        correctionEventIds: period.dueSetBy.flatMap(correctorsOf),
        ruleEventIds: [],
      },
    });
    period = null;
  };
  for (const fact of facts) {
    switch (fact.type) {
      case 'CaseAssigned':
        if (period) {
          period.dueAt = fact.data.dueAt as string;
          period.dueSetBy.push(fact.eventId);
        } else
          period = {
            startedAt: fact.occurredAt,
            startEventId: fact.eventId,
            dueAt: fact.data.dueAt as string,
            dueSetBy: [fact.eventId],
            extensions: [],
          };
        break;
      case 'CaseDeadlineExtended':
        if (period) {
          period.dueAt = fact.data.newDueAt as string;
          period.dueSetBy.push(fact.eventId);
          period.extensions.push(fact.eventId);
        }
        break;
      case 'CaseResolved':
        close(fact, true);
        break;
      case 'CaseEscalated':
      case 'CaseReopened':
        close(fact, false);
        break;
      default:
        break;
    }
  }
  close(null, false);
  return deadlines;
}

/** Where the case was (unit) and who held it (official) at an instant: escalation and reopening clear the assignee. */
function placeOf(facts: readonly TimelineFact[]): (at: string) => { unitId: string; officialId: string | null } {
  return (at) => {
    const limit = Date.parse(at);
    let unitId = '';
    let officialId: string | null = null;
    for (const fact of facts) {
      if (Date.parse(fact.occurredAt) > limit) break;
      if (fact.type === 'CaseReceived') unitId = fact.data.unitId as string;
      else if (fact.type === 'CaseEscalated') {
        unitId = fact.data.toUnitId as string;
        officialId = null;
      } else if (fact.type === 'CaseReopened') officialId = null;
      else if (fact.type === 'CaseAssigned') officialId = (fact.data.officialId as string | null) ?? null;
    }
    return { unitId, officialId };
  };
}

function lastAssignment(facts: readonly TimelineFact[]): CaseTimeline['assignee'] {
  let assignee: CaseTimeline['assignee'] = null;
  for (const fact of facts) {
    if (fact.type === 'CaseAssigned')
      assignee = { officialId: (fact.data.officialId as string | null) ?? null, unitId: (fact.data.unitId as string | null) ?? null };
    else if (fact.type === 'CaseEscalated' || fact.type === 'CaseReopened') assignee = null;
  }
  return assignee;
}

function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / HOUR_MS;
}

/** The month (in Vietnam) an instant falls in, YYYY-MM. */
export function vietnamMonthOf(instant: string): string {
  return vietnamDayOf(instant).slice(0, 7);
}
