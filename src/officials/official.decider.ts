import type { Decider, Fact } from '../domain-kit/decider.js';
import { decideCorrection, withCorrections, type CorrectableFields, type CorrectEvent } from '../domain-kit/corrections.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { UnitReference } from '../organisation/unit.decider.js';
import { isCalendarDate, localDateOf } from '../domain-kit/calendar-date.js';
import { RESPONSIBILITY_ROLES, type OfficialEvent, type ResponsibilityEnded, type ResponsibilityRole } from './official.events.js';
import { inconsistencyOf, lastDayOf, overlappingAssignment, type ResponsibilityAssignment } from './responsibility-assignments.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { TEXT_LIMITS, textUpTo } from '../domain-kit/text.js';
import { later } from '../domain-kit/time.js';

const isName = textUpTo(TEXT_LIMITS.name);

/** What the application knows of an official when a command names them (see OfficialDirectory). */
export interface OfficialReference {
  readonly officialId: string;
  /** 'unregistered' when no such official was ever registered. */
  readonly status: OfficialState['status'];
  /** When the official left (occurredAt of OfficialLeft), so a back-dated fact can tell whether they still served then. */
  readonly leftAt: string | null;
}

export type OfficialCommand =
  | {
      readonly type: 'RegisterOfficial';
      readonly officialId: string;
      readonly fullName: string;
      readonly position: string;
      readonly unit: UnitReference;
    }
  | { readonly type: 'ChangePosition'; readonly position: string }
  /** lastDay defaults to the day of occurredAt. */
  | { readonly type: 'RecordDeparture'; readonly reason: string; readonly lastDay?: string }
  | {
      readonly type: 'AssignResponsibility';
      readonly assignmentId: string;
      readonly unit: UnitReference;
      readonly role: ResponsibilityRole;
      readonly from: string;
      readonly to: string | null;
    }
  | { readonly type: 'EndResponsibility'; readonly assignmentId: string; readonly to: string; readonly reason: string }
  | ({ readonly type: 'CorrectOfficialEvent' } & CorrectEvent);

export type OfficialState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'left';
      readonly officialId: string;
      readonly fullName: string;
      readonly position: string;
      /** The official's home unit. */
      readonly unitId: string;
      readonly registeredAt: string;
      readonly formerPositions: readonly string[];
      readonly departure: { readonly leftAt: string; readonly lastDay: string; readonly reason: string } | null;
      readonly assignments: readonly ResponsibilityAssignment[];
      readonly lastOccurredAt: string;
      readonly facts: readonly Fact<OfficialEvent>[];
    };

type Registered = Exclude<OfficialState, { status: 'unregistered' }>;

const CORRECTABLE: CorrectableFields = {
  OfficialRegistered: { fullName: isName, position: isName },
  OfficialPositionChanged: { position: isName },
  OfficialLeft: { reason: isReason },
  ResponsibilityAssigned: {
    from: isCalendarDate,
    to: (value) => value === null || isCalendarDate(value),
    role: (value) => typeof value === 'string' && (RESPONSIBILITY_ROLES as readonly string[]).includes(value),
  },
  ResponsibilityEnded: { to: isCalendarDate, reason: isReason },
};

export const officialDecider: Decider<OfficialCommand, OfficialEvent, OfficialState> = {
  initialState: { status: 'unregistered' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    if (command.type === 'RegisterOfficial') return register(command, state);
    const official = registered(state);
    assertNotBefore(context.occurredAt, official.lastOccurredAt, 'the last recorded fact of this official');
    if (command.type === 'CorrectOfficialEvent') return correct(official, command, context.occurredAt);
    assertServing(official);
    switch (command.type) {
      case 'ChangePosition':
        if (command.position === official.position)
          throw new DomainError('OFFICIAL.SAME_POSITION', `The official already holds the position ${official.position}.`, 'conflict');
        return [{ type: 'OfficialPositionChanged', data: { position: command.position, previousPosition: official.position } }];
      case 'RecordDeparture':
        return depart(official, command.reason, command.lastDay ?? localDateOf(context.occurredAt));
      case 'AssignResponsibility':
        return assign(official, command);
      case 'EndResponsibility':
        return end(official, command);
      default:
        return unhandled(command);
    }
  },

  evolve,
};

