import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { loadVietnamCalendar } from '../../src/calendar/holiday-files.js';
import { AnnualEvaluations } from '../../src/evaluations/annual-evaluations.js';
import { evaluationOf } from '../../src/evaluations/evaluation.js';
import type { JsonObject, RecordedEvent } from '../../src/ledger/event-store.port.js';
import { GenerationCatalog } from '../../src/projections/generation-catalog.js';
import { GenerationWriter } from '../../src/projections/generation-writer.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import { OfficialReports, reportOf } from '../../src/responsibility/projection/official-report.js';
import { ReportFactsQuery } from '../../src/responsibility/projection/report-facts.query.js';
import { responsibilityFactsProjection } from '../../src/responsibility/projection/responsibility-facts.projection.js';
import { caseFromFacts, meetingFromFacts, unitFromFacts, visitFromFacts } from '../../src/responsibility/records-from-facts.js';
import type { DomainEvent, Fact } from '../../src/domain-kit/decider.js';
import { loadDefaultDuties, loadDefaultRules } from '../../src/policies/default-rules.js';
import { RuleBook } from '../../src/policies/rule-book.js';
import type { RuleBookQuery } from '../../src/policies/rule-book.query.js';
import { recorded } from './recorded-events.js';

/*
 * The fast paths of the review and the evaluation against the straightforward computation, on small
 * random provinces: a whole unit's evaluation (the group's records indexed once and cut per official,
 * cases without an event in the year left unread) must equal each official's review computed over
 * every record of the group; one official's review and evaluation (cases outside the period left
 * unread) must equal the same computed over all of that official's records.
 */

const calendar = loadVietnamCalendar();
const ruleBook = new RuleBook(loadDefaultRules(), [], loadDefaultDuties());
/** The shipped rules alone: no policy is recorded in these provinces. */
const ruleBooks = { current: () => ruleBook } as RuleBookQuery;
const judgement = { calendar, ruleBook, rules: {} };
const DAYS = 730; // 2024-01-01 .. 2025-12-30
const dayOf = (index: number) => new Date(Date.UTC(2024, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
/** Mostly written in Vietnam's offset, sometimes in UTC (the slower path of vietnamDayOf). */
const instant = (day: number, hour: number, utc: boolean) =>
  utc ? `${dayOf(day)}T${String(hour).padStart(2, '0')}:30:00Z` : `${dayOf(day)}T${String(hour).padStart(2, '0')}:15:00+07:00`;

const TERRITORIAL = ['tinh', 'huyen-1', 'huyen-2', 'xa-1', 'xa-2', 'xa-3'] as const;
const PARENT: Record<string, string | null> = {
  tinh: null,
  'huyen-1': 'tinh',
  'huyen-2': 'tinh',
  'xa-1': 'huyen-1',
  'xa-2': 'huyen-1',
  'xa-3': 'huyen-2',
};
const KIND: Record<string, string> = {
  tinh: 'province',
  'huyen-1': 'district',
  'huyen-2': 'district',
  'xa-1': 'commune',
  'xa-2': 'commune',
  'xa-3': 'commune',
};
const COMMITTEES = TERRITORIAL.map((unit) => `${unit}-pc`);
const CELLS = TERRITORIAL.map((unit) => `${unit}-cell`);
const ALL_UNITS = [...TERRITORIAL, ...COMMITTEES, ...CELLS];
const OFFICIALS = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];

const day = fc.integer({ min: 0, max: DAYS - 1 });
const time = fc.record({ day, hour: fc.integer({ min: 0, max: 23 }), utc: fc.boolean() });
const someOfficials = fc.subarray(OFFICIALS);

const assignmentArb = fc.record({
  unitId: fc.constantFrom(...TERRITORIAL, ...COMMITTEES),
  role: fc.constantFrom('committee-member-in-charge', 'committee-member-in-charge', 'standing-committee-member', 'leader', 'other'),
  from: day,
  length: fc.option(fc.integer({ min: 0, max: 500 })),
  endedAfter: fc.option(fc.integer({ min: 0, max: 300 })),
});
const meetingArb = fc.record({
  unit: fc.constantFrom(...ALL_UNITS),
  kind: fc.constantFrom('party-committee', 'party-cell'),
  at: time,
  attendees: someOfficials,
  correctedAttendees: fc.option(someOfficials),
});
const visitArb = fc.record({
  unit: fc.constantFrom(...ALL_UNITS),
  kind: fc.constantFrom('periodic', 'unscheduled'),
  participants: someOfficials,
  planned: time,
  outcome: fc.constantFrom('none', 'cancelled', 'conducted', 'rescheduled'),
  present: someOfficials,
  shift: fc.integer({ min: -20, max: 20 }),
});
const caseArb = fc.record({
  unit: fc.constantFrom(...TERRITORIAL, ...COMMITTEES),
  category: fc.constantFrom('petition', 'incident', 'complaint'),
  received: time,
  classification: fc.constantFrom(null, 'must-report', 'within-authority'),
  assigned: fc.array(
    fc.record({ official: fc.constantFrom(...OFFICIALS), after: fc.integer({ min: 0, max: 40 }), due: fc.integer({ min: 0, max: 40 }) }),
    { maxLength: 2 },
  ),
  reports: fc.array(fc.record({ official: fc.constantFrom(...OFFICIALS), after: fc.integer({ min: 0, max: 10 }) }), { maxLength: 2 }),
  informed: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 2 }),
  resolvedAfter: fc.option(fc.integer({ min: 0, max: 60 })),
  reopened: fc.boolean(),
  /** Events no fold reads (acknowledgement, action, closure). */
  noise: fc.boolean(),
  correction: fc.constantFrom(null, null, 'classification', 'dueAt'),
});
const provinceArb = fc.record({
  merge: fc.option(fc.record({ from: fc.constantFrom('xa-2', 'xa-3', 'huyen-2'), into: fc.constantFrom('xa-1', 'huyen-1'), at: time })),
  assignments: fc.array(fc.record({ official: fc.constantFrom(...OFFICIALS), assignment: assignmentArb }), { minLength: 1, maxLength: 10 }),
  meetings: fc.array(meetingArb, { maxLength: 25 }),
  visits: fc.array(visitArb, { maxLength: 8 }),
  cases: fc.array(caseArb, { maxLength: 25 }),
  reviews: fc.array(
    fc.record({ official: fc.constantFrom(...OFFICIALS), at: time, concludedAfter: fc.option(fc.integer({ min: 0, max: 90 })) }),
    { maxLength: 3 },
  ),
});

