import { CASE_EVENT_TYPES, type CaseEventType } from '../cases/case-event-catalogue.js';
import { caseHistoryOf, currentPeriodOf, type CaseMoment } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import { EVENT_CORRECTED, withCorrections, type EventCorrected } from '../domain-kit/corrections.js';
import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { MeetingEvent } from '../meetings/meeting.events.js';
import type { OfficialEvent } from '../officials/official.events.js';
import type { UnitEvent, UnitMoved, UnitRemoteAreaSet } from '../organisation/unit.events.js';
import type { ReviewEvent } from '../reviews/review.events.js';
import type { VisitEvent } from '../visits/visit.events.js';
import type { AssignmentRecord, CaseRecord, MeetingRecord, ReviewRecord, UnitRecord, VisitRecord } from './report-input.js';

/*
 * The report's records folded from one stream's facts, corrections applied (latest wins). A record's
 * eventIds are its events and the corrections of them. Projections may build the same records
 * incrementally; these folds are the reference (and what the tests use to stay on literal events).
 */

/**
 * Which case events a case record is folded from: a new case event type fails compilation here until
 * it says whether the report reads it. The clocks of the report's upward-report rules are counted from
 * the record (momentsOf: CaseReceived starts them, CaseReportedUpward completes them); a pause event
 * such as CaseSuspended must be read here, and kept by the record, for the report to honour it.
 */
const CASE_EVENTS_IN_RECORDS: Readonly<Record<CaseEventType, boolean>> = {
  CaseReceived: true,
  // Acknowledgements and actions count as the acts of the official who did them (acts of CaseRecord).
  CaseAcknowledged: true,
  CaseClassified: true,
  CaseAssigned: true,
  CaseActionRecorded: true,
  CaseMarkedComplex: false,
  CaseReportedUpward: true,
  UpperLevelInformed: true,
  CaseEscalated: false,
  CaseDeadlineExtended: false,
  CaseResolved: true,
  CaseClosed: false,
  CaseReopened: true,
  // The upward-report rules the report counts name no pause: a suspension stops the handling, not the duty to report.
  CaseSuspended: false,
  CaseResumed: false,
  CaseFindingLinked: false,
  CaseAppealed: false,
  EventCorrected: true,
};

/**
 * The event types these folds read, with EventCorrected: any other event of a stream changes no
 * record (closures, escalations, findings...), so a projection feeding the folds need not keep it; nor
 * an acknowledgement or an action that names no official (actingOfficialOf), which is no one's act.
 */
export const FOLDED_EVENT_TYPES: ReadonlySet<string> = new Set([
  EVENT_CORRECTED,
  ...([
    'UnitRegistered',
    'UnitMerged',
    'UnitMoved',
    'OfficialRegistered',
    'ResponsibilityAssigned',
    'ResponsibilityEnded',
    'MeetingHeld',
    'VisitScheduled',
    'VisitRescheduled',
    'VisitCancelled',
    'VisitConducted',
    'ReviewOpened',
    'ReviewConcluded',
  ] satisfies (UnitEvent | OfficialEvent | MeetingEvent | VisitEvent | ReviewEvent)['type'][]),
  ...CASE_EVENT_TYPES.filter((type) => CASE_EVENTS_IN_RECORDS[type]),
]);

type Corrected<Event extends DomainEvent> = { facts: Fact<Event>[]; correctionsOf: (eventId: string) => string[] };

function corrected<Event extends DomainEvent>(facts: readonly Fact<Event>[]): Corrected<Exclude<Event, EventCorrected>> {
  const corrections = facts.filter((fact) => fact.type === EVENT_CORRECTED) as unknown as Fact<EventCorrected>[];
  return {
    facts: withCorrections(facts).filter((fact) => fact.type !== EVENT_CORRECTED) as Fact<Exclude<Event, EventCorrected>>[],
    correctionsOf: (eventId) => corrections.filter((fact) => fact.data.correctedEventId === eventId).map((fact) => fact.eventId),
  };
}