function evolve(state: OfficialState, fact: Fact<OfficialEvent>): OfficialState {
  if (fact.type === 'OfficialRegistered') {
    const { officialId, fullName, position, unitId } = fact.data;
    return {
      status: 'active',
      officialId,
      fullName,
      position,
      unitId,
      registeredAt: fact.occurredAt,
      formerPositions: [],
      departure: null,
      assignments: [],
      lastOccurredAt: fact.occurredAt,
      facts: [fact],
    };
  }
  if (state.status === 'unregistered') return state;
  const official = { ...state, lastOccurredAt: later(state.lastOccurredAt, fact.occurredAt), facts: [...state.facts, fact] };
  switch (fact.type) {
    case 'OfficialPositionChanged':
      return { ...official, position: fact.data.position, formerPositions: [...official.formerPositions, fact.data.previousPosition] };
    case 'OfficialLeft':
      return { ...official, status: 'left', departure: { leftAt: fact.occurredAt, lastDay: fact.data.lastDay, reason: fact.data.reason } };
    case 'ResponsibilityAssigned': {
      const { assignmentId, unitId, role, from, to } = fact.data;
      return { ...official, assignments: [...official.assignments, { assignmentId, unitId, role, from, to, ended: null }] };
    }
    case 'ResponsibilityEnded': {
      const { assignmentId, to, reason } = fact.data;
      return {
        ...official,
        assignments: official.assignments.map((a) => (a.assignmentId === assignmentId ? { ...a, ended: { to, reason } } : a)),
      };
    }
    case 'EventCorrected':
      return official;
    default:
      return unhandled(fact);
  }
}

function register(command: Extract<OfficialCommand, { type: 'RegisterOfficial' }>, state: OfficialState): OfficialEvent[] {
  if (state.status !== 'unregistered')
    throw new DomainError('OFFICIAL.ALREADY_REGISTERED', `Official ${command.officialId} is already registered.`, 'conflict');
  assertUnitActive(command.unit, 'OFFICIAL.UNIT_NOT_ACTIVE');
  return [
    {
      type: 'OfficialRegistered',
      data: { officialId: command.officialId, fullName: command.fullName, position: command.position, unitId: command.unit.unitId },
    },
  ];
}

function assign(official: Registered, command: Extract<OfficialCommand, { type: 'AssignResponsibility' }>): OfficialEvent[] {
  const { assignmentId, unit, role, from, to } = command;
  if (official.assignments.some((a) => a.assignmentId === assignmentId)) {
    throw new DomainError('ASSIGNMENT.ALREADY_RECORDED', `Assignment ${assignmentId} is already recorded.`, 'conflict');
  }
  if (to !== null && to < from)
    throw new DomainError('ASSIGNMENT.ENDS_BEFORE_START', `The assignment cannot end (${to}) before it starts (${from}).`, 'invalid');
  assertUnitActive(unit, 'ASSIGNMENT.UNIT_NOT_ACTIVE');
  const overlap = overlappingAssignment(official.assignments, { assignmentId, unitId: unit.unitId, role, from, to });
  if (overlap) {
    throw new DomainError(
      'ASSIGNMENT.OVERLAPS',
      `The official is already ${role} of unit ${unit.unitId} from ${overlap.from} to ${lastDayOf(overlap) ?? 'now'} (assignment ${overlap.assignmentId}).`,
      'conflict',
      {
        assignmentId: overlap.assignmentId,
      },
    );
  }
  return [{ type: 'ResponsibilityAssigned', data: { assignmentId, unitId: unit.unitId, role, from, to } }];
}

