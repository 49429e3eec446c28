import { isDeepStrictEqual } from 'node:util';
import type { DecisionContext, Decider, Fact } from '../domain-kit/decider.js';
import { decideCorrection, withCorrections, type CorrectableFields, type CorrectEvent } from '../domain-kit/corrections.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { UnitReference } from '../organisation/unit.decider.js';
import { caseDecider, type ReceiveCaseCommand } from '../cases/case.decider.js';
import type { CaseReceived } from '../cases/case.events.js';
import {
  FINDING_SEVERITIES,
  MAX_PARTICIPANTS,
  VISIT_KINDS,
  type FindingSeverity,
  type VisitEvent,
  type VisitFindingRecorded,
  type VisitKind,
} from './visit.events.js';
import { isOfficialList, isTime, OFFSET_TIME, type ParticipantReference } from './visit.rules.js';
import { isText, TEXT_LIMITS } from '../domain-kit/text.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { later } from '../domain-kit/time.js';

export type VisitCommand =
  | {
      readonly type: 'ScheduleVisit';
      readonly visitId: string;
      readonly kind: VisitKind;
      readonly purpose: string;
      readonly place: string | null;
      readonly unit: UnitReference;
      readonly participants: readonly ParticipantReference[];
      readonly plannedFor: string;
      readonly publishedInCalendar: boolean;
    }
  | { readonly type: 'RescheduleVisit'; readonly plannedFor: string; readonly reason: string }
  | { readonly type: 'CancelVisit'; readonly reason: string }
  | {
      readonly type: 'ConductVisit';
      readonly startedAt: string;
      readonly endedAt: string;
      readonly presentParticipants: readonly ParticipantReference[];
      readonly others: string | null;
    }
  /**
   * openCase: the receipt of the case the finding opens (reporter sealed), or null; decided here, with
   * the finding. concernsCase: the existing case it is about, as the ledger knew it; at most one of the two.
   */
  | {
      readonly type: 'RecordVisitFinding';
      readonly findingId: string;
      readonly text: string;
      readonly severity: FindingSeverity | null;
      readonly openCase: ReceiveCaseCommand | null;
      readonly concernsCase?: ConcernedCase | null;
    }
  /** officials: the references of the official ids the new values name (present participants), looked up by the application. */
  | ({ readonly type: 'CorrectVisitEvent'; readonly officials: readonly ParticipantReference[] } & CorrectEvent);

/** An existing case a finding is about: whether it was received, and the time of its last fact. */
export interface ConcernedCase {
  readonly caseId: string;
  readonly received: boolean;
  readonly lastOccurredAt: string | null;
}

export interface VisitFinding {
  readonly findingId: string;
  readonly text: string;
  readonly severity: FindingSeverity | null;
  readonly caseId: string | null;
  /** opened: the finding opened the case; concerns: it is about a case received before. */
  readonly caseLink: 'opened' | 'concerns' | null;
  readonly recordedAt: string;
}

export type VisitState =
  | { readonly status: 'not-scheduled' }
  | {
      readonly status: 'scheduled' | 'cancelled' | 'conducted';
      readonly visitId: string;
      readonly kind: VisitKind;
      readonly purpose: string;
      readonly place: string | null;
      readonly unitId: string;
      readonly participants: readonly string[];
      readonly plannedFor: string;
      readonly publishedInCalendar: boolean;
      readonly scheduledAt: string;
      readonly reschedulings: readonly {
        readonly plannedFor: string;
        readonly previousPlannedFor: string;
        readonly reason: string;
        readonly at: string;
      }[];
      readonly cancellation: { readonly reason: string; readonly at: string } | null;
      readonly conduct: {
        readonly startedAt: string;
        readonly endedAt: string;
        readonly presentParticipants: readonly string[];
        readonly others: string | null;
        readonly at: string;
      } | null;
      readonly findings: readonly VisitFinding[];
      readonly lastOccurredAt: string;
      readonly facts: readonly Fact<VisitEvent>[];
    };

type Known = Exclude<VisitState, { status: 'not-scheduled' }>;

const isPlace = (value: unknown) => value === null || isText(value, TEXT_LIMITS.place);
const CORRECTABLE: CorrectableFields = {
  VisitScheduled: {
    kind: (value) => typeof value === 'string' && (VISIT_KINDS as readonly string[]).includes(value),
    purpose: (value) => isText(value, TEXT_LIMITS.purpose),
    place: isPlace,
    plannedFor: isTime,
    publishedInCalendar: (value) => typeof value === 'boolean',
  },
  VisitRescheduled: { plannedFor: isTime, reason: (value) => isText(value, TEXT_LIMITS.reason) },
  VisitCancelled: { reason: (value) => isText(value, TEXT_LIMITS.reason) },
  VisitConducted: {
    startedAt: isTime,
    endedAt: isTime,
    presentParticipants: isOfficialList,
    others: (value) => value === null || isText(value, TEXT_LIMITS.reason),
  },
  VisitFindingRecorded: {
    text: (value) => isText(value, TEXT_LIMITS.description),
    severity: (value) => value === null || (FINDING_SEVERITIES as readonly unknown[]).includes(value),
  },
};