const withCorrectionIds = (ids: readonly string[], correctionsOf: (eventId: string) => string[]) =>
  ids.flatMap((id) => [id, ...correctionsOf(id)]);

export function assignmentsFromFacts(officialId: string, stream: readonly Fact<OfficialEvent>[]): AssignmentRecord[] {
  const { facts, correctionsOf } = corrected(stream);
  return facts.flatMap((fact) => {
    if (fact.type !== 'ResponsibilityAssigned') return [];
    const { assignmentId, unitId, role, from, to } = fact.data;
    const ended = facts.find((other) => other.type === 'ResponsibilityEnded' && other.data.assignmentId === assignmentId);
    const endedTo = ended?.type === 'ResponsibilityEnded' ? ended.data.to : null;
    return [
      {
        officialId,
        assignmentId,
        unitId,
        role,
        from,
        to: endedTo ?? to,
        eventIds: withCorrectionIds([fact.eventId, ...(ended ? [ended.eventId] : [])], correctionsOf),
      },
    ];
  });
}

export function unitFromFacts(stream: readonly Fact<UnitEvent>[]): UnitRecord | null {
  const { facts, correctionsOf } = corrected(stream);
  const registered = facts.find((fact) => fact.type === 'UnitRegistered');
  if (registered?.type !== 'UnitRegistered') return null;
  const merged = facts.find((fact) => fact.type === 'UnitMerged');
  const mergedInto =
    merged?.type === 'UnitMerged' ? { unitId: merged.data.intoUnitId, at: merged.occurredAt, eventId: merged.eventId } : null;
  const { unitId, kind, parentId } = registered.data;
  const moved = facts.filter((fact): fact is Fact<UnitMoved> => fact.type === 'UnitMoved');
  const moves = moved.map((fact) => ({ parentId: fact.data.toParentId, from: fact.data.effectiveOn, eventId: fact.eventId }));
  const designations = facts.filter((fact): fact is Fact<UnitRemoteAreaSet> => fact.type === 'UnitRemoteAreaSet');
  const remoteArea = designations.map((fact) => ({
    remote: fact.data.remote,
    from: fact.data.effectiveOn,
    legalBasis: fact.data.legalBasis,
    eventId: fact.eventId,
  }));
  const eventIds = withCorrectionIds([registered.eventId, ...moved.map((fact) => fact.eventId)], correctionsOf);
  return {
    unitId,
    kind,
    parentId,
    ...(moves.length > 0 ? { moves } : {}),
    ...(remoteArea.length > 0 ? { remoteArea } : {}),
    mergedInto,
    eventIds,
  };
}

export function meetingFromFacts(stream: readonly Fact<MeetingEvent>[]): MeetingRecord | null {
  const { facts, correctionsOf } = corrected(stream);
  const held = facts.find((fact) => fact.type === 'MeetingHeld');
  if (!held) return null;
  const { meetingId, unitId, kind, heldAt, attendees } = held.data;
  return { meetingId, unitId, kind, heldAt, attendees, eventIds: withCorrectionIds([held.eventId], correctionsOf) };
}

export function visitFromFacts(stream: readonly Fact<VisitEvent>[]): VisitRecord | null {
  const { facts, correctionsOf } = corrected(stream);
  let visit = null as VisitRecord | null;
  for (const fact of facts) {
    const ids = withCorrectionIds([fact.eventId], correctionsOf);
    if (fact.type === 'VisitScheduled') {
      const { visitId, kind, unitId, participants, plannedFor } = fact.data;
      visit = { visitId, kind, unitId, participants, plannedFor, cancelled: null, conducted: null, eventIds: ids };
    } else if (visit && fact.type === 'VisitRescheduled') {
      visit = { ...visit, plannedFor: fact.data.plannedFor, eventIds: [...visit.eventIds, ...ids] };
    } else if (visit && fact.type === 'VisitCancelled') {
      visit = { ...visit, cancelled: { at: fact.occurredAt, eventId: fact.eventId }, eventIds: [...visit.eventIds, ...ids] };
    } else if (visit && fact.type === 'VisitConducted') {
      visit = {
        ...visit,
        conducted: { startedAt: fact.data.startedAt, presentParticipants: fact.data.presentParticipants, eventId: fact.eventId },
        eventIds: [...visit.eventIds, ...ids],
      };
    }
  }
  return visit;
}

