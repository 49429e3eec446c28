import type { CaseEvent } from '../cases/case.events.js';
import { EVENT_CORRECTED, withCorrections, type EventCorrected } from '../domain-kit/corrections.js';
import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { MeetingEvent } from '../meetings/meeting.events.js';
import type { OfficialEvent } from '../officials/official.events.js';
import type { UnitEvent } from '../organisation/unit.events.js';
import type { ReviewEvent } from '../reviews/review.events.js';
import type { VisitEvent } from '../visits/visit.events.js';
import type { AssignmentRecord, CaseRecord, MeetingRecord, ReviewRecord, UnitRecord, VisitRecord } from './review-input.js';

/*
 * The review's records folded from one stream's facts, corrections applied (latest wins). A record's
 * eventIds are its events and the corrections of them. Projections may build the same records
 * incrementally; these folds are the reference (and what the tests use to stay on literal events).
 */

/**
 * The event types these folds read, with EventCorrected: any other event of a stream changes no
 * record (acknowledgements, actions, closures, escalations, findings...), so a projection feeding the
 * folds need not keep it.
 */
export const FOLDED_EVENT_TYPES: ReadonlySet<string> = new Set([
  EVENT_CORRECTED,
  'UnitRegistered',
  'UnitMerged',
  'OfficialRegistered',
  'ResponsibilityAssigned',
  'ResponsibilityEnded',
  'MeetingHeld',
  'VisitScheduled',
  'VisitRescheduled',
  'VisitCancelled',
  'VisitConducted',
  'CaseReceived',
  'CaseClassified',
  'CaseAssigned',
  'CaseReportedUpward',
  'UpperLevelInformed',
  'CaseResolved',
  'CaseReopened',
  'ReviewOpened',
  'ReviewConcluded',
] satisfies (UnitEvent | OfficialEvent | MeetingEvent | VisitEvent | CaseEvent | ReviewEvent | EventCorrected)['type'][]);

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
  return { unitId, kind, parentId, mergedInto, eventIds: withCorrectionIds([registered.eventId], correctionsOf) };
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

export function caseFromFacts(stream: readonly Fact<CaseEvent>[]): CaseRecord | null {
  const { facts } = corrected(stream);
  const received = facts.find((fact) => fact.type === 'CaseReceived');
  if (received?.type !== 'CaseReceived') return null;
  const timed = (fact: Fact<DomainEvent>) => ({ at: fact.occurredAt, eventId: fact.eventId });
  let record: CaseRecord = {
    caseId: received.data.caseId,
    unitId: received.data.unitId,
    category: received.data.category,
    received: timed(received),
    classification: null,
    assignments: [],
    reportsUpward: [],
    upperLevelInformed: [],
    resolved: null,
  };
  for (const fact of facts) {
    if (fact.type === 'CaseClassified') record = { ...record, classification: { ...timed(fact), value: fact.data.classification } };
    else if (fact.type === 'CaseAssigned') record = { ...record, assignments: [...record.assignments, { ...timed(fact), ...fact.data }] };
    else if (fact.type === 'CaseReportedUpward')
      record = { ...record, reportsUpward: [...record.reportsUpward, { ...timed(fact), officialId: fact.data.officialId }] };
    else if (fact.type === 'UpperLevelInformed')
      record = {
        ...record,
        upperLevelInformed: [...record.upperLevelInformed, { ...timed(fact), unitId: fact.data.unitId, channel: fact.data.channel }],
      };
    else if (fact.type === 'CaseResolved') record = { ...record, resolved: timed(fact) };
    else if (fact.type === 'CaseReopened') record = { ...record, resolved: null };
  }
  return record;
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
