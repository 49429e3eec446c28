import { fact } from '../../test/support/given-when-then.js';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import type { CaseEvent } from '../cases/case.events.js';
import type { Fact } from '../domain-kit/decider.js';
import type { MeetingEvent, MeetingKind } from '../meetings/meeting.events.js';
import type { OfficialEvent } from '../officials/official.events.js';
import type { UnitEvent, UnitKind } from '../organisation/unit.events.js';
import type { ReviewEvent } from '../reviews/review.events.js';
import type { VisitEvent, VisitKind } from '../visits/visit.events.js';
import { loadDefaultDuties, loadDefaultRules } from '../policies/default-rules.js';
import { RuleBook } from '../policies/rule-book.js';
import {
  assignmentsFromFacts,
  caseFromFacts,
  meetingFromFacts,
  reviewFromFacts,
  unitFromFacts,
  visitFromFacts,
} from './records-from-facts.js';
import type { CaseRecord, ResponsibilityReportInput, ReportRules } from './report-input.js';
import { reportResponsibility } from './responsibility-report.js';

/*
 * The world: province P; communes A and B, each with its Party committee (A-C, B-C) and cells under
 * the committee (A-1, A-2; B-1). B is merged into A on 2025-05-10. o-1 is in charge of A all year;
 * o-2 until 2025-03-15 and o-3 from 2025-03-16 (the charge changed hands).
 */
const calendar = loadVietnamCalendar();
/** The shipped rules: the upward-report limits are the incident-report-upward-2017 and *-report-upward-2017 rules. */
const ruleBook = new RuleBook(loadDefaultRules(), [], loadDefaultDuties());
const unit = (unitId: string, kind: UnitKind, parentId: string | null): Fact<UnitEvent> =>
  fact({ type: 'UnitRegistered', data: { unitId, name: unitId, kind, parentId } }, '2024-01-01T08:00+07:00', `ev-unit-${unitId}`);
const mergeOfB = fact<UnitEvent>({ type: 'UnitMerged', data: { intoUnitId: 'A' } }, '2025-05-10T08:00+07:00', 'ev-merge-B');
const units = [
  [unit('P', 'province', null)],
  [unit('A', 'commune', 'P')],
  [unit('A-C', 'party-committee', 'A')],
  [unit('A-1', 'party-cell', 'A-C')],
  [unit('A-2', 'party-cell', 'A-C')],
  [unit('B', 'commune', 'P'), mergeOfB],
  [unit('B-C', 'party-committee', 'B')],
  [unit('B-1', 'party-cell', 'B-C')],
].map((stream) => unitFromFacts(stream)!);

function assigned(
  officialId: string,
  assignmentId: string,
  unitId: string,
  from: string,
  to: string | null = null,
  ended?: string,
): Fact<OfficialEvent>[] {
  const facts: Fact<OfficialEvent>[] = [
    fact(
      { type: 'OfficialRegistered', data: { officialId, fullName: officialId, position: 'member', unitId: 'P' } },
      '2024-01-01T08:00+07:00',
      `ev-reg-${officialId}-${assignmentId}`,
    ),
    fact(
      { type: 'ResponsibilityAssigned', data: { assignmentId, unitId, role: 'committee-member-in-charge', from, to } },
      `${from}T08:00+07:00`,
      `ev-assign-${assignmentId}`,
    ),
  ];
  if (ended)
    facts.push(
      fact(
        { type: 'ResponsibilityEnded', data: { assignmentId, to: ended, reason: 'moved' } },
        `${ended}T17:00+07:00`,
        `ev-end-${assignmentId}`,
      ),
    );
  return facts;
}

let meetingCount = 0;
function meeting(unitId: string, kind: MeetingKind, heldAt: string, attendees = ['o-1']): Fact<MeetingEvent>[] {
  const meetingId = `m-${++meetingCount}`;
  return [
    fact({ type: 'MeetingHeld', data: { meetingId, unitId, kind, heldAt, attendees, agendaSummary: null } }, heldAt, `ev-${meetingId}`),
  ];
}

function review(
  input: Partial<ResponsibilityReportInput> & {
    officialFacts?: Fact<OfficialEvent>[];
    meetingStreams?: Fact<MeetingEvent>[][];
    rules?: Partial<ReportRules>;
  },
): ReturnType<typeof reportResponsibility> {
  const { officialFacts = assigned('o-1', 'a-1', 'A', '2025-01-01'), meetingStreams = [], ...rest } = input;
  return reportResponsibility({
    officialId: 'o-1',
    period: { from: '2025-01-01', to: '2025-06-30' },
    asOf: '2025-07-15T12:00+07:00',
    assignments: assignmentsFromFacts('o-1', officialFacts),
    units,
    meetings: meetingStreams.map((stream) => meetingFromFacts(stream)!),
    visits: [],
    cases: [],
    reviews: [],
    ruleBook,
    calendar,
    ...rest,
  });
}

