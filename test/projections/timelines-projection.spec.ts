import { loadVietnamCalendar } from '../../src/calendar/holiday-files.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { caseTimelinesProjection } from '../../src/timelines/case-timelines.projection.js';
import { CaseTimelinesQuery } from '../../src/timelines/case-timelines.query.js';
import { loadDefaultDuties, loadDefaultRules } from '../../src/policies/default-rules.js';
import { RuleBookQuery } from '../../src/policies/rule-book.query.js';
import { recorded } from './recorded-events.js';
import { projectionOnMemory, type ProjectionOnMemory } from '../support/projection-on-memory.js';

const calendar = loadVietnamCalendar();
const defaults = loadDefaultRules();
const endOf = (day: string) => `${day}T23:59:59.999+07:00`;
const hoursFrom = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3600_000;
const id = (position: number) => `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`;
const receipt = (caseId: string, category: string, unitId = 'gia-tan') => ({
  caseId,
  unitId,
  category,
  channel: 'letter',
  summary: 's',
  reporter: {},
  sourceVisitId: null,
  referredFromUnitId: null,
});

/** Given these events (through the engine's writer, on :memory:), the timelines answer with these rows and verdicts. */
describe('the case-timelines projection', () => {
  let timelines: ProjectionOnMemory<(typeof caseTimelinesProjection.tables)[number]>;
  let query: CaseTimelinesQuery;

  const given = (...events: RecordedEvent[]): void => timelines.given(events);
  const rows = (table: 'facts' | 'cases' | 'rules') => timelines.rows(table);
  const deadline = (caseId: string, step: string, asOf: string) =>
    query.timelineOf(caseId, asOf).deadlines.find((candidate) => candidate.step === step)!;

  beforeEach(() => {
    timelines = projectionOnMemory(caseTimelinesProjection);
    query = new CaseTimelinesQuery(
      timelines.db,
      calendar,
      new RuleBookQuery(timelines.db, caseTimelinesProjection, defaults, loadDefaultDuties()),
    );
  });
  afterEach(() => timelines.close());

  it('keeps every case fact raw, one row per case (received unit and time, corrected category) and ignores other streams', () => {
    given(
      recorded(1, 'unit-gia-tan', 0, 'UnitRegistered', { unitId: 'gia-tan' }),
      recorded(2, 'case-c1', 0, 'CaseReceived', receipt('c1', 'petition'), '2025-03-03T08:00:00+07:00'),
      recorded(
        3,
        'case-c1',
        1,
        'CaseAssigned',
        { officialId: 'o-1', unitId: null, dueAt: '2025-03-20T17:00:00+07:00' },
        '2025-03-04T08:00:00+07:00',
      ),
      recorded(
        4,
        'case-c1',
        2,
        'EventCorrected',
        { correctedEventId: id(2), reason: 'misread', fields: { category: 'complaint' } },
        '2025-03-05T08:00:00+07:00',
      ),
      recorded(
        5,
        'case-c1',
        3,
        'CaseEscalated',
        { fromUnitId: 'gia-tan', toUnitId: 'gia-loc', reason: 'beyond the commune' },
        '2025-03-06T08:00:00+07:00',
      ),
    );
    expect(rows('cases')).toEqual([
      {
        case_id: 'c1',
        received_event_id: id(2),
        category: 'complaint',
        received_unit_id: 'gia-tan',
        received_at: '2025-03-03T08:00:00+07:00',
        received_at_ms: Date.parse('2025-03-03T08:00:00+07:00'),
      },
    ]);
    expect(rows('facts')).toHaveLength(4);
    expect(rows('facts')[1]).toEqual({
      global_position: 3,
      case_id: 'c1',
      stream_revision: 1,
      event_id: id(3),
      type: 'CaseAssigned',
      occurred_at: '2025-03-04T08:00:00+07:00',
      recorded_at: '2024-03-09T01:00:05.000Z',
      data: JSON.stringify({ officialId: 'o-1', unitId: null, dueAt: '2025-03-20T17:00:00+07:00' }),
    });
  });

  it('gives the steps with the time between them and judges each step by its rule, with evidence', () => {
    given(
      recorded(1, 'case-c1', 0, 'CaseReceived', receipt('c1', 'complaint'), '2025-03-03T08:00:00+07:00'),
      recorded(2, 'case-c1', 1, 'CaseAcknowledged', { note: null }, '2025-03-10T08:00:00+07:00'),
      recorded(3, 'case-c1', 2, 'CaseClassified', { classification: 'within-authority', reason: 'r' }, '2025-03-10T14:00:00+07:00'),
    );
    const timeline = query.timelineOf('c1', '2025-03-20T00:00:00+07:00');
    expect(timeline.steps.map((step) => [step.step, step.hoursSincePrevious, step.hoursSinceReceived])).toEqual([
      ['received', null, 0],
      ['acknowledged', 168, 168],
      ['classified', 6, 174],
    ]);
    expect(timeline.deadlines.find((candidate) => candidate.step === 'acknowledge')).toEqual({
      step: 'acknowledge',
      rule: expect.objectContaining({
        ruleId: 'complaint-accept-2012',
        legalReference: expect.stringMatching(/^Law on Complaints 02\/2011\/QH13, arts\. 27 \(first level\) and 36/),
        source: 'default',
      }),
      clockStartedAt: '2025-03-03T08:00:00+07:00',
      dueAt: endOf('2025-03-13'),
      completedAt: '2025-03-10T08:00:00+07:00',
      status: 'met',
      unjudged: null,
      durationHours: 168,
      extensionsAllowed: 0,
      unitId: 'gia-tan',
      officialId: null,
      evidence: {
        clockStartEventId: id(1),
        completedByEventId: id(2),
        extensionEventIds: [],
        dueSetByEventIds: [],
        correctionEventIds: [],
        ruleEventIds: [],
        classificationEventIds: [],
      },
    });
    // 3 working days from Monday 3 March: Thursday 6 March; not reported by 20 March, but a matter
    // within the unit's authority owes no upward report, and one not yet classified owes none yet.
    expect(deadline('c1', 'report-upward', '2025-03-20T00:00:00+07:00')).toMatchObject({
      rule: { ruleId: 'complaint-report-upward-2017' },
      dueAt: endOf('2025-03-06'),
      status: 'not-required',
      evidence: { classificationEventIds: [id(3)] },
    });
    expect(deadline('c1', 'report-upward', '2025-03-05T00:00:00+07:00')).toMatchObject({ status: 'unclassified' });
    expect(deadline('c1', 'resolve', '2025-03-20T00:00:00+07:00')).toMatchObject({
      rule: { ruleId: 'complaint-resolve-2012' },
      clockStartedAt: '2025-03-10T08:00:00+07:00',
      status: 'open',
    });
    expect(() => query.timelineOf('c1', '2025-03-01T00:00:00+07:00')).toThrow(expect.objectContaining({ code: 'TIMELINE.CASE_NOT_FOUND' }));
  });

  it('applies corrections: a corrected category picks another rule, a corrected due date judges the assignment', () => {
    given(
      recorded(1, 'case-c1', 0, 'CaseReceived', receipt('c1', 'petition'), '2025-03-03T08:00:00+07:00'),
      recorded(
        2,
        'case-c1',
        1,
        'CaseAssigned',
        { officialId: 'o-1', unitId: null, dueAt: '2025-03-31T17:00:00+07:00' },
        '2025-03-04T08:00:00+07:00',
      ),
      recorded(
        3,
        'case-c1',
        2,
        'EventCorrected',
        { correctedEventId: id(2), reason: 'the due date was the 14th', fields: { dueAt: '2025-03-14T17:00:00+07:00' } },
        '2025-03-05T08:00:00+07:00',
      ),
      recorded(4, 'case-c1', 3, 'CaseResolved', { outcome: 'done' }, '2025-03-20T08:00:00+07:00'),
    );
    const asOf = '2025-04-01T00:00:00+07:00';
    expect(deadline('c1', 'answer', asOf)).toMatchObject({ rule: { ruleId: 'petition-answer-2014' }, status: 'missed' });
    expect(deadline('c1', 'assigned-due', asOf)).toMatchObject({
      dueAt: '2025-03-14T17:00:00+07:00',
      status: 'missed',
      officialId: 'o-1',
      evidence: { clockStartEventId: id(2), completedByEventId: id(4), dueSetByEventIds: [id(2)], correctionEventIds: [id(3)] },
    });
    given(
      recorded(
        5,
        'case-c1',
        4,
        'EventCorrected',
        { correctedEventId: id(1), reason: 'it was a complaint', fields: { category: 'complaint' } },
        '2025-04-02T08:00:00+07:00',
      ),
    );
    const timeline = query.timelineOf('c1', '2025-04-03T00:00:00+07:00');
    expect(timeline.category).toBe('complaint');
    expect(timeline.deadlines.map((candidate) => candidate.step)).toEqual(['acknowledge', 'report-upward', 'resolve', 'assigned-due']);
    expect(timeline.steps[0].correctedBy).toEqual([id(5)]);
  });

  it('moves the due date with an extension and counts the rule allowance only for what the law allows', () => {
    given(
      recorded(1, 'case-c1', 0, 'CaseReceived', receipt('c1', 'denunciation'), '2025-03-03T08:00:00+07:00'),
      recorded(
        2,
        'case-c1',
        1,
        'CaseAssigned',
        { officialId: 'o-1', unitId: null, dueAt: '2025-03-07T17:00:00+07:00' },
        '2025-03-03T09:00:00+07:00',
      ),
      recorded(
        3,
        'case-c1',
        2,
        'CaseDeadlineExtended',
        { previousDueAt: '2025-03-07T17:00:00+07:00', newDueAt: '2025-03-14T17:00:00+07:00', reason: 'verification', extensionNumber: 1 },
        '2025-03-06T08:00:00+07:00',
      ),
      recorded(4, 'case-c1', 3, 'CaseAcknowledged', { note: null }, '2025-03-13T08:00:00+07:00'),
    );
    const asOf = '2025-03-20T00:00:00+07:00';
    // 7 working days from Monday 3 March end on Wednesday 12 March; the verification extension adds 3: Monday 17 March.
    expect(deadline('c1', 'acknowledge', asOf)).toMatchObject({
      rule: { ruleId: 'denunciation-accept-2019' },
      dueAt: endOf('2025-03-17'),
      status: 'met',
      evidence: { extensionEventIds: [id(3)] },
    });
    expect(deadline('c1', 'assigned-due', asOf)).toMatchObject({
      dueAt: '2025-03-14T17:00:00+07:00',
      status: 'overdue',
      evidence: { dueSetByEventIds: [id(2), id(3)], extensionEventIds: [id(3)] },
    });
  });

  it('owes an upward report only for a matter classified must-report, as classified at the judged instant', () => {
    const classified = (position: number, caseId: string, classification: string, at: string) =>
      recorded(position, `case-${caseId}`, 1, 'CaseClassified', { classification, reason: 'r' }, at);
    const reported = (position: number, caseId: string, at: string) =>
      recorded(
        position,
        `case-${caseId}`,
        2,
        'CaseReportedUpward',
        { officialId: 'o-1', toUnitId: 'gia-loc', fromUnitId: 'gia-tan', summary: null },
        at,
      );
    given(
      // Received on Monday 3 March 2025: the report is due by the end of Thursday 6 March.
      recorded(1, 'case-local', 0, 'CaseReceived', receipt('local', 'complaint'), '2025-03-03T08:00:00+07:00'),
      classified(2, 'local', 'within-authority', '2025-03-03T09:00:00+07:00'),
      recorded(3, 'case-unclassified', 0, 'CaseReceived', receipt('unclassified', 'complaint'), '2025-03-03T08:00:00+07:00'),
      recorded(4, 'case-late', 0, 'CaseReceived', receipt('late', 'complaint'), '2025-03-03T08:00:00+07:00'),
      classified(5, 'late', 'must-report', '2025-03-03T09:00:00+07:00'),
      reported(6, 'late', '2025-03-10T09:00:00+07:00'),
      recorded(7, 'case-in-time', 0, 'CaseReceived', receipt('in-time', 'complaint'), '2025-03-03T08:00:00+07:00'),
      classified(8, 'in-time', 'must-report', '2025-03-03T09:00:00+07:00'),
      reported(9, 'in-time', '2025-03-06T16:00:00+07:00'),
      recorded(10, 'case-corrected', 0, 'CaseReceived', receipt('corrected', 'complaint'), '2025-03-03T08:00:00+07:00'),
      classified(11, 'corrected', 'within-authority', '2025-03-03T09:00:00+07:00'),
    );
    const asOf = '2025-03-20T00:00:00+07:00';
    expect(
      ['local', 'unclassified', 'late', 'in-time', 'corrected'].map((caseId) => deadline(caseId, 'report-upward', asOf).status),
    ).toEqual(['not-required', 'unclassified', 'missed', 'met', 'not-required']);
    const breached = () =>
      query.overdue({ asOf, status: 'breached', step: 'report-upward' }).map((item) => `${item.caseId} ${item.status}`);
    expect(breached()).toEqual(['late missed']);

    given(
      recorded(
        12,
        'case-corrected',
        2,
        'EventCorrected',
        { correctedEventId: id(11), reason: 'a serious matter after all', fields: { classification: 'must-report' } },
        '2025-03-12T08:00:00+07:00',
      ),
    );
    expect(deadline('corrected', 'report-upward', asOf)).toMatchObject({
      status: 'overdue',
      evidence: { classificationEventIds: [id(11), id(12)] },
    });
    expect(breached()).toEqual(['corrected overdue', 'late missed']);
  });

  it('counts working days over Tết 2026 (16–20 February off)', () => {
    given(recorded(1, 'case-c1', 0, 'CaseReceived', receipt('c1', 'denunciation'), '2026-02-12T10:00:00+07:00'));
    // Friday 13, then 23–27 February, then Monday 2 March: the seventh working day.
    expect(deadline('c1', 'acknowledge', '2026-02-25T00:00:00+07:00')).toMatchObject({ dueAt: endOf('2026-03-02'), status: 'open' });
    expect(deadline('c1', 'acknowledge', '2026-03-03T00:00:00+07:00')).toMatchObject({ status: 'overdue' });
  });

  it('judges a complaint by the rule in force when its clock started: 10 calendar days until 30 June 2026, 7 working days from 1 July', () => {
    given(
      recorded(1, 'case-before', 0, 'CaseReceived', receipt('before', 'complaint'), '2026-06-30T10:00:00+07:00'),
      recorded(2, 'case-after', 0, 'CaseReceived', receipt('after', 'complaint'), '2026-07-03T10:00:00+07:00'),
    );
    const asOf = '2026-07-05T00:00:00+07:00';
    expect(deadline('before', 'acknowledge', asOf)).toMatchObject({
      rule: { ruleId: 'complaint-accept-2012', unit: 'calendar-days', limit: 10 },
      dueAt: endOf('2026-07-10'),
    });
    expect(deadline('after', 'acknowledge', asOf)).toMatchObject({
      rule: { ruleId: 'complaint-accept-2026', unit: 'working-days', limit: 7 },
      dueAt: endOf('2026-07-14'),
    });
  });

  it('lets a recorded rule take over from the default on its days, and a retirement end it', () => {
    const local = {
      ruleId: 'local-complaint-accept',
      category: 'complaint',
      step: 'acknowledge',
      limit: 5,
      unit: 'working-days',
      clockStartsAt: 'CaseReceived',
      pauses: [],
      extensions: null,
      effectiveFrom: '2026-09-07',
      effectiveTo: null,
      legalReference: 'Provincial instruction 12/2026',
      needsCheck: false,
    };
    given(
      recorded(1, 'policy-local-complaint-accept', 0, 'ResponsePolicyRuleRecorded', local, '2026-09-01T08:00:00+07:00'),
      recorded(2, 'case-c1', 0, 'CaseReceived', receipt('c1', 'complaint'), '2026-09-07T10:00:00+07:00'),
      recorded(3, 'case-c2', 0, 'CaseReceived', receipt('c2', 'complaint'), '2026-09-04T10:00:00+07:00'),
    );
    const asOf = '2026-09-10T00:00:00+07:00';
    expect(deadline('c1', 'acknowledge', asOf)).toMatchObject({
      rule: { ruleId: 'local-complaint-accept', source: 'recorded' },
      dueAt: endOf('2026-09-14'),
      evidence: { ruleEventIds: [id(1)] },
    });
    expect(deadline('c2', 'acknowledge', asOf)).toMatchObject({ rule: { ruleId: 'complaint-accept-2026', source: 'default' } });
    given(
      recorded(
        4,
        'policy-local-complaint-accept',
        1,
        'ResponsePolicyRuleRetired',
        { effectiveTo: '2026-09-07', reason: 'withdrawn' },
        '2026-09-08T08:00:00+07:00',
      ),
    );
    expect(rows('rules')).toEqual([
      {
        rule_id: 'local-complaint-accept',
        rule: JSON.stringify(local),
        recorded_event_id: id(1),
        retired_effective_to: '2026-09-07',
        retired_event_id: id(4),
      },
    ]);
    expect(deadline('c1', 'acknowledge', asOf)).toMatchObject({ rule: { ruleId: 'complaint-accept-2026', source: 'default' } });
  });

  it('judges by when things happened, showing how late they were recorded', () => {
    given(
      recorded(1, 'case-c1', 0, 'CaseReceived', receipt('c1', 'petition'), '2025-03-03T08:00:00+07:00'),
      recorded(2, 'case-c2', 0, 'CaseReceived', receipt('c2', 'petition'), '2025-03-20T08:00:00+07:00'),
      {
        ...recorded(3, 'case-c1', 1, 'CaseResolved', { outcome: 'answered' }, '2025-03-10T08:00:00+07:00'),
        recordedAt: '2025-03-25T01:00:00.000Z',
      },
    );
    const timeline = query.timelineOf('c1', '2025-03-26T00:00:00+07:00');
    expect(timeline.steps[1]).toMatchObject({ step: 'resolved', recordedAt: '2025-03-25T01:00:00.000Z', recordedAfterHours: 15 * 24 });
    expect(timeline.deadlines.find((candidate) => candidate.step === 'answer')).toMatchObject({ status: 'met', durationHours: 7 * 24 });
  });

  it('lists overdue and breached items as of a date, and aggregates per unit, official and month', () => {
    given(
      // c1: acknowledged late (missed), resolved in time by o-1; c2: never acknowledged (overdue); c3: acknowledged in time.
      recorded(1, 'case-c1', 0, 'CaseReceived', receipt('c1', 'complaint'), '2025-03-03T08:00:00+07:00'),
      recorded(2, 'case-c1', 1, 'CaseAcknowledged', { note: null }, '2025-03-17T08:00:00+07:00'),
      recorded(3, 'case-c2', 0, 'CaseReceived', receipt('c2', 'complaint', 'gia-loc'), '2025-03-05T08:00:00+07:00'),
      recorded(4, 'case-c3', 0, 'CaseReceived', receipt('c3', 'complaint'), '2025-04-01T08:00:00+07:00'),
      recorded(5, 'case-c3', 1, 'CaseAcknowledged', { note: null }, '2025-04-02T08:00:00+07:00'),
      recorded(
        6,
        'case-c1',
        2,
        'CaseAssigned',
        { officialId: 'o-1', unitId: null, dueAt: '2025-03-31T17:00:00+07:00' },
        '2025-03-17T09:00:00+07:00',
      ),
      recorded(7, 'case-c1', 3, 'CaseResolved', { outcome: 'done' }, '2025-03-28T08:00:00+07:00'),
    );
    const asOf = '2025-04-03T00:00:00+07:00';
    const acknowledgements = query.overdue({ asOf, status: 'breached', step: 'acknowledge' });
    expect(acknowledgements.map((item) => [item.caseId, item.status, item.dueAt, item.hoursLate])).toEqual([
      ['c1', 'missed', endOf('2025-03-13'), hoursFrom(endOf('2025-03-13'), '2025-03-17T08:00:00+07:00')],
      ['c2', 'overdue', endOf('2025-03-17'), hoursFrom(endOf('2025-03-17'), asOf)],
    ]);
    // c2 is not classified: its upward report is not owed, so not overdue.
    expect(query.overdue({ asOf, status: 'overdue', unitId: 'gia-loc' }).map((item) => `${item.caseId} ${item.step}`)).toEqual([
      'c2 acknowledge',
    ]);

    const byUnit = query.aggregates({ asOf, groupBy: 'unit', step: 'acknowledge' });
    expect(byUnit.map((group) => [group.key, group.cases, group.onTimeRate])).toEqual([
      ['gia-loc', 1, 0],
      ['gia-tan', 2, 0.5],
    ]);
    expect(
      query.groupDeadlines({ asOf, groupBy: 'unit', step: 'acknowledge', key: 'gia-tan' }).map((item) => [item.caseId, item.status]),
    ).toEqual([
      ['c1', 'missed'],
      ['c3', 'met'],
    ]);
    expect(byUnit[1].steps[0]).toMatchObject({
      step: 'acknowledge',
      count: 2,
      byStatus: { missed: 1, met: 1 },
      medianHours: (14 * 24 + 24) / 2,
      p90Hours: 24 + 0.9 * (14 * 24 - 24),
    });
    expect(query.aggregates({ asOf, groupBy: 'official', step: 'assigned-due' })).toMatchObject([{ key: 'o-1', cases: 1, onTimeRate: 1 }]);
    expect(query.aggregates({ asOf, groupBy: 'month', step: 'acknowledge' }).map((group) => [group.key, group.cases])).toEqual([
      ['2025-03', 2],
      ['2025-04', 1],
    ]);
    expect(query.groupDeadlines({ asOf, groupBy: 'month', step: 'acknowledge', key: '2025-03' }).map((item) => item.caseId)).toEqual([
      'c1',
      'c2',
    ]);
    expect(
      query
        .aggregates({ asOf, groupBy: 'month', step: 'acknowledge', from: '2025-04-01T00:00:00+07:00', to: '2025-05-01T00:00:00+07:00' })
        .map((group) => group.key),
    ).toEqual(['2025-04']);
    expect(query.aggregates({ asOf, groupBy: 'unit', category: 'petition' })).toEqual([]);
  });
});