export const visitDecider: Decider<VisitCommand, VisitEvent, VisitState> = {
  initialState: { status: 'not-scheduled' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    if (command.type === 'ScheduleVisit') return schedule(command, state);
    const visit = known(state);
    assertNotBefore(context.occurredAt, visit.lastOccurredAt, 'the last recorded fact of this visit');
    switch (command.type) {
      case 'RescheduleVisit':
        assertStillPlanned(visit, 'rescheduled');
        assertTime(command.plannedFor, 'plannedFor');
        if (Date.parse(command.plannedFor) === Date.parse(visit.plannedFor)) {
          throw new DomainError('VISIT.SAME_PLANNED_FOR', `The visit is already planned for ${visit.plannedFor}.`, 'conflict');
        }
        return [
          {
            type: 'VisitRescheduled',
            data: { plannedFor: command.plannedFor, previousPlannedFor: visit.plannedFor, reason: command.reason },
          },
        ];
      case 'CancelVisit':
        assertStillPlanned(visit, 'cancelled');
        return [{ type: 'VisitCancelled', data: { reason: command.reason } }];
      case 'ConductVisit':
        return conduct(command, visit, context.occurredAt);
      case 'RecordVisitFinding':
        return recordFinding(command, visit, context);
      case 'CorrectVisitEvent':
        return correct(command, visit);
      default:
        return unhandled(command);
    }
  },

  evolve(state, fact) {
    if (fact.type === 'VisitScheduled') {
      const { visitId, kind, purpose, place, unitId, participants, plannedFor, publishedInCalendar } = fact.data;
      return {
        status: 'scheduled',
        visitId,
        kind,
        purpose,
        place,
        unitId,
        participants,
        plannedFor,
        publishedInCalendar,
        scheduledAt: fact.occurredAt,
        reschedulings: [],
        cancellation: null,
        conduct: null,
        findings: [],
        lastOccurredAt: fact.occurredAt,
        facts: [fact],
      };
    }
    if (state.status === 'not-scheduled') return state;
    const visit = { ...state, lastOccurredAt: later(state.lastOccurredAt, fact.occurredAt), facts: [...state.facts, fact] };
    switch (fact.type) {
      case 'VisitRescheduled':
        return {
          ...visit,
          plannedFor: fact.data.plannedFor,
          reschedulings: [...visit.reschedulings, { ...fact.data, at: fact.occurredAt }],
        };
      case 'VisitCancelled':
        return { ...visit, status: 'cancelled', cancellation: { reason: fact.data.reason, at: fact.occurredAt } };
      case 'VisitConducted':
        return { ...visit, status: 'conducted', conduct: { ...fact.data, at: fact.occurredAt } };
      case 'VisitFindingRecorded': {
        // The receipt (with the sealed reporter) stays in the event; the case's own stream shows it.
        const { findingId, text, severity, caseId, caseReceipt } = fact.data;
        const caseLink = caseId === null ? null : caseReceipt === null ? 'concerns' : 'opened';
        return { ...visit, findings: [...visit.findings, { findingId, text, severity, caseId, caseLink, recordedAt: fact.occurredAt }] };
      }
      case 'EventCorrected':
        return visit;
      default:
        return unhandled(fact);
    }
  },
};

function schedule(command: Extract<VisitCommand, { type: 'ScheduleVisit' }>, state: VisitState): VisitEvent[] {
  if (state.status !== 'not-scheduled')
    throw new DomainError('VISIT.ALREADY_SCHEDULED', `Visit ${command.visitId} is already scheduled.`, 'conflict');
  assertTime(command.plannedFor, 'plannedFor');
  if (command.unit.status !== 'active') {
    const reason = command.unit.status === 'unregistered' ? 'is not registered' : `is ${command.unit.status}`;
    throw new DomainError(
      'VISIT.UNIT_NOT_ACTIVE',
      `Unit ${command.unit.unitId} ${reason}; a visit goes to an active unit.`,
      'unprocessable',
    );
  }
  assertParticipants(command.participants, 'participants');
  const departed = command.participants.find((participant) => participant.status === 'left');
  if (departed) {
    throw new DomainError(
      'VISIT.PARTICIPANT_NOT_ACTIVE',
      `Official ${departed.officialId} has left and cannot be planned into a visit.`,
      'unprocessable',
      { officialId: departed.officialId },
    );
  }
  const { visitId, kind, purpose, place, plannedFor, publishedInCalendar } = command;
  const participants = command.participants.map((participant) => participant.officialId);
  return [
    {
      type: 'VisitScheduled',
      data: { visitId, kind, purpose, place, unitId: command.unit.unitId, participants, plannedFor, publishedInCalendar },
    },
  ];
}