/** Every figure, month and matter of the report carries evidence when it counts something. */
function expectEvidenceEverywhere(value: unknown, path = 'review'): void {
  if (Array.isArray(value)) return value.forEach((item, index) => expectEvidenceEverywhere(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record.count === 'number' && record.count > 0)
    expect({ path, evidence: (record.evidence as string[]).length > 0 }).toEqual({ path, evidence: true });
  if ('month' in record || 'caseId' in record || 'reviewId' in record || ('assignmentId' in record && 'role' in record)) {
    expect({ path, evidence: (record.evidence as string[]).length > 0 }).toEqual({ path, evidence: true });
  }
  Object.entries(record).forEach(([key, child]) => key !== 'rules' && expectEvidenceEverywhere(child, `${path}.${key}`));
}

const monthOf = (result: ReturnType<typeof reportResponsibility>, month: string) =>
  result.attendance[0].months.find((entry) => entry.month === month)!;

describe('monthly attendance', () => {
  it('counts a meeting by its day in Vietnam: 23:30 on 31 March (+07:00) is March, 00:10 on 1 March is not February', () => {
    const committee = meeting('A-C', 'party-committee', '2025-03-31T23:30+07:00');
    const cell = meeting('A-1', 'party-cell', '2025-03-01T00:10+07:00');
    const result = review({ meetingStreams: [committee, cell] });
    expect(monthOf(result, '2025-03')).toMatchObject({
      status: 'met',
      missing: [],
      duty: { dutyId: 'monthly-attendance-2017', needsCheck: true },
      committeeMeetings: { count: 1, evidence: [committee[0].eventId] },
      cellMeetings: { count: 1, evidence: [cell[0].eventId] },
    });
    expect(monthOf(result, '2025-03').evidence).toEqual(expect.arrayContaining(['ev-assign-a-1', committee[0].eventId, cell[0].eventId]));
    expect(monthOf(result, '2025-02')).toMatchObject({ status: 'no-meeting-held', missing: [] });
  });

  it('lists the months missed: a meeting of the unit held in the month without the official', () => {
    const result = review({
      meetingStreams: [
        meeting('A', 'party-committee', '2025-01-10T09:00+07:00'),
        meeting('A-2', 'party-cell', '2025-01-20T09:00+07:00'),
        meeting('A-C', 'party-committee', '2025-02-10T09:00+07:00', ['o-9']),
        meeting('A-1', 'party-cell', '2025-03-11T09:00+07:00', ['o-9']),
      ],
    });
    expect(result.attendance[0].months.map((entry) => entry.month)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    expect(result.attendance[0].monthsMissed).toEqual(['2025-02', '2025-03']);
    expect(result.monthsMissed.count).toBe(2);
    expect(monthOf(result, '2025-01').status).toBe('met');
    expect(monthOf(result, '2025-04').status).toBe('no-meeting-held');
  });

  it('a committee meeting attended while a cell met without the official misses the cell, and the other way round', () => {
    const result = review({
      meetingStreams: [
        meeting('A-C', 'party-committee', '2025-01-10T09:00+07:00'),
        meeting('A-1', 'party-cell', '2025-01-12T09:00+07:00', ['o-9']),
        meeting('A-1', 'party-cell', '2025-02-10T09:00+07:00'),
        meeting('A-C', 'party-committee', '2025-02-12T09:00+07:00', ['o-9']),
      ],
    });
    expect(monthOf(result, '2025-01')).toMatchObject({ status: 'missed', missing: ['party-cell'], noMeetingHeld: [] });
    expect(monthOf(result, '2025-02')).toMatchObject({ status: 'missed', missing: ['party-committee'] });
  });

  it("a kind of meeting not held at all is no-meeting-held, shown with the units that did not meet, and not the official's miss", () => {
    const result = review({ meetingStreams: [meeting('A-C', 'party-committee', '2025-01-10T09:00+07:00')] });
    expect(monthOf(result, '2025-01')).toMatchObject({ status: 'no-meeting-held', missing: [], noMeetingHeld: ['party-cell'] });
    expect(monthOf(result, '2025-01').parts).toEqual([
      expect.objectContaining({ kind: 'party-committee', status: 'attended', notMetBy: [] }),
      expect.objectContaining({
        kind: 'party-cell',
        status: 'no-meeting-held',
        held: { count: 0, evidence: [] },
        notMetBy: ['A-1', 'A-2'],
      }),
    ]);
    expect(monthOf(result, '2025-02').parts.map((part) => part.notMetBy)).toEqual([['A-C'], ['A-1', 'A-2']]);
    expect(result.monthsMissed.count).toBe(0);
  });

  it('does not count meetings the official did not attend, nor a subordinate committee for a higher unit', () => {
    const absent = review({
      meetingStreams: [
        meeting('A-C', 'party-committee', '2025-01-10T09:00+07:00', ['o-9']),
        meeting('A-1', 'party-cell', '2025-01-11T09:00+07:00'),
      ],
    });
    expect(monthOf(absent, '2025-01')).toMatchObject({ status: 'missed', missing: ['party-committee'] });
    expect(monthOf(absent, '2025-01').evidence).toContain(absent.attendance[0].months[0].parts[0].held.evidence[0]);
    const provincial = review({
      officialFacts: assigned('o-1', 'a-p', 'P', '2025-01-01'),
      meetingStreams: [meeting('A-C', 'party-committee', '2025-01-10T09:00+07:00'), meeting('A-1', 'party-cell', '2025-01-11T09:00+07:00')],
    });
    expect(monthOf(provincial, '2025-01')).toMatchObject({
      status: 'no-meeting-held',
      noMeetingHeld: ['party-committee'],
      cellMeetings: { count: 1 },
    });
    expect(monthOf(provincial, '2025-01').parts[0].notMetBy).toEqual(['P']);
  });

  it('judges a month over the days in charge, however few: no minimum, meetings before the first day do not count', () => {
    const threeDays = review({
      officialFacts: assigned('o-1', 'a-1', 'A', '2025-03-29'),
      meetingStreams: [meeting('A-C', 'party-committee', '2025-03-05T09:00+07:00'), meeting('A-1', 'party-cell', '2025-03-30T09:00+07:00')],
    });
    expect(monthOf(threeDays, '2025-03')).toMatchObject({
      from: '2025-03-29',
      to: '2025-03-31',
      daysInCharge: 3,
      required: true,
      status: 'no-meeting-held',
      noMeetingHeld: ['party-committee'],
      cellMeetings: { count: 1 },
    });
    const missedInThem = review({
      officialFacts: assigned('o-1', 'a-1', 'A', '2025-03-29'),
      meetingStreams: [meeting('A-C', 'party-committee', '2025-03-30T09:00+07:00', ['o-9'])],
    });
    expect(monthOf(missedInThem, '2025-03')).toMatchObject({ daysInCharge: 3, status: 'missed', missing: ['party-committee'] });
  });

  it('judges a handover month for each member over their own days (the committee met once, on the 10th)', () => {
    // A in charge from the 1st to the 14th: the only committee meeting (the 10th) was held without
    // them, the cell met with them on the 12th. B from the 15th: no meeting of either kind was held.
    const meetings = [
      meeting('A-C', 'party-committee', '2025-03-10T09:00+07:00', ['o-9']),
      meeting('A-1', 'party-cell', '2025-03-12T09:00+07:00', ['o-2']),
    ];
    const handover = [...assigned('o-2', 'a-2', 'A', '2025-01-01', null, '2025-03-14'), ...assigned('o-3', 'a-3', 'A', '2025-03-15')];
    const reportOf = (officialId: string) =>
      review({
        officialId,
        assignments: [...assignmentsFromFacts('o-2', handover.slice(0, 3)), ...assignmentsFromFacts('o-3', handover.slice(3))],
        meetings: meetings.map((stream) => meetingFromFacts(stream)!),
        period: { from: '2025-03-01', to: '2025-03-31' },
      });
    const first = monthOf(reportOf('o-2'), '2025-03');
    expect(first).toMatchObject({ from: '2025-03-01', to: '2025-03-14', daysInCharge: 14, status: 'missed', missing: ['party-committee'] });
    expect(first.parts.map((part) => part.status)).toEqual(['missed', 'attended']);
    const second = monthOf(reportOf('o-3'), '2025-03');
    expect(second).toMatchObject({
      from: '2025-03-15',
      to: '2025-03-31',
      daysInCharge: 17,
      required: true,
      status: 'no-meeting-held',
      missing: [],
      noMeetingHeld: ['party-committee', 'party-cell'],
    });
    expect(second.parts.map((part) => part.notMetBy)).toEqual([['A-C'], ['A-1', 'A-2']]);
    expect(reportOf('o-3').monthsMissed.count).toBe(0);
  });

  it('an assignment ended mid-period stops at its last day: later months are not listed, later meetings not counted', () => {
    const result = review({
      officialFacts: assigned('o-1', 'a-1', 'A', '2025-01-01', null, '2025-04-20'),
      meetingStreams: [
        meeting('A-C', 'party-committee', '2025-04-10T09:00+07:00'),
        meeting('A-1', 'party-cell', '2025-04-12T09:00+07:00', ['o-9']),
        meeting('A-1', 'party-cell', '2025-04-25T09:00+07:00'),
      ],
    });
    expect(result.assignments).toEqual([
      expect.objectContaining({ assignmentId: 'a-1', to: '2025-04-20', evidence: ['ev-assign-a-1', 'ev-end-a-1'] }),
    ]);
    expect(result.attendance[0].months.map((entry) => entry.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(monthOf(result, '2025-04')).toMatchObject({ daysInCharge: 20, required: true, status: 'missed', missing: ['party-cell'] });
  });

  it('a month not over yet as of the review is open, not missed', () => {
    const result = review({
      asOf: '2025-06-15T12:00+07:00',
      meetingStreams: [meeting('A-C', 'party-committee', '2025-05-05T09:00+07:00', ['o-9'])],
    });
    expect(monthOf(result, '2025-06').status).toBe('open');
    expect(monthOf(result, '2025-05').status).toBe('missed');
  });

  it('a month before the duty took effect in the rule book is not judged (no-rule)', () => {
    const result = review({
      officialFacts: assigned('o-1', 'a-1', 'A', '2016-11-01'),
      period: { from: '2016-11-01', to: '2017-01-31' },
      meetingStreams: [meeting('A-C', 'party-committee', '2016-12-05T09:00+07:00', ['o-9'])],
    });
    expect(result.attendance[0].months.map((month) => [month.month, month.status, month.required, month.duty?.dutyId ?? null])).toEqual([
      ['2016-11', 'no-rule', false, null],
      ['2016-12', 'no-rule', false, null],
      ['2017-01', 'no-meeting-held', true, 'monthly-attendance-2017'],
    ]);
    expect(result.monthsMissed.count).toBe(0);
  });

  it('a unit merged into the assigned unit counts from the day of the merge, never before, with the merge as evidence', () => {
    const result = review({
      meetingStreams: [
        meeting('A-C', 'party-committee', '2025-04-05T09:00+07:00'),
        meeting('B-1', 'party-cell', '2025-04-20T09:00+07:00'),
        meeting('A-C', 'party-committee', '2025-05-05T09:00+07:00'),
        meeting('B-1', 'party-cell', '2025-05-10T20:00+07:00'),
      ],
    });
    expect(monthOf(result, '2025-04')).toMatchObject({
      status: 'no-meeting-held',
      noMeetingHeld: ['party-cell'],
      cellMeetings: { count: 0 },
    });
    expect(monthOf(result, '2025-05')).toMatchObject({ status: 'met' });
    expect(monthOf(result, '2025-05').evidence).toContain('ev-merge-B');
  });

  it('counts a meeting with its corrected values, and names the correction as evidence', () => {
    const [held] = meeting('A-1', 'party-cell', '2025-04-02T09:00+07:00');
    const correction = fact<MeetingEvent>(
      {
        type: 'EventCorrected',
        data: { correctedEventId: held.eventId, reason: 'wrong day', fields: { heldAt: '2025-03-28T09:00+07:00' } },
      },
      '2025-04-03T09:00+07:00',
      'ev-fix',
    );
    const result = review({ meetingStreams: [[held, correction], meeting('A-C', 'party-committee', '2025-03-10T09:00+07:00')] });
    expect(monthOf(result, '2025-03')).toMatchObject({ status: 'met', cellMeetings: { count: 1, evidence: [held.eventId, 'ev-fix'] } });
    expect(monthOf(result, '2025-04').cellMeetings.count).toBe(0);
  });
});

let visitCount = 0;
function visit(
  kind: VisitKind,
  unitId: string,
  plannedFor: string,
  outcome: { conducted?: string[]; cancelled?: boolean } = {},
): VisitRecordStream {
  const visitId = `v-${++visitCount}`;
  const facts: Fact<VisitEvent>[] = [
    fact(
      {
        type: 'VisitScheduled',
        data: {
          visitId,
          kind,
          purpose: 'inspect',
          place: null,
          unitId,
          participants: ['o-1', 'o-5'],
          plannedFor,
          publishedInCalendar: true,
        },
      },
      '2025-01-02T08:00+07:00',
      `ev-${visitId}-s`,
    ),
  ];
  if (outcome.cancelled)
    facts.push(fact({ type: 'VisitCancelled', data: { reason: 'storm' } }, '2025-01-03T08:00+07:00', `ev-${visitId}-x`));
  if (outcome.conducted)
    facts.push(
      fact(
        {
          type: 'VisitConducted',
          data: { startedAt: plannedFor, endedAt: plannedFor, presentParticipants: outcome.conducted, others: null },
        },
        plannedFor,
        `ev-${visitId}-c`,
      ),
    );
  return facts;
}
type VisitRecordStream = Fact<VisitEvent>[];

describe('visits', () => {
  it("counts the official's visits per assigned unit: periodic/unscheduled × conducted/absent/cancelled/planned, elsewhere apart", () => {
    const streams = [
      visit('periodic', 'A-1', '2025-02-03T08:00+07:00', { conducted: ['o-1'] }),
      visit('periodic', 'A', '2025-02-10T08:00+07:00', { conducted: ['o-5'] }),
      visit('unscheduled', 'A-2', '2025-03-03T08:00+07:00', { cancelled: true }),
      visit('periodic', 'A', '2025-06-20T08:00+07:00'),
      visit('unscheduled', 'B-1', '2025-04-01T08:00+07:00', { conducted: ['o-1'] }),
      visit('periodic', 'A', '2024-12-31T23:00+07:00', { conducted: ['o-1'] }),
    ];
    const result = review({ visits: streams.map((stream) => visitFromFacts(stream)!) });
    const [ofA, elsewhere] = result.visits;
    expect(ofA.assignmentId).toBe('a-1');
    expect(ofA.counts.periodic.conducted).toEqual({
      count: 1,
      evidence: expect.arrayContaining(['ev-v-1-s', 'ev-v-1-c', 'ev-assign-a-1']),
    });
    expect(ofA.counts.periodic.absent.count).toBe(1);
    expect(ofA.counts.periodic.planned.count).toBe(1);
    expect(ofA.counts.unscheduled.cancelled).toEqual({ count: 1, evidence: expect.arrayContaining(['ev-v-3-s', 'ev-v-3-x']) });
    expect(ofA.counts.unscheduled.conducted.count).toBe(0);
    expect(elsewhere).toMatchObject({ assignmentId: null, counts: { unscheduled: { conducted: { count: 1 } } } });
  });
});

let caseCount = 0;
function caseFacts(
  unitId: string,
  category: 'incident' | 'complaint',
  receivedAt: string,
  ...rest: [CaseEvent, string][]
): Fact<CaseEvent>[] {
  const caseId = `c-${++caseCount}`;
  const received = fact<CaseEvent>(
    {
      type: 'CaseReceived',
      data: { caseId, unitId, category, channel: 'hotline', summary: 'x', reporter: {}, sourceVisitId: null, referredFromUnitId: null },
    },
    receivedAt,
    `ev-${caseId}-received`,
  );
  return [received, ...rest.map(([event, at], index) => fact(event, at, `ev-${caseId}-${index + 1}`))];
}
const mustReport: CaseEvent = { type: 'CaseClassified', data: { classification: 'must-report', reason: 'serious' } };
const withinAuthority: CaseEvent = { type: 'CaseClassified', data: { classification: 'within-authority', reason: 'local' } };
const reportedBy = (officialId: string): CaseEvent => ({
  type: 'CaseReportedUpward',
  data: { officialId, toUnitId: 'P', fromUnitId: 'A', summary: null },
});
const upperInformed: CaseEvent = { type: 'UpperLevelInformed', data: { unitId: 'P', channel: 'media', note: null } };
const caseIdOf = (stream: Fact<CaseEvent>[]) => (stream[0].data as { caseId: string }).caseId;
const cases = (...streams: Fact<CaseEvent>[][]): CaseRecord[] => streams.map((stream) => caseFromFacts(stream)!);

describe('must-report matters', () => {
  it('an incident reported after 24 hours is late; within is on time', () => {
    const late = caseFacts(
      'A-1',
      'incident',
      '2025-03-03T08:00+07:00',
      [mustReport, '2025-03-03T09:00+07:00'],
      [reportedBy('o-1'), '2025-03-04T09:00+07:00'],
    );
    const onTime = caseFacts(
      'A-1',
      'incident',
      '2025-03-05T08:00+07:00',
      [mustReport, '2025-03-05T09:00+07:00'],
      [reportedBy('o-1'), '2025-03-06T07:59+07:00'],
    );
    const result = review({ cases: cases(late, onTime) });
    expect(result.mustReport.matters.map((matter) => [matter.caseId, matter.status, matter.dueAt])).toEqual([
      [caseIdOf(late), 'late', '2025-03-04T08:00:00.000+07:00'],
      [caseIdOf(onTime), 'on-time', '2025-03-06T08:00:00.000+07:00'],
    ]);
    expect(result.mustReport.late).toEqual({
      count: 1,
      evidence: expect.arrayContaining([late[0].eventId, late[1].eventId, late[2].eventId, 'ev-assign-a-1']),
    });
  });

  it('other matters have 3 working days: received on a Friday, due at the end of Wednesday', () => {
    const friday = caseFacts(
      'A',
      'complaint',
      '2025-03-07T16:00+07:00',
      [mustReport, '2025-03-07T17:00+07:00'],
      [reportedBy('o-1'), '2025-03-12T23:00+07:00'],
    );
    expect(review({ cases: cases(friday) }).mustReport.matters[0]).toMatchObject({
      status: 'on-time',
      dueAt: '2025-03-12T23:59:59.999+07:00',
    });
  });

  it('never reported by the official once due, even when someone else reported it; pending while not due', () => {
    const never = caseFacts(
      'A-2',
      'incident',
      '2025-06-01T08:00+07:00',
      [mustReport, '2025-06-01T09:00+07:00'],
      [reportedBy('o-3'), '2025-06-01T10:00+07:00'],
    );
    const pending = caseFacts('A-2', 'incident', '2025-06-30T20:00+07:00', [mustReport, '2025-06-30T21:00+07:00']);
    const result = review({ cases: cases(never, pending), asOf: '2025-07-01T08:00+07:00' });
    expect(result.mustReport.matters.map((matter) => matter.status)).toEqual(['never', 'pending']);
    expect(result.mustReport.matters[0].reportedByOthers).toEqual([
      { officialId: 'o-3', at: '2025-06-01T10:00+07:00', eventId: never[2].eventId },
    ]);
    expect(result.mustReport.never.count).toBe(1);
  });

  it('ignores within-authority matters and matters of units not in charge when received (B before its merge)', () => {
    const local = caseFacts('A-1', 'incident', '2025-03-03T08:00+07:00', [withinAuthority, '2025-03-03T09:00+07:00']);
    const beforeMerge = caseFacts('B-1', 'incident', '2025-05-09T08:00+07:00', [mustReport, '2025-05-09T09:00+07:00']);
    const afterMerge = caseFacts('B-1', 'incident', '2025-05-10T08:00+07:00', [mustReport, '2025-05-10T09:00+07:00']);
    const result = review({ cases: cases(local, beforeMerge, afterMerge) });
    expect(result.mustReport.matters.map((matter) => matter.caseId)).toEqual([caseIdOf(afterMerge)]);
    expect(result.mustReport.matters[0].evidence).toContain('ev-merge-B');
  });
});

describe('must-report matters: owed only for matters classified must-report, by the rule book', () => {
  const correction = (target: Fact<CaseEvent>, classification: 'must-report' | 'within-authority'): CaseEvent => ({
    type: 'EventCorrected',
    data: { correctedEventId: target.eventId, reason: 'misclassified', fields: { classification } },
  });

  it('owes nothing for an unclassified matter, however long it waits', () => {
    const unclassified = caseFacts('A-1', 'complaint', '2025-03-03T08:00+07:00');
    expect(review({ cases: cases(unclassified) }).mustReport).toMatchObject({ matters: [], never: { count: 0 } });
  });

  it('re-judges a matter whose classification is corrected from within-authority to must-report', () => {
    const stream = caseFacts('A-1', 'complaint', '2025-03-03T08:00+07:00', [withinAuthority, '2025-03-03T09:00+07:00']);
    expect(review({ cases: cases(stream) }).mustReport.matters).toEqual([]);
    const corrected = [...stream, fact(correction(stream[1], 'must-report'), '2025-03-20T08:00+07:00', 'ev-correction')];
    expect(review({ cases: cases(corrected) }).mustReport.matters).toEqual([
      expect.objectContaining({
        caseId: caseIdOf(stream),
        status: 'never',
        ruleId: 'complaint-report-upward-2017',
        dueAt: '2025-03-06T23:59:59.999+07:00',
      }),
    ]);
  });

  it('judges by the classification in force as of the review: a matter reclassified within authority owes no report', () => {
    const stream = caseFacts(
      'A-1',
      'complaint',
      '2025-03-03T08:00+07:00',
      [mustReport, '2025-03-03T09:00+07:00'],
      [withinAuthority, '2025-03-04T09:00+07:00'],
    );
    expect(review({ cases: cases(stream) }).mustReport.matters).toEqual([]);
    expect(review({ cases: cases(stream), asOf: '2025-03-03T12:00+07:00' }).mustReport.matters).toEqual([
      expect.objectContaining({ status: 'pending' }),
    ]);
  });

  it('takes the limit from the rule book: a recorded rule replaces the shipped one on its days', () => {
    const local = {
      ...loadDefaultRules().find((rule) => rule.ruleId === 'complaint-report-upward-2017')!,
      ruleId: 'local-complaint-report-upward',
      limit: 1,
      effectiveFrom: '2025-01-01',
      legalReference: 'Provincial instruction 3/2025',
    };
    const recorded = new RuleBook(
      loadDefaultRules(),
      [{ rule: local, retirement: null, eventIds: ['ev-local-rule'] }],
      loadDefaultDuties(),
    );
    const stream = caseFacts('A-1', 'complaint', '2025-03-03T08:00+07:00', [mustReport, '2025-03-03T09:00+07:00']);
    expect(review({ cases: cases(stream), ruleBook: recorded }).mustReport.matters).toEqual([
      expect.objectContaining({
        ruleId: 'local-complaint-report-upward',
        dueAt: '2025-03-04T23:59:59.999+07:00',
        evidence: expect.arrayContaining(['ev-local-rule']),
      }),
    ]);
  });

  it('leaves a matter of a day no rule covers unjudged (no-rule): neither late nor never', () => {
    const before = caseFacts('A-1', 'complaint', '2016-12-28T08:00+07:00', [mustReport, '2016-12-28T09:00+07:00']);
    const result = review({
      cases: cases(before),
      period: { from: '2016-12-01', to: '2016-12-31' },
      officialFacts: assigned('o-1', 'a-1', 'A', '2016-01-01'),
    });
    expect(result.mustReport.matters).toEqual([expect.objectContaining({ status: 'no-rule', ruleId: null, dueAt: null })]);
    expect([result.mustReport.late.count, result.mustReport.never.count]).toEqual([0, 0]);
  });

  it('leaves a matter whose count meets a year outside the calendar unjudged (no-calendar), and judges the others', () => {
    // A province's own rule recorded from 1990: the 1990 matter's 3 working days cannot be counted
    // (the calendar starts in 1995); the 1995 matter's can.
    const local = {
      ...loadDefaultRules().find((rule) => rule.ruleId === 'complaint-report-upward-2017')!,
      ruleId: 'local-complaint-report-upward-1990',
      effectiveFrom: '1990-01-01',
      effectiveTo: '2017-01-01',
    };
    const recorded = new RuleBook(
      loadDefaultRules(),
      [{ rule: local, retirement: null, eventIds: ['ev-local-rule'] }],
      loadDefaultDuties(),
    );
    const old = caseFacts('A-1', 'complaint', '1990-03-05T08:00+07:00', [mustReport, '1990-03-05T09:00+07:00']);
    const covered = caseFacts('A-1', 'complaint', '1995-01-09T08:00+07:00', [mustReport, '1995-01-09T09:00+07:00']);
    const result = review({
      cases: cases(old, covered),
      ruleBook: recorded,
      period: { from: '1990-03-01', to: '1995-02-28' },
      asOf: '1995-07-01T08:00+07:00',
      officialFacts: assigned('o-1', 'a-1', 'A', '1990-01-01'),
    });
    expect(result.mustReport.matters).toEqual([
      expect.objectContaining({
        caseId: caseIdOf(old),
        status: 'no-calendar',
        ruleId: 'local-complaint-report-upward-1990',
        dueAt: null,
        unjudged: { reason: 'no-calendar', sentence: expect.stringContaining('1990 is outside it') },
      }),
      // Monday 1995-01-09 + 3 working days: the end of Thursday 12 January.
      expect.objectContaining({ caseId: caseIdOf(covered), status: 'never', dueAt: '1995-01-12T23:59:59.999+07:00', unjudged: null }),
    ]);
    expect(result.mustReport.unjudged).toMatchObject({ count: 1, evidence: expect.arrayContaining([old[0].eventId]) });
    expect(result.mustReport.never).toMatchObject({ count: 1, evidence: expect.arrayContaining([covered[0].eventId]) });
  });
});

describe('pre-emption', () => {
  const handover = [...assigned('o-2', 'a-2', 'A', '2025-01-01', null, '2025-03-15'), ...assigned('o-3', 'a-3', 'A', '2025-03-16')];
  const allAssignments = (...facts: Fact<OfficialEvent>[][]) => [
    ...assignmentsFromFacts('o-1', facts[0]),
    ...assignmentsFromFacts('o-2', handover.slice(0, 3)),
    ...assignmentsFromFacts('o-3', handover.slice(3)),
  ];

  it('is attributed to whoever was in charge on the day (in Vietnam) the upper level learned first: after a handover, the successor', () => {
    const preempted = caseFacts(
      'A-1',
      'incident',
      '2025-03-10T08:00+07:00',
      [mustReport, '2025-03-10T09:00+07:00'],
      [upperInformed, '2025-03-16T00:30+07:00'],
      [reportedBy('o-3'), '2025-03-17T09:00+07:00'],
    );
    const assignments = allAssignments(assigned('o-1', 'a-1', 'A', '2025-01-01'));
    const forO3 = reportResponsibility({ ...baseInput(), officialId: 'o-3', assignments, cases: cases(preempted) });
    expect(forO3.preemptions.matters).toEqual([
      expect.objectContaining({
        caseId: caseIdOf(preempted),
        assignmentId: 'a-3',
        upperLevelInformedAt: '2025-03-16T00:30+07:00',
        firstReportedAt: '2025-03-17T09:00+07:00',
        alsoInCharge: ['o-1'],
      }),
    ]);
    expect(forO3.preemptions.total.evidence).toEqual(expect.arrayContaining([preempted[2].eventId, preempted[3].eventId, 'ev-assign-a-3']));
    const forO2 = reportResponsibility({ ...baseInput(), officialId: 'o-2', assignments, cases: cases(preempted) });
    expect(forO2.preemptions.total.count).toBe(0);
    const forO1 = reportResponsibility({ ...baseInput(), officialId: 'o-1', assignments, cases: cases(preempted) });
    expect(forO1.preemptions.matters[0].alsoInCharge).toEqual(['o-3']);
  });

  it('is no pre-emption when the report came first, nor, by default, on a within-authority case', () => {
    const reportedFirst = caseFacts(
      'A-1',
      'incident',
      '2025-03-10T08:00+07:00',
      [mustReport, '2025-03-10T09:00+07:00'],
      [reportedBy('o-1'), '2025-03-10T10:00+07:00'],
      [upperInformed, '2025-03-10T11:00+07:00'],
    );
    const local = caseFacts(
      'A-1',
      'complaint',
      '2025-03-10T08:00+07:00',
      [withinAuthority, '2025-03-10T09:00+07:00'],
      [upperInformed, '2025-03-11T11:00+07:00'],
    );
    expect(review({ cases: cases(reportedFirst, local) }).preemptions.total.count).toBe(0);
    expect(
      review({ cases: cases(reportedFirst, local), rules: { preemptionScope: 'any' } }).preemptions.matters.map((matter) => matter.caseId),
    ).toEqual([caseIdOf(local)]);
  });

  it('counts an unclassified case the upper level learned of and nobody reported', () => {
    const unreported = caseFacts('A', 'complaint', '2025-04-01T08:00+07:00', [upperInformed, '2025-04-02T08:00+07:00']);
    expect(review({ cases: cases(unreported) }).preemptions.matters).toEqual([
      expect.objectContaining({ classification: null, firstReportedAt: null }),
    ]);
  });
});

function baseInput(): ResponsibilityReportInput {
  return {
    officialId: 'o-1',
    period: { from: '2025-01-01', to: '2025-06-30' },
    asOf: '2025-07-15T12:00+07:00',
    assignments: [],
    units,
    meetings: [],
    visits: [],
    cases: [],
    reviews: [],
    ruleBook,
    calendar,
  };
}

describe('acts on cases: by the official a clerk named, else by the one the token named', () => {
  it("counts an acknowledgement or action for byOfficialId, else the token's official, in the period, and nobody's when neither names one", () => {
    const [received, byClerk, byOwnToken, byNoOne, outside] = caseFacts(
      'A-1',
      'complaint',
      '2025-02-01T08:00+07:00',
      [{ type: 'CaseActionRecorded', data: { description: 'Met the family', byOfficialId: 'o-2' } }, '2025-02-02T08:00+07:00'],
      [{ type: 'CaseAcknowledged', data: { note: null } }, '2025-02-03T08:00+07:00'],
      [{ type: 'CaseActionRecorded', data: { description: 'Filed' } }, '2025-02-04T08:00+07:00'],
      [{ type: 'CaseActionRecorded', data: { description: 'Later' } }, '2025-07-01T08:00+07:00'],
    );
    // The clerk's naming of o-2 wins over the token's official (o-1); an act naming neither is nobody's.
    const stream = [
      received,
      { ...byClerk, tokenOfficialId: 'o-1' },
      { ...byOwnToken, tokenOfficialId: 'o-1' },
      byNoOne,
      { ...outside, tokenOfficialId: 'o-1' },
    ];
    const record = caseFromFacts(stream)!;

    expect(review({ cases: [record] }).caseActs).toEqual({
      acknowledgements: { count: 1, evidence: [byOwnToken.eventId] },
      actions: { count: 0, evidence: [] },
    });
    expect(review({ officialId: 'o-2', cases: [record] }).caseActs.actions).toEqual({ count: 1, evidence: [byClerk.eventId] });
  });
});

describe('cases handled', () => {
  const assign = (dueAt: string): CaseEvent => ({ type: 'CaseAssigned', data: { officialId: 'o-1', unitId: null, dueAt } });
  const resolved: CaseEvent = { type: 'CaseResolved', data: { outcome: 'done' } };

  it('judges the cases assigned to the official in the period by their due date: on time, late, overdue, open', () => {
    const onTime = caseFacts(
      'A',
      'complaint',
      '2025-02-01T08:00+07:00',
      [assign('2025-02-10T17:00+07:00'), '2025-02-01T09:00+07:00'],
      [resolved, '2025-02-09T09:00+07:00'],
    );
    const late = caseFacts(
      'A',
      'complaint',
      '2025-02-01T08:00+07:00',
      [assign('2025-02-10T17:00+07:00'), '2025-02-01T09:00+07:00'],
      [resolved, '2025-02-11T09:00+07:00'],
    );
    const overdue = caseFacts('A', 'complaint', '2025-06-01T08:00+07:00', [assign('2025-06-10T17:00+07:00'), '2025-06-01T09:00+07:00']);
    const open = caseFacts('A', 'complaint', '2025-06-25T08:00+07:00', [assign('2025-07-30T17:00+07:00'), '2025-06-25T09:00+07:00']);
    const someoneElses = caseFacts('A', 'complaint', '2025-06-25T08:00+07:00', [
      { type: 'CaseAssigned', data: { officialId: 'o-9', unitId: null, dueAt: '2025-07-30T17:00+07:00' } },
      '2025-06-25T09:00+07:00',
    ]);
    const result = review({ cases: cases(onTime, late, overdue, open, someoneElses) });
    expect(result.casesHandled.total.count).toBe(4);
    expect(result.casesHandled.resolved.count).toBe(2);
    expect(Object.fromEntries(Object.entries(result.casesHandled.byTimeliness).map(([key, figure]) => [key, figure.count]))).toEqual({
      'on-time': 1,
      late: 1,
      overdue: 1,
      open: 1,
    });
    expect(result.casesHandled.byTimeliness.late.evidence).toEqual([late[0].eventId, late[1].eventId, late[2].eventId]);
  });

  it("prefers the deadline calculator's verdict when the caller gives it", () => {
    const [record] = cases(
      caseFacts(
        'A',
        'complaint',
        '2025-02-01T08:00+07:00',
        [assign('2025-02-10T17:00+07:00'), '2025-02-01T09:00+07:00'],
        [resolved, '2025-02-09T09:00+07:00'],
      ),
    );
    const deadline = {
      ruleId: 'r',
      step: 'resolve',
      clockStartedAt: null,
      baseDueAt: null,
      dueAt: '2025-02-05T23:59:59.999+07:00',
      complexity: null,
      limit: 30,
      remoteArea: false,
      extensionsAllowed: 0,
      extensions: [],
      pauses: [],
      completedAt: '2025-02-09T09:00+07:00',
      completedByEventId: record.resolved!.eventId,
      status: 'missed',
      met: false,
      durationMs: 1,
    } as const;
    const result = review({ cases: [{ ...record, deadlines: [deadline] }] });
    expect(result.casesHandled.cases).toEqual([
      expect.objectContaining({ timeliness: 'late', judgedBy: 'deadline-calculator', dueAt: '2025-02-05T23:59:59.999+07:00' }),
    ]);
  });
});

describe('reviews and evidence', () => {
  it('lists the reviews about the official opened or concluded in the period', () => {
    const opened = (reviewId: string, officialId: string, at: string): Fact<ReviewEvent> =>
      fact(
        { type: 'ReviewOpened', data: { reviewId, officialId, grounds: 'upper level informed first', evidenceEventIds: ['ev-x'] } },
        at,
        `ev-${reviewId}-opened`,
      );
    const concluded = (reviewId: string, at: string): Fact<ReviewEvent> =>
      fact({ type: 'ReviewConcluded', data: { outcome: 'reminded', conclusion: 'ok' } }, at, `ev-${reviewId}-concluded`);
    const reviews = [
      [opened('r-1', 'o-1', '2025-02-01T09:00+07:00'), concluded('r-1', '2025-03-01T09:00+07:00')],
      [opened('r-2', 'o-1', '2024-12-01T09:00+07:00'), concluded('r-2', '2025-01-01T00:30+07:00')],
      [opened('r-3', 'o-1', '2025-07-01T09:00+07:00')],
      [opened('r-4', 'o-2', '2025-02-01T09:00+07:00')],
    ].map((stream) => reviewFromFacts(stream)!);
    const result = review({ reviews });
    expect(result.reviews.items.map((item) => item.reviewId)).toEqual(['r-1', 'r-2']);
    expect(result.reviews.opened).toEqual({ count: 1, evidence: ['ev-r-1-opened', 'ev-r-1-concluded'] });
    expect(result.reviews.concluded.count).toBe(2);
  });

  it('gives evidence for every figure, month, matter and assignment of a full review', () => {
    const result = review({
      meetingStreams: [meeting('A-C', 'party-committee', '2025-01-10T09:00+07:00'), meeting('B-1', 'party-cell', '2025-05-20T09:00+07:00')],
      visits: [visitFromFacts(visit('periodic', 'A-1', '2025-02-03T08:00+07:00', { conducted: ['o-1'] }))!],
      cases: cases(
        caseFacts(
          'A-1',
          'incident',
          '2025-03-03T08:00+07:00',
          [mustReport, '2025-03-03T09:00+07:00'],
          [upperInformed, '2025-03-03T10:00+07:00'],
        ),
        caseFacts('A', 'complaint', '2025-02-01T08:00+07:00', [
          { type: 'CaseAssigned', data: { officialId: 'o-1', unitId: null, dueAt: '2025-02-10T17:00+07:00' } },
          '2025-02-01T09:00+07:00',
        ]),
      ),
    });
    expect(result.preemptions.total.count).toBe(1);
    expect(result.mustReport.never.count).toBe(1);
    expectEvidenceEverywhere(result);
  });
});