type Province = typeof provinceArb extends fc.Arbitrary<infer Value> ? Value : never;

/** The province as the feed would carry it. */
function eventsOf(province: Province): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  const add = (streamId: string, type: string, data: JsonObject, occurredAt: string): string => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const event = recorded(events.length + 1, streamId, revision, type, data, occurredAt);
    events.push(event);
    return event.eventId;
  };
  const at = (value: { day: number; hour: number; utc: boolean }, plusDays = 0) =>
    instant(Math.min(DAYS - 1, Math.max(0, value.day + plusDays)), value.hour, value.utc);
  const start = instant(0, 1, false);
  for (const unit of TERRITORIAL)
    add(`unit-${unit}`, 'UnitRegistered', { unitId: unit, name: unit, kind: KIND[unit], parentId: PARENT[unit] }, start);
  for (const unit of TERRITORIAL) {
    add(`unit-${unit}-pc`, 'UnitRegistered', { unitId: `${unit}-pc`, name: unit, kind: 'party-committee', parentId: unit }, start);
    add(`unit-${unit}-cell`, 'UnitRegistered', { unitId: `${unit}-cell`, name: unit, kind: 'party-cell', parentId: `${unit}-pc` }, start);
  }
  if (province.merge) add(`unit-${province.merge.from}`, 'UnitMerged', { intoUnitId: province.merge.into }, at(province.merge.at));
  for (const official of OFFICIALS)
    add(
      `official-${official}`,
      'OfficialRegistered',
      { officialId: official, fullName: `Cán bộ ${official}`, position: 'Ủy viên', unitId: 'tinh' },
      start,
    );
  province.assignments.forEach(({ official, assignment }, index) => {
    const assignmentId = `as-${index}`;
    const to = assignment.length === null ? null : dayOf(Math.min(DAYS - 1, assignment.from + assignment.length));
    add(
      `official-${official}`,
      'ResponsibilityAssigned',
      { assignmentId, unitId: assignment.unitId, role: assignment.role, from: dayOf(assignment.from), to },
      start,
    );
    if (assignment.endedAfter !== null)
      add(
        `official-${official}`,
        'ResponsibilityEnded',
        { assignmentId, to: dayOf(Math.min(DAYS - 1, assignment.from + assignment.endedAfter)), reason: 'Moved' },
        start,
      );
  });
  province.meetings.forEach((meeting, index) => {
    const held = add(
      `meeting-m${index}`,
      'MeetingHeld',
      {
        meetingId: `m${index}`,
        unitId: meeting.unit,
        kind: meeting.kind,
        heldAt: at(meeting.at),
        attendees: meeting.attendees,
        agendaSummary: null,
      },
      at(meeting.at),
    );
    if (meeting.correctedAttendees)
      add(
        `meeting-m${index}`,
        'EventCorrected',
        { correctedEventId: held, reason: 'Attendance sheet', fields: { attendees: meeting.correctedAttendees } },
        at(meeting.at, 1),
      );
  });
  province.visits.forEach((visit, index) => {
    const stream = `visit-v${index}`;
    add(
      stream,
      'VisitScheduled',
      {
        visitId: `v${index}`,
        kind: visit.kind,
        purpose: 'Check',
        place: null,
        unitId: visit.unit,
        participants: visit.participants,
        plannedFor: at(visit.planned),
        publishedInCalendar: true,
      },
      at(visit.planned, -5),
    );
    if (visit.outcome === 'cancelled') add(stream, 'VisitCancelled', { reason: 'Storm' }, at(visit.planned, -1));
    if (visit.outcome === 'conducted') {
      add(
        stream,
        'VisitConducted',
        {
          startedAt: at(visit.planned, visit.shift),
          endedAt: at(visit.planned, visit.shift),
          presentParticipants: visit.present,
          others: null,
        },
        at(visit.planned, visit.shift),
      );
      add(
        stream,
        'VisitFindingRecorded',
        { findingId: `f${index}`, text: 'Road', severity: null, caseId: null },
        at(visit.planned, visit.shift),
      );
    }
    if (visit.outcome === 'rescheduled')
      add(
        stream,
        'VisitRescheduled',
        { plannedFor: at(visit.planned, visit.shift), previousPlannedFor: at(visit.planned), reason: 'Later' },
        at(visit.planned, -2),
      );
  });
  province.cases.forEach((record, index) => {
    const stream = `case-c${index}`;
    const received = record.received;
    add(
      stream,
      'CaseReceived',
      {
        caseId: `c${index}`,
        unitId: record.unit,
        category: record.category,
        channel: 'hotline',
        summary: 'Matter',
        reporter: {},
        sourceVisitId: null,
        referredFromUnitId: null,
      },
      at(received),
    );
    if (record.noise) add(stream, 'CaseAcknowledged', { note: null }, at(received));
    if (record.classification) add(stream, 'CaseClassified', { classification: record.classification, reason: 'Rule' }, at(received));
    if (record.noise) add(stream, 'CaseActionRecorded', { description: 'Called the reporter' }, at(received, 2));
    for (const assignment of record.assigned)
      add(
        stream,
        'CaseAssigned',
        { officialId: assignment.official, unitId: null, dueAt: at(received, assignment.after + assignment.due) },
        at(received, assignment.after),
      );
    for (const informed of record.informed)
      add(stream, 'UpperLevelInformed', { unitId: 'tinh', channel: 'media', note: null }, at(received, informed));
    for (const report of record.reports)
      add(
        stream,
        'CaseReportedUpward',
        { officialId: report.official, toUnitId: 'tinh', fromUnitId: record.unit, summary: null },
        at(received, report.after),
      );
    if (record.resolvedAfter !== null) {
      add(stream, 'CaseResolved', { outcome: 'Done' }, at(received, record.resolvedAfter));
      if (record.reopened) add(stream, 'CaseReopened', { reason: 'Again' }, at(received, record.resolvedAfter + 1));
      else if (record.noise) add(stream, 'CaseClosed', { note: null }, at(received, record.resolvedAfter + 3));
    }
  });
  // Corrections of case events, recorded after everything else (so often in a later batch than the event).
  province.cases.forEach((record, index) => {
    const stream = `case-c${index}`;
    const target = events.find(
      (event) => event.streamId === stream && event.type === (record.correction === 'classification' ? 'CaseClassified' : 'CaseAssigned'),
    );
    if (record.correction === null || !target) return;
    const fields: JsonObject =
      record.correction === 'classification'
        ? { classification: target.data.classification === 'must-report' ? 'within-authority' : 'must-report' }
        : { dueAt: at(record.received, 3) };
    add(stream, 'EventCorrected', { correctedEventId: target.eventId, reason: 'Mistake', fields }, at(record.received, 1));
  });
  province.reviews.forEach((review, index) => {
    add(
      `review-r${index}`,
      'ReviewOpened',
      { reviewId: `r${index}`, officialId: review.official, grounds: 'Pre-empted', evidenceEventIds: [] },
      at(review.at),
    );
    if (review.concludedAfter !== null)
      add(`review-r${index}`, 'ReviewConcluded', { outcome: 'reprimand', conclusion: 'Done' }, at(review.at, review.concludedAfter));
  });
  return events;
}