function conduct(command: Extract<VisitCommand, { type: 'ConductVisit' }>, visit: Known, occurredAt: string): VisitEvent[] {
  if (visit.status === 'conducted')
    throw new DomainError(
      'VISIT.ALREADY_CONDUCTED',
      `Visit ${visit.visitId} was already conducted; correct that record instead.`,
      'conflict',
    );
  if (visit.status === 'cancelled')
    throw new DomainError(
      'VISIT.CANCELLED',
      `Visit ${visit.visitId} was cancelled and cannot be conducted; schedule a new visit.`,
      'conflict',
    );
  assertTime(command.startedAt, 'startedAt');
  assertTime(command.endedAt, 'endedAt');
  assertEndsAfterStart(command.startedAt, command.endedAt);
  // The visit is recorded as conducted once it is over: a record dated before its end would be back-to-front.
  if (Date.parse(command.endedAt) > Date.parse(occurredAt)) {
    throw new DomainError(
      'VISIT.ENDS_AFTER_RECORD',
      `endedAt ${command.endedAt} is after the time the conduct is recorded as having happened (${occurredAt}).`,
      'invalid',
    );
  }
  assertParticipants(command.presentParticipants, 'presentParticipants');
  // Recorded late, a visit may name an official who has left since; not one who had left before it began.
  const departed = command.presentParticipants.find(
    (participant) => participant.leftAt !== null && Date.parse(participant.leftAt) <= Date.parse(command.startedAt),
  );
  if (departed) {
    throw new DomainError(
      'VISIT.PARTICIPANT_HAD_LEFT',
      `Official ${departed.officialId} had left (${departed.leftAt}) before the visit began.`,
      'unprocessable',
      { officialId: departed.officialId },
    );
  }
  const presentParticipants = command.presentParticipants.map((participant) => participant.officialId);
  return [
    {
      type: 'VisitConducted',
      data: { startedAt: command.startedAt, endedAt: command.endedAt, presentParticipants, others: command.others },
    },
  ];
}

function recordFinding(
  command: Extract<VisitCommand, { type: 'RecordVisitFinding' }>,
  visit: Known,
  context: DecisionContext,
): VisitEvent[] {
  if (visit.status !== 'conducted') {
    throw new DomainError(
      'VISIT.NOT_CONDUCTED',
      `Visit ${visit.visitId} is ${visit.status}; findings are recorded after the visit was conducted.`,
      'conflict',
    );
  }
  const { openCase } = command;
  if (openCase && openCase.sourceVisitId !== visit.visitId) throw new Error('The case a finding opens names the visit as its source.');
  // Refused here rather than by the case's own rules below, so the refusal says it is about the finding's case.
  if (openCase && openCase.unit.status !== 'active') {
    throw new DomainError(
      'VISIT.CASE_UNIT_NOT_ACTIVE',
      `Unit ${openCase.unit.unitId} is ${openCase.unit.status}; the case a finding opens goes to an active unit.`,
      'unprocessable',
    );
  }
  const concerned = command.concernsCase ?? null;
  if (concerned && openCase) {
    throw new DomainError(
      'VISIT.FINDING_CASE_AMBIGUOUS',
      'A finding either opens a case or concerns an existing one, not both.',
      'invalid',
    );
  }
  // The case's receipt is decided now by the case's own rules, and recorded with the finding.
  const caseReceipt = openCase ? (caseDecider.decide(openCase, caseDecider.initialState, context)[0] as CaseReceived).data : null;
  const data: VisitFindingRecorded['data'] = {
    findingId: command.findingId,
    text: command.text,
    severity: command.severity,
    caseId: openCase?.caseId ?? concerned?.caseId ?? null,
    caseReceipt,
  };
  const earlier = visit.facts.find(
    (fact): fact is Fact<VisitFindingRecorded> => fact.type === 'VisitFindingRecorded' && fact.data.findingId === command.findingId,
  );
  if (!earlier) {
    if (concerned) assertMayConcern(concerned, context.occurredAt);
    return [{ type: 'VisitFindingRecorded', data }];
  }
  // A faithful repeat records nothing new (the case it opens is still completed); anything else reuses
  // the id. A finding recorded before receipts were carried is compared without one.
  const { caseReceipt: _receipt, ...withoutReceipt } = data;
  const comparable = earlier.data.caseReceipt === undefined ? withoutReceipt : data;
  if (isDeepStrictEqual(withoutUndefined(earlier.data), withoutUndefined(comparable))) return [];
  throw new DomainError(
    'VISIT.FINDING_ID_REUSED',
    `Finding ${command.findingId} was already recorded with other content; use a new finding id.`,
    'conflict',
  );
}