/**
 * A case fact as the report reads it: with the official the recording token named (its metadata's
 * officialId), which says who did an act recorded with an official's own token.
 */
export type CaseFact = Fact<CaseEvent> & { readonly tokenOfficialId?: string | null };

/**
 * Who did an acknowledgement or an action: the official a clerk recorded it for (byOfficialId), else the
 * official the recording token named; null for any other event, or when neither names one.
 */
export function actingOfficialOf(fact: {
  readonly type: string;
  readonly data: object;
  readonly tokenOfficialId?: string | null;
}): string | null {
  if (fact.type !== 'CaseAcknowledged' && fact.type !== 'CaseActionRecorded') return null;
  const named = (fact.data as { byOfficialId?: unknown }).byOfficialId;
  return typeof named === 'string' && named !== '' ? named : (fact.tokenOfficialId ?? null);
}

function actsOf(stream: readonly CaseFact[]): NonNullable<CaseRecord['acts']> {
  return stream.flatMap((fact) => {
    const officialId = actingOfficialOf(fact);
    if (officialId === null) return [];
    return [
      { kind: fact.type === 'CaseAcknowledged' ? 'acknowledgement' : 'action', at: fact.occurredAt, eventId: fact.eventId, officialId },
    ];
  });
}

/** The case's record, read off the one fold of its history (cases/case-facts.ts). */
export function caseFromFacts(stream: readonly CaseFact[]): CaseRecord | null {
  const history = caseHistoryOf(stream);
  if (!history) return null;
  const facts = history.case;
  const resolved = currentPeriodOf(facts).resolvedBy;
  return {
    caseId: facts.caseId,
    unitId: facts.received.unitId,
    category: facts.category,
    received: { at: facts.received.at, eventId: facts.received.eventId },
    classifications: facts.classifications,
    assignments: facts.assignments,
    reportsUpward: facts.upwardReports.map(({ at, eventId, officialId }) => ({ at, eventId, officialId })),
    upperLevelInformed: facts.upperLevelNotices,
    acts: actsOf(stream),
    resolved: resolved && { at: resolved.at, eventId: resolved.eventId },
  };
}

/**
 * A record's facts as the deadline calculator reads a case's history (CaseFacts.moments), for the
 * clocks the report counts: the receipt first, then its classifications, assignments, upward reports
 * and upper-level notices in the order they happened. Rebuilt from the record rather than stored with
 * it, so a report reads no more than the figures need.
 */
export function momentsOf(record: CaseRecord): CaseMoment[] {
  const later: CaseMoment[] = [
    ...record.classifications.map(({ at, eventId }) => ({ at, eventId, type: 'CaseClassified' as const })),
    ...record.assignments.map(({ at, eventId }) => ({ at, eventId, type: 'CaseAssigned' as const })),
    ...record.reportsUpward.map(({ at, eventId }) => ({ at, eventId, type: 'CaseReportedUpward' as const })),
    ...record.upperLevelInformed.map(({ at, eventId }) => ({ at, eventId, type: 'UpperLevelInformed' as const })),
  ];
  later.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return [{ ...record.received, type: 'CaseReceived' }, ...later];
}

export function reviewFromFacts(stream: readonly Fact<ReviewEvent>[]): ReviewRecord | null {
  const opened = stream.find((fact) => fact.type === 'ReviewOpened');
  if (opened?.type !== 'ReviewOpened') return null;
  const concluded = stream.find((fact) => fact.type === 'ReviewConcluded');
  const { reviewId, officialId, grounds, evidenceEventIds } = opened.data;
  return {
    reviewId,
    officialId,
    opened: { at: opened.occurredAt, eventId: opened.eventId, grounds, evidenceEventIds },
    concluded:
      concluded?.type === 'ReviewConcluded'
        ? { at: concluded.occurredAt, eventId: concluded.eventId, outcome: concluded.data.outcome }
        : null,
  };
}
