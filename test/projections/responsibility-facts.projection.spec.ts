import type Database from 'better-sqlite3';
import { GenerationCatalog } from '../../src/projections/generation-catalog.js';
import { GenerationWriter } from '../../src/projections/generation-writer.js';
import { tableNamesFor } from '../../src/projections/projection.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { responsibilityFactsProjection } from '../../src/responsibility/projection/responsibility-facts.projection.js';
import { ReportFactsQuery } from '../../src/responsibility/projection/report-facts.query.js';
import { recorded } from './recorded-events.js';

const id = (position: number) => `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`;
const at = (day: string) => `2024-03-${day}T08:00:00+07:00`;

/** Given these events (through the engine's writer, on :memory:), these rows, and these streams selected for a review. */
describe('the responsibility-facts projection', () => {
  let db: Database.Database;
  let query: ReportFactsQuery;
  let generation: number;

  const given = (...events: RecordedEvent[]): void => {
    const catalog = new GenerationCatalog(db);
    generation = db.transaction(() => catalog.create(responsibilityFactsProjection, 'live', new Date('2024-03-09T00:00:00Z')))().generation;
    new GenerationWriter(db, catalog, responsibilityFactsProjection, generation, 'live').write(events);
  };
  const ORDER = {
    events: 'global_position',
    stream_officials: '1, 2',
    stream_units: '1, 2, 3',
    case_days: '1',
    case_records: '1',
  } as const;
  const rows = (table: keyof typeof ORDER) =>
    db.prepare(`SELECT * FROM "${tableNamesFor(responsibilityFactsProjection, generation)[table]}" ORDER BY ${ORDER[table]}`).all();

  // A district with two communes and a cell; two officials; each fact of the review's categories.
  const scenario = (): RecordedEvent[] => [
    recorded(1, 'unit-huyen', 0, 'UnitRegistered', { unitId: 'huyen', name: 'Huyện', kind: 'district', parentId: null }, at('01')),
    recorded(2, 'unit-xa-a', 0, 'UnitRegistered', { unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'huyen' }, at('01')),
    recorded(3, 'unit-xa-b', 0, 'UnitRegistered', { unitId: 'xa-b', name: 'Xã B', kind: 'commune', parentId: null }, at('01')),
    recorded(
      4,
      'official-an',
      0,
      'OfficialRegistered',
      { officialId: 'an', fullName: 'Nguyễn Văn An', position: 'Ủy viên', unitId: 'huyen' },
      at('01'),
    ),
    recorded(
      5,
      'official-an',
      1,
      'ResponsibilityAssigned',
      { assignmentId: 'as-1', unitId: 'xa-a', role: 'committee-member-in-charge', from: '2024-03-01', to: null },
      at('01'),
    ),
    recorded(
      6,
      'official-binh',
      0,
      'OfficialRegistered',
      { officialId: 'binh', fullName: 'Trần Thị Bình', position: 'Phó Chủ tịch', unitId: 'huyen' },
      at('01'),
    ),
    recorded(
      7,
      'official-binh',
      1,
      'ResponsibilityAssigned',
      { assignmentId: 'as-2', unitId: 'huyen', role: 'committee-member-in-charge', from: '2024-03-01', to: null },
      at('01'),
    ),
    recorded(
      8,
      'meeting-m1',
      0,
      'MeetingHeld',
      { meetingId: 'm1', unitId: 'xa-a', kind: 'party-committee', heldAt: at('05'), attendees: ['an'], agendaSummary: null },
      at('05'),
    ),
    recorded(
      9,
      'meeting-m2',
      0,
      'MeetingHeld',
      { meetingId: 'm2', unitId: 'xa-b', kind: 'party-cell', heldAt: at('05'), attendees: ['binh'], agendaSummary: null },
      at('05'),
    ),
    recorded(
      10,
      'case-c1',
      0,
      'CaseReceived',
      {
        caseId: 'c1',
        unitId: 'xa-a',
        category: 'petition',
        channel: 'hotline',
        summary: 'Road',
        reporter: { name: 'Lê C', phone: '0900' },
        sourceVisitId: null,
        referredFromUnitId: null,
      },
      at('06'),
    ),
    recorded(11, 'case-c1', 1, 'CaseClassified', { classification: 'must-report', reason: 'Serious' }, at('06')),
    recorded(12, 'case-c1', 2, 'UpperLevelInformed', { unitId: 'huyen', channel: 'media', note: null }, at('07')),
    recorded(
      13,
      'case-c2',
      0,
      'CaseReceived',
      {
        caseId: 'c2',
        unitId: 'xa-b',
        category: 'petition',
        channel: 'letter',
        summary: 'Water',
        reporter: {},
        sourceVisitId: null,
        referredFromUnitId: null,
      },
      at('06'),
    ),
    recorded(14, 'case-c2', 1, 'CaseAssigned', { officialId: 'an', unitId: null, dueAt: at('20') }, at('06')),
    recorded(
      15,
      'visit-v1',
      0,
      'VisitScheduled',
      {
        visitId: 'v1',
        kind: 'periodic',
        purpose: 'Check',
        place: null,
        unitId: 'xa-b',
        participants: ['binh'],
        plannedFor: at('10'),
        publishedInCalendar: true,
      },
      at('06'),
    ),
    recorded(
      16,
      'visit-v1',
      1,
      'VisitConducted',
      { startedAt: at('10'), endedAt: at('10'), presentParticipants: ['binh', 'an'], others: null },
      at('10'),
    ),
    recorded(
      17,
      'review-r1',
      0,
      'ReviewOpened',
      { reviewId: 'r1', officialId: 'an', grounds: 'Pre-empted', evidenceEventIds: [id(12)] },
      at('11'),
    ),
    recorded(
      18,
      'meeting-m2',
      1,
      'EventCorrected',
      { correctedEventId: id(9), reason: 'An was there', fields: { attendees: ['binh', 'an'] } },
      at('12'),
    ),
    recorded(19, 'policy-p1', 0, 'ResponsePolicyRuleRecorded', { ruleId: 'p1' }, at('12')),
    recorded(20, 'case-c1', 3, 'SomethingNew', { officialId: 'an' }, at('12')),
  ];

  beforeEach(() => {
    db = openReadModels(':memory:');
    query = new ReportFactsQuery(db);
  });
  afterEach(() => db.close());

  it('stores each event the folds read once, without the reporter, and ignores other categories and events that change no record', () => {
    given(...scenario());
    const events = rows('events') as {
      global_position: number;
      stream_id: string;
      category: string;
      event_id: string;
      type: string;
      occurred_at: string;
      data: string;
    }[];
    // 19: another category; 20: a type no fold reads (it still indexes the stream, below).
    expect(events.map((row) => row.global_position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(events[9]).toEqual({
      global_position: 10,
      stream_id: 'case-c1',
      category: 'case',
      event_id: id(10),
      type: 'CaseReceived',
      occurred_at: at('06'),
      data: JSON.stringify({
        caseId: 'c1',
        unitId: 'xa-a',
        category: 'petition',
        channel: 'hotline',
        summary: 'Road',
        sourceVisitId: null,
        referredFromUnitId: null,
      }),
      official_id: null,
    });
  });

  it('indexes streams by the officials they involve and by the units they belong to', () => {
    given(...scenario());
    expect(rows('stream_officials')).toEqual([
      { official_id: 'an', stream_id: 'case-c1' }, // an unknown event naming an official: indexed, harmless
      { official_id: 'an', stream_id: 'case-c2' },
      { official_id: 'an', stream_id: 'meeting-m1' },
      { official_id: 'an', stream_id: 'meeting-m2' }, // by the correction of the attendees
      { official_id: 'an', stream_id: 'official-an' },
      { official_id: 'an', stream_id: 'review-r1' },
      { official_id: 'an', stream_id: 'visit-v1' },
      { official_id: 'binh', stream_id: 'meeting-m2' },
      { official_id: 'binh', stream_id: 'official-binh' },
      { official_id: 'binh', stream_id: 'visit-v1' },
    ]);
    expect(rows('stream_units')).toEqual([
      { unit_id: 'huyen', category: 'official', stream_id: 'official-an' },
      { unit_id: 'huyen', category: 'official', stream_id: 'official-binh' },
      { unit_id: 'xa-a', category: 'case', stream_id: 'case-c1' },
      { unit_id: 'xa-a', category: 'meeting', stream_id: 'meeting-m1' },
      { unit_id: 'xa-a', category: 'official', stream_id: 'official-an' },
      { unit_id: 'xa-b', category: 'case', stream_id: 'case-c2' },
      { unit_id: 'xa-b', category: 'meeting', stream_id: 'meeting-m2' },
      { unit_id: 'xa-b', category: 'visit', stream_id: 'visit-v1' },
    ]);
  });

  it('keeps, per case, its first and last Vietnamese day (from all its events) and its record as folded after each batch', () => {
    given(...scenario(), recorded(21, 'case-c2', 2, 'CaseAcknowledged', { note: null }, '2024-03-25T18:00:00Z'));
    expect(rows('case_days')).toEqual([
      { stream_id: 'case-c1', first_day: '2024-03-06', last_day: '2024-03-12' },
      { stream_id: 'case-c2', first_day: '2024-03-06', last_day: '2024-03-26' }, // 18:00Z is the next day in Vietnam
    ]);
    const cases = (rows('case_records') as { record: string }[]).map((row) => ({ ...row, record: JSON.parse(row.record) as unknown }));
    expect(cases).toEqual([
      {
        stream_id: 'case-c1',
        first_position: 10,
        record: {
          caseId: 'c1',
          unitId: 'xa-a',
          category: 'petition',
          received: { at: at('06'), eventId: id(10) },
          classifications: [{ at: at('06'), eventId: id(11), value: 'must-report' }],
          assignments: [],
          reportsUpward: [],
          upperLevelInformed: [{ at: at('07'), eventId: id(12), unitId: 'huyen', channel: 'media' }],
          acts: [],
          resolved: null,
        },
      },
      {
        stream_id: 'case-c2',
        first_position: 13,
        record: {
          caseId: 'c2',
          unitId: 'xa-b',
          category: 'petition',
          received: { at: at('06'), eventId: id(13) },
          classifications: [],
          assignments: [{ at: at('06'), eventId: id(14), officialId: 'an', unitId: null, dueAt: at('20') }],
          reportsUpward: [],
          upperLevelInformed: [],
          acts: [],
          resolved: null,
        },
      },
    ]);
  });

  it("keeps the acts that name an official (byOfficialId, else the token's official) in the record and links the case to them", () => {
    const byOwnToken = recorded(22, 'case-c2', 3, 'CaseAcknowledged', { note: null }, at('08'));
    given(
      ...scenario(),
      recorded(21, 'case-c2', 2, 'CaseActionRecorded', { description: 'Met them', byOfficialId: 'binh' }, at('07')),
      { ...byOwnToken, metadata: { ...byOwnToken.metadata, officialId: 'an' } },
      recorded(23, 'case-c2', 4, 'CaseActionRecorded', { description: 'Filed by a clerk for no one' }, at('09')),
    );
    expect((rows('events') as { global_position: number; official_id: string | null }[]).filter((row) => row.global_position > 20)).toEqual(
      [
        expect.objectContaining({ global_position: 21, official_id: null }),
        expect.objectContaining({ global_position: 22, official_id: 'an' }),
      ],
    );
    const c2 = (rows('case_records') as { stream_id: string; record: string }[]).find((row) => row.stream_id === 'case-c2')!;
    expect((JSON.parse(c2.record) as { acts: unknown[] }).acts).toEqual([
      { kind: 'action', at: at('07'), eventId: id(21), officialId: 'binh' },
      { kind: 'acknowledgement', at: at('08'), eventId: id(22), officialId: 'an' },
    ]);
    expect(query.recordsFor(['binh']).cases.map((record) => record.caseId)).toContain('c2');
  });

  it('folds a case again when a later batch corrects one of its events', () => {
    given(...scenario());
    new GenerationWriter(db, new GenerationCatalog(db), responsibilityFactsProjection, generation, 'live').write([
      recorded(
        21,
        'case-c2',
        2,
        'EventCorrected',
        { correctedEventId: id(14), reason: 'Wrong official', fields: { officialId: 'binh' } },
        at('12'),
      ),
    ]);
    const c2 = (rows('case_records') as { stream_id: string; record: string }[]).find((row) => row.stream_id === 'case-c2')!;
    expect((JSON.parse(c2.record) as { assignments: unknown[] }).assignments).toEqual([
      { at: at('06'), eventId: id(14), officialId: 'binh', unitId: null, dueAt: at('20') },
    ]);
  });

  it("selects an official's records: own assignments, the facts naming them, the facts of their units, and colleagues above", () => {
    given(...scenario());
    const records = query.recordsFor(['an']);
    expect([...records.officials]).toEqual([['an', { fullName: 'Nguyễn Văn An' }]]);
    expect(records.units.map((unit) => unit.unitId)).toEqual(['huyen', 'xa-a', 'xa-b']);
    expect(records.assignments.map((assignment) => `${assignment.officialId}:${assignment.unitId}`)).toEqual(['an:xa-a', 'binh:huyen']);
    expect(records.meetings.map((meeting) => [meeting.meetingId, meeting.attendees, meeting.eventIds])).toEqual([
      ['m1', ['an'], [id(8)]],
      ['m2', ['binh', 'an'], [id(9), id(18)]],
    ]);
    expect(records.cases.map((record) => record.caseId)).toEqual(['c1', 'c2']);
    expect(records.cases[0].upperLevelInformed).toEqual([{ at: at('07'), eventId: id(12), unitId: 'huyen', channel: 'media' }]);
    expect(records.visits.map((visit) => visit.visitId)).toEqual(['v1']);
    expect(records.reviews.map((review) => review.reviewId)).toEqual(['r1']);
  });

  it('answers an unknown official with no official, and finds the units and officials under a unit', () => {
    given(...scenario());
    expect(query.recordsFor(['nobody']).officials.size).toBe(0);
    expect([...query.unitsUnder('huyen').under].sort()).toEqual(['huyen', 'xa-a']);
    expect(query.officialsAssignedTo(['xa-a'])).toEqual(['an']);
    expect(query.officialsAssignedTo(['huyen', 'xa-a'])).toEqual(['an', 'binh']);
  });

  it('reads nothing before the projection has a generation', () => {
    expect(query.recordsFor(['an']).officials.size).toBe(0);
    expect(query.officialsAssignedTo(['xa-a'])).toEqual([]);
  });

  it('gives the same rows when the same events are written again in smaller batches into a new generation', () => {
    given(...scenario());
    const first = {
      events: rows('events'),
      officials: rows('stream_officials'),
      units: rows('stream_units'),
      caseDays: rows('case_days'),
      caseRecords: rows('case_records'),
    };
    const catalog = new GenerationCatalog(db);
    const rebuilt = db.transaction(() => catalog.create(responsibilityFactsProjection, 'building', new Date('2024-03-09T00:00:00Z')))()
      .generation;
    const writer = new GenerationWriter(db, catalog, responsibilityFactsProjection, rebuilt, 'building');
    const events = scenario();
    for (let start = 0; start < events.length; start += 3) writer.write(events.slice(start, start + 3));
    generation = rebuilt;
    expect({
      events: rows('events'),
      officials: rows('stream_officials'),
      units: rows('stream_units'),
      caseDays: rows('case_days'),
      caseRecords: rows('case_records'),
    }).toEqual(first);
  });
});