/**
 * A finding about an existing case is linked into the case's history, whose facts follow each other in
 * time: the case must have been received, and the finding may not be dated before its last fact.
 */
function assertMayConcern(concerned: ConcernedCase, occurredAt: string): void {
  if (!concerned.received) {
    throw new DomainError('VISIT.FINDING_CASE_UNKNOWN', `Case ${concerned.caseId} has not been received.`, 'unprocessable', {
      caseId: concerned.caseId,
    });
  }
  if (concerned.lastOccurredAt !== null && Date.parse(occurredAt) < Date.parse(concerned.lastOccurredAt)) {
    throw new DomainError(
      'VISIT.FINDING_BEFORE_CASE_FACT',
      `occurredAt ${occurredAt} is before the last recorded fact of case ${concerned.caseId} (${concerned.lastOccurredAt}); a finding joins the case's history in time order.`,
      'conflict',
      { caseId: concerned.caseId, lastOccurredAt: concerned.lastOccurredAt },
    );
  }
}

/** Stored events hold no undefined; a decided one may, so compare the two alike. */
function withoutUndefined(data: object): object {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}

function correct(command: Extract<VisitCommand, { type: 'CorrectVisitEvent' }>, visit: Known): VisitEvent[] {
  const correction = decideCorrection(visit.facts, command, CORRECTABLE);
  const named = command.fields.presentParticipants;
  if (isOfficialList(named)) {
    const unknown = named.find(
      (officialId) => !command.officials.some((official) => official.officialId === officialId && official.status !== 'unregistered'),
    );
    if (unknown !== undefined)
      throw new DomainError('VISIT.PARTICIPANT_UNKNOWN', `Official ${unknown} is not registered.`, 'unprocessable', {
        officialId: unknown,
      });
  }
  // Fields are checked one by one above; the conduct's times must still make sense together.
  const corrected = withCorrections([
    ...visit.facts,
    { ...correction[0], eventId: 'pending-correction', occurredAt: visit.lastOccurredAt },
  ]);
  const conducted = corrected.find((fact) => fact.eventId === command.eventId && fact.type === 'VisitConducted');
  if (conducted?.type === 'VisitConducted') assertEndsAfterStart(conducted.data.startedAt, conducted.data.endedAt);
  return correction;
}

function known(state: VisitState): Known {
  if (state.status === 'not-scheduled') throw new DomainError('VISIT.NOT_FOUND', 'The visit is not scheduled.', 'not-found');
  return state;
}

function assertStillPlanned(visit: Known, action: string): void {
  if (visit.status === 'conducted')
    throw new DomainError('VISIT.ALREADY_CONDUCTED', `Visit ${visit.visitId} was already conducted and cannot be ${action}.`, 'conflict');
  if (visit.status === 'cancelled')
    throw new DomainError('VISIT.CANCELLED', `Visit ${visit.visitId} was cancelled and cannot be ${action}.`, 'conflict');
}

function assertParticipants(participants: readonly ParticipantReference[], field: string): void {
  if (participants.length === 0) throw new DomainError('VISIT.NO_PARTICIPANTS', `${field} must name at least one official.`, 'invalid');
  if (participants.length > MAX_PARTICIPANTS)
    throw new DomainError('VISIT.TOO_MANY_PARTICIPANTS', `${field} may name at most ${MAX_PARTICIPANTS} officials.`, 'invalid');
  const ids = participants.map((participant) => participant.officialId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined)
    throw new DomainError('VISIT.DUPLICATE_PARTICIPANT', `${field} names official ${duplicate} more than once.`, 'invalid', {
      officialId: duplicate,
    });
  const unknown = participants.find((participant) => participant.status === 'unregistered');
  if (unknown)
    throw new DomainError('VISIT.PARTICIPANT_UNKNOWN', `Official ${unknown.officialId} is not registered.`, 'unprocessable', {
      officialId: unknown.officialId,
    });
}

function assertTime(value: string, field: string): void {
  if (!isTime(value))
    throw new DomainError('VISIT.INVALID_TIME', `${field} ${value} is not a date-time with an offset (${OFFSET_TIME}).`, 'invalid');
}

function assertEndsAfterStart(startedAt: string, endedAt: string): void {
  if (Date.parse(endedAt) <= Date.parse(startedAt))
    throw new DomainError('VISIT.ENDS_BEFORE_START', `endedAt ${endedAt} must be after startedAt ${startedAt}.`, 'invalid');
}