function streamsOf(events: readonly RecordedEvent[]): Map<string, Fact<DomainEvent>[]> {
  const streams = new Map<string, Fact<DomainEvent>[]>();
  for (const event of events)
    streams.set(event.streamId, [
      ...(streams.get(event.streamId) ?? []),
      { type: event.type, data: event.data as DomainEvent['data'], eventId: event.eventId, occurredAt: event.metadata.occurredAt },
    ]);
  return streams;
}

describe('the review and evaluation fast paths', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = openReadModels(':memory:');
  });
  afterEach(() => db.close());

  it('equal the straightforward computation over all the records, on random small provinces', () => {
    fc.assert(
      fc.property(
        provinceArb,
        fc.constantFrom(2024, 2025),
        fc.constantFrom('2025-06-15T00:00:00Z', '2026-03-01T00:00:00Z'),
        fc.integer({ min: 1, max: 40 }),
        (province, year, asOfText, batchSize) => {
          db.close();
          db = openReadModels(':memory:');
          const catalog = new GenerationCatalog(db);
          const generation = db.transaction(() => catalog.create(responsibilityFactsProjection, 'live', new Date('2026-01-01T00:00:00Z')))()
            .generation;
          const events = eventsOf(province);
          // In batches of random sizes: a case changed in several batches is folded again after each.
          const writer = new GenerationWriter(db, catalog, responsibilityFactsProjection, generation, 'live');
          for (let start = 0; start < events.length; start += batchSize) writer.write(events.slice(start, start + batchSize));
          const facts = new ReportFactsQuery(db);
          const asOf = new Date(asOfText);
          const period = { from: `${year}-01-01`, to: `${year}-12-31` };

          const everything = facts.recordsFor(OFFICIALS);
          // The projection keeps only what the folds read: its records are those folded from every event of each stream.
          const streams = streamsOf(events);
          const stream = (streamId: string) => streams.get(streamId) as Fact<never>[];
          expect(everything.cases).toEqual(everything.cases.map((record) => caseFromFacts(stream(`case-${record.caseId}`))));
          expect(everything.meetings).toEqual(
            everything.meetings.map((meeting) => meetingFromFacts(stream(`meeting-${meeting.meetingId}`))),
          );
          expect(everything.visits).toEqual(everything.visits.map((visit) => visitFromFacts(stream(`visit-${visit.visitId}`))));
          expect(everything.units).toEqual(everything.units.map((unit) => unitFromFacts(stream(`unit-${unit.unitId}`))));
          const whole = new AnnualEvaluations(facts, calendar, ruleBooks).evaluate(year, { unitId: 'tinh' }, asOf);
          expect(whole.officials).toEqual(
            whole.officials.map((official) => evaluationOf(reportOf(official.officialId, everything, period, asOf, judgement), everything)),
          );

          for (const officialId of OFFICIALS) {
            const own = facts.recordsFor([officialId]);
            const straightforward = reportOf(officialId, own, period, asOf, judgement);
            expect(new OfficialReports(facts, calendar, ruleBooks).review(officialId, period, asOf)).toEqual(straightforward);
            expect(new AnnualEvaluations(facts, calendar, ruleBooks).evaluate(year, { officialId }, asOf).officials).toEqual([
              evaluationOf(straightforward, own),
            ]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