function end(official: Registered, command: Extract<OfficialCommand, { type: 'EndResponsibility' }>): OfficialEvent[] {
  const assignment = official.assignments.find((a) => a.assignmentId === command.assignmentId);
  if (!assignment) throw new DomainError('ASSIGNMENT.UNKNOWN', `The official has no assignment ${command.assignmentId}.`, 'conflict');
  if (assignment.ended)
    throw new DomainError(
      'ASSIGNMENT.ALREADY_ENDED',
      `Assignment ${command.assignmentId} already ended on ${assignment.ended.to}.`,
      'conflict',
    );
  if (command.to < assignment.from)
    throw new DomainError(
      'ASSIGNMENT.ENDS_BEFORE_START',
      `The assignment cannot end (${command.to}) before it started (${assignment.from}).`,
      'conflict',
    );
  if (assignment.to !== null && command.to > assignment.to) {
    throw new DomainError(
      'ASSIGNMENT.ENDS_AFTER_PLANNED_END',
      `The assignment was planned to end on ${assignment.to}; it cannot be ended later, on ${command.to}. Record a new assignment instead.`,
      'conflict',
    );
  }
  return [{ type: 'ResponsibilityEnded', data: { assignmentId: command.assignmentId, to: command.to, reason: command.reason } }];
}

/** Leaving ends every assignment still running after the last day, so no left official stays in charge. */
function depart(official: Registered, reason: string, lastDay: string): OfficialEvent[] {
  const running = official.assignments.filter((a) => !a.ended && (a.to === null || a.to > lastDay));
  const future = running.find((a) => a.from > lastDay);
  if (future) {
    throw new DomainError(
      'OFFICIAL.FUTURE_ASSIGNMENT',
      `Assignment ${future.assignmentId} starts on ${future.from}, after the last day ${lastDay}; correct its dates first.`,
      'conflict',
      {
        assignmentId: future.assignmentId,
      },
    );
  }
  const endings: ResponsibilityEnded[] = running.map((a) => ({
    type: 'ResponsibilityEnded',
    data: { assignmentId: a.assignmentId, to: lastDay, reason: `The official left: ${reason}` },
  }));
  return [{ type: 'OfficialLeft', data: { reason, lastDay } }, ...endings];
}

/** A correction of dates must leave the assignments consistent: each within its period, none overlapping. */
function correct(official: Registered, command: CorrectEvent, occurredAt: string): OfficialEvent[] {
  const events = decideCorrection(official.facts, command, CORRECTABLE);
  const pending = events.map((event, index) => ({ ...event, eventId: `pending-${index}`, occurredAt }));
  const corrected = withCorrections([...official.facts, ...pending]).reduce(evolve, { status: 'unregistered' } as OfficialState);
  const problem = corrected.status === 'unregistered' ? null : inconsistencyOf(corrected.assignments);
  if (problem) throw new DomainError('CORRECTION.BREAKS_ASSIGNMENTS', `The correction is refused: ${problem}.`, 'conflict');
  return events;
}

function registered(state: OfficialState): Registered {
  if (state.status === 'unregistered') throw new DomainError('OFFICIAL.NOT_FOUND', 'The official is not registered.', 'not-found');
  return state;
}

function assertServing(official: Registered): void {
  if (official.status === 'left')
    throw new DomainError(
      'OFFICIAL.LEFT',
      `Official ${official.officialId} left on ${official.departure?.lastDay}; record nothing new for them.`,
      'conflict',
    );
}

function assertUnitActive(unit: UnitReference, code: string): void {
  if (unit.status !== 'active') {
    const reason = unit.status === 'unregistered' ? 'is not registered' : `is ${unit.status}`;
    throw new DomainError(code, `Unit ${unit.unitId} ${reason}.`, 'unprocessable', { unitId: unit.unitId });
  }
}

function isReason(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= 2000;
}
