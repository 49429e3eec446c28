import { loadVietnamCalendar, loadYearDecisions } from '../../src/calendar/holiday-files.js';
import { WorkingDayCalendar } from '../../src/calendar/working-day-calendar.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { loadDefaultDuties, loadDefaultRules } from '../../src/policies/default-rules.js';
import { RuleBookQuery } from '../../src/policies/rule-book.query.js';
import { caseTimelinesProjection } from '../../src/timelines/case-timelines.projection.js';
import { CaseTimelinesQuery, type AggregateFilter } from '../../src/timelines/case-timelines.query.js';
import { aggregate, keyOf, type CaseDeadline, type GroupBy } from '../../src/timelines/timeline-statistics.js';
import { projectionOnMemory, type ProjectionOnMemory } from '../support/projection-on-memory.js';
import { recorded } from './recorded-events.js';

const calendar = loadVietnamCalendar();
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
const assigned = (officialId: string, dueAt: string) => ({ officialId, unitId: null, dueAt });

/**
 * A province in miniature: every verdict the aggregates count (met, missed, overdue, open, paused,
 * superseded, not-required), escalation to another unit, a category corrected, and a fact dated after
 * the instants some answers are asked for.
 */
/** A rule recorded later: 30 calendar days to acknowledge a complaint from 2025, which judges every case again. */
const ACK_30_RECORDED = recorded(
  21,
  'policy-ack-30',
  0,
  'ResponsePolicyRuleRecorded',
  {
    ruleId: 'ack-30',
    category: 'complaint',
    step: 'acknowledge',
    limit: 30,
    unit: 'calendar-days',
    clockStartsAt: 'CaseReceived',
    pauses: [],
    extensions: null,
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    legalReference: 'a recorded rule',
    needsCheck: false,
  },
  '2025-01-01T08:00:00+07:00',
);

const EVENTS: readonly RecordedEvent[] = [
  // c1: acknowledged late, classified must-report, reported upward, resolved in time by o-1.
  recorded(1, 'case-c1', 0, 'CaseReceived', receipt('c1', 'complaint'), '2025-03-03T08:00:00+07:00'),
  recorded(2, 'case-c1', 1, 'CaseAcknowledged', { note: null }, '2025-03-17T08:00:00+07:00'),
  recorded(3, 'case-c1', 2, 'CaseClassified', { classification: 'must-report', reason: 'r' }, '2025-03-17T09:00:00+07:00'),
  recorded(4, 'case-c1', 3, 'CaseAssigned', assigned('o-1', '2025-03-31T17:00:00+07:00'), '2025-03-17T10:00:00+07:00'),
  recorded(
    5,
    'case-c1',
    4,
    'CaseReportedUpward',
    { officialId: 'o-1', toUnitId: 'hai-duong', fromUnitId: 'gia-tan', summary: null },
    '2025-03-18T08:00:00+07:00',
  ),
  recorded(6, 'case-c1', 5, 'CaseResolved', { outcome: 'done' }, '2025-03-28T08:00:00+07:00'),
  // c2: never acknowledged, at another unit: overdue by April, open before its due day.
  recorded(7, 'case-c2', 0, 'CaseReceived', receipt('c2', 'complaint', 'gia-loc'), '2025-03-05T08:00:00+07:00'),
  // c3: acknowledged in time, assigned to o-2, escalated (the handling period superseded), assigned again, suspended.
  recorded(8, 'case-c3', 0, 'CaseReceived', receipt('c3', 'denunciation'), '2025-04-01T08:00:00+07:00'),
  recorded(9, 'case-c3', 1, 'CaseAcknowledged', { note: null }, '2025-04-02T08:00:00+07:00'),
  recorded(10, 'case-c3', 2, 'CaseClassified', { classification: 'within-authority', reason: 'r' }, '2025-04-02T09:00:00+07:00'),
  recorded(11, 'case-c3', 3, 'CaseAssigned', assigned('o-2', '2025-04-20T17:00:00+07:00'), '2025-04-03T08:00:00+07:00'),
  recorded(
    12,
    'case-c3',
    4,
    'CaseEscalated',
    { fromUnitId: 'gia-tan', toUnitId: 'gia-loc', reason: 'beyond the commune' },
    '2025-04-10T08:00:00+07:00',
  ),
  recorded(13, 'case-c3', 5, 'CaseAssigned', assigned('o-3', '2025-05-10T17:00:00+07:00'), '2025-04-11T08:00:00+07:00'),
  recorded(14, 'case-c3', 6, 'CaseSuspended', { reason: 'awaiting a survey', legalGround: 'art. 1' }, '2025-04-15T08:00:00+07:00'),
  // c4: received as a petition, corrected to a complaint; assigned to o-1, due passed without resolution.
  recorded(15, 'case-c4', 0, 'CaseReceived', receipt('c4', 'petition'), '2025-05-05T08:00:00+07:00'),
  recorded(
    16,
    'case-c4',
    1,
    'EventCorrected',
    { correctedEventId: id(15), reason: 'misread', fields: { category: 'complaint' } },
    '2025-05-06T08:00:00+07:00',
  ),
  recorded(17, 'case-c4', 2, 'CaseAcknowledged', { note: null }, '2025-05-06T09:00:00+07:00'),
  recorded(18, 'case-c4', 3, 'CaseAssigned', assigned('o-1', '2025-05-20T17:00:00+07:00'), '2025-05-07T08:00:00+07:00'),
  // c5: one fact dated after the instants the early answers are asked for.
  recorded(19, 'case-c5', 0, 'CaseReceived', receipt('c5', 'complaint', 'gia-loc'), '2025-03-20T08:00:00+07:00'),
  recorded(20, 'case-c5', 1, 'CaseAcknowledged', { note: null }, '2025-06-20T08:00:00+07:00'),
];

const AS_OF = [
  '2025-03-10T00:00:00+07:00',
  '2025-03-18T00:00:00+07:00',
  '2025-04-05T12:00:00+07:00',
  '2025-05-21T00:00:00+07:00',
  '2025-07-01T00:00:00+07:00',
  '2026-12-01T00:00:00+07:00',
];
const GROUPS: readonly GroupBy[] = ['unit', 'official', 'month'];

describe('the judged-deadline index behind the timelines aggregates', () => {
  let timelines: ProjectionOnMemory<(typeof caseTimelinesProjection.tables)[number]>;
  let query: CaseTimelinesQuery;

  /** The aggregates as they were computed before the index: every case received by asOf folded and judged as of asOf. */
  const byFolding = (filter: AggregateFilter) => {
    const caseIds = [...new Set((timelines.rows('cases') as { case_id: string }[]).map((row) => row.case_id))];
    const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
    const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
    const deadlines: CaseDeadline[] = [];
    for (const timeline of query.timelinesOf(caseIds, filter.asOf)) {
      if (filter.category !== undefined && timeline.category !== filter.category) continue;
      for (const deadline of timeline.deadlines) {
        if (deadline.clockStartedAt === null || (filter.step && deadline.step !== filter.step)) continue;
        const started = Date.parse(deadline.clockStartedAt);
        if (started >= from && started < to) deadlines.push({ ...deadline, caseId: timeline.caseId });
      }
    }
    return aggregate(deadlines, filter.groupBy);
  };

  beforeEach(() => {
    timelines = projectionOnMemory(caseTimelinesProjection);
    query = new CaseTimelinesQuery(
      timelines.db,
      calendar,
      new RuleBookQuery(timelines.db, caseTimelinesProjection, loadDefaultRules(), loadDefaultDuties()),
    );
  });
  afterEach(() => timelines.close());

  it('answers every grouping, filter and instant as folding every case does', () => {
    timelines.given(EVENTS);
    const filters: Omit<AggregateFilter, 'asOf' | 'groupBy'>[] = [
      {},
      { step: 'acknowledge' },
      { step: 'assigned-due' },
      { category: 'complaint' },
      { from: '2025-03-15T00:00:00+07:00', to: '2025-05-01T00:00:00+07:00' },
      { to: '2025-04-01T00:00:00+07:00', step: 'resolve' },
    ];
    let compared = 0;
    for (const asOf of AS_OF)
      for (const groupBy of GROUPS)
        for (const filter of filters) {
          const wanted = byFolding({ ...filter, asOf, groupBy });
          expect({ asOf, groupBy, filter, groups: query.aggregates({ ...filter, asOf, groupBy }) }).toEqual({
            asOf,
            groupBy,
            filter,
            groups: wanted,
          });
          if (wanted.length > 0) compared++;
        }
    // The fixture gives the comparison something to compare: most answers have groups, and every verdict occurs.
    expect(compared).toBeGreaterThan(60);
    const statuses = new Set(
      AS_OF.flatMap((asOf) =>
        query.aggregates({ asOf, groupBy: 'unit' }).flatMap((group) => group.steps.flatMap((step) => Object.keys(step.byStatus))),
      ),
    );
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['met', 'missed', 'open', 'overdue', 'paused', 'superseded']));
  });

  it('judges a case again when a fact of it arrives after an answer', () => {
    timelines.given(EVENTS);
    const asOf = '2025-07-01T00:00:00+07:00';
    expect(query.aggregates({ asOf, groupBy: 'unit', step: 'acknowledge' }).find((group) => group.key === 'gia-loc')).toMatchObject({
      steps: [{ byStatus: { overdue: 1, missed: 1 } }],
    });
    timelines.given([recorded(21, 'case-c2', 1, 'CaseAcknowledged', { note: null }, '2025-06-01T08:00:00+07:00')]);
    const after = query.aggregates({ asOf, groupBy: 'unit', step: 'acknowledge' });
    expect(after.find((group) => group.key === 'gia-loc')).toMatchObject({ steps: [{ byStatus: { missed: 2 } }] });
    expect(after).toEqual(byFolding({ asOf, groupBy: 'unit', step: 'acknowledge' }));
  });

  it('judges every case again when a rule is recorded', () => {
    timelines.given(EVENTS);
    const asOf = '2025-07-01T00:00:00+07:00';
    const before = query.aggregates({ asOf, groupBy: 'month', step: 'acknowledge' });
    timelines.given([ACK_30_RECORDED]);
    const after = query.aggregates({ asOf, groupBy: 'month', step: 'acknowledge' });
    expect(after).toEqual(byFolding({ asOf, groupBy: 'month', step: 'acknowledge' }));
    expect(after).not.toEqual(before);
  });

  it('lists the deadlines behind a group, the same ones its figures count', () => {
    timelines.given(EVENTS);
    const asOf = '2025-05-21T00:00:00+07:00';
    for (const groupBy of GROUPS)
      for (const group of query.aggregates({ asOf, groupBy })) {
        const items = query.groupDeadlines({ asOf, groupBy, key: group.key });
        expect(items).toHaveLength(group.count);
        expect(new Set(items.map((item) => item.caseId)).size).toBe(group.cases);
        for (const step of group.steps)
          expect(
            items
              .filter((item) => item.step === step.step)
              .map((item) => item.status)
              .sort(),
          ).toEqual(
            Object.entries(step.byStatus)
              .flatMap(([status, count]) => Array.from({ length: count }, () => status))
              .sort(),
          );
      }
  });
  describe('the aggregates kept as cases are judged (the tallies), against a fresh computation', () => {
    /** Computed afresh from the index's deadlines as of the instant, and by folding every case. */
    const expectKeptEqualFresh = (asOf: string) => {
      for (const groupBy of GROUPS) {
        const kept = query.index.aggregates(groupBy, asOf);
        const fresh = aggregate(query.index.deadlines({ asOf }), groupBy, (deadline) =>
          groupBy === 'month' ? deadline.month : keyOf(deadline, groupBy),
        );
        // The same answer to the byte (the same keys in the same order), and the same as folding every case.
        expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh));
        expect(kept).toEqual(byFolding({ asOf, groupBy }));
      }
    };

    it('answers as a fresh computation at every instant, a case with a later fact judged again as of it', () => {
      timelines.given(EVENTS);
      // c5's last fact is dated 20 June 2025: as of an earlier instant it is folded and judged as of that instant.
      for (const asOf of [...AS_OF, '2025-06-20T08:00:00+07:00']) expectKeptEqualFresh(asOf);
    });

    it('counts an open step overdue from the instant its due instant passes', () => {
      timelines.given([
        recorded(1, 'case-d1', 0, 'CaseReceived', receipt('d1', 'complaint'), '2025-03-03T08:00:00+07:00'),
        recorded(2, 'case-d1', 1, 'CaseAcknowledged', { note: null }, '2025-03-04T08:00:00+07:00'),
        recorded(3, 'case-d1', 2, 'CaseAssigned', assigned('o-1', '2025-03-20T17:00:00+07:00'), '2025-03-05T08:00:00+07:00'),
      ]);
      const assignedDue = (asOf: string) =>
        query.index
          .aggregates('official', asOf)
          .find((group) => group.key === 'o-1')!
          .steps.find((step) => step.step === 'assigned-due')!.byStatus;
      expect(assignedDue('2025-03-20T17:00:00+07:00')).toEqual({ open: 1 });
      expect(assignedDue('2025-03-20T17:00:00.001+07:00')).toEqual({ overdue: 1 });
      for (const asOf of ['2025-03-20T17:00:00+07:00', '2025-03-20T17:00:00.001+07:00', '2025-04-01T00:00:00+07:00'])
        expectKeptEqualFresh(asOf);
    });

    it('follows new events: a case received, a step done, a category corrected', () => {
      timelines.given(EVENTS);
      const asOf = '2026-12-01T00:00:00+07:00';
      expectKeptEqualFresh(asOf);
      const before = query.index.aggregates('unit', asOf);
      timelines.given([
        recorded(21, 'case-c2', 1, 'CaseAcknowledged', { note: null }, '2025-06-01T08:00:00+07:00'),
        recorded(22, 'case-c6', 0, 'CaseReceived', receipt('c6', 'petition', 'gia-xuyen'), '2025-08-01T08:00:00+07:00'),
      ]);
      expectKeptEqualFresh(asOf);
      expect(query.index.aggregates('unit', asOf)).not.toEqual(before);
      expect(query.index.aggregates('unit', asOf).map((group) => group.key)).toContain('gia-xuyen');
      timelines.given([
        recorded(
          23,
          'case-c6',
          1,
          'EventCorrected',
          { correctedEventId: id(22), reason: 'misread', fields: { category: 'complaint' } },
          '2025-08-02T08:00:00+07:00',
        ),
      ]);
      expectKeptEqualFresh(asOf);
    });

    it('answers as a fresh computation after the calendar changes (a holiday decision added)', () => {
      // The calendar as a reload gives it: the same object asked, another calendar answering.
      let current = new WorkingDayCalendar(loadYearDecisions().filter((decision) => decision.year !== 2025));
      const reloading = new Proxy({} as WorkingDayCalendar, {
        get: (_, name) => {
          const value: unknown = Reflect.get(current, name);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
        },
      });
      query = new CaseTimelinesQuery(
        timelines.db,
        reloading,
        new RuleBookQuery(timelines.db, caseTimelinesProjection, loadDefaultRules(), loadDefaultDuties()),
      );
      timelines.given(EVENTS);
      const asOf = '2025-05-21T00:00:00+07:00';
      expectKeptEqualFresh(asOf);
      current = new WorkingDayCalendar(loadYearDecisions());
      expectKeptEqualFresh(asOf);
    });

    it('takes the cases with a fact dated after the instant out of the kept groups and adds them as of it', () => {
      // a1 sorts first, its deadlines in groups the others are in, two assignments at gia-loc (two assigned-due
      // steps of one case in a group), an escalation that starts a step there; a2 received after the early
      // instants, alone in its unit; a3 a late acknowledgement. Every one has a fact dated 2027, after every instant.
      timelines.given([
        ...EVENTS,
        recorded(30, 'case-a1', 0, 'CaseReceived', receipt('a1', 'denunciation', 'gia-loc'), '2025-03-04T08:00:00+07:00'),
        recorded(31, 'case-a1', 1, 'CaseAssigned', assigned('o-3', '2025-03-25T17:00:00+07:00'), '2025-03-05T08:00:00+07:00'),
        recorded(32, 'case-a1', 2, 'CaseAssigned', assigned('o-3', '2025-04-25T17:00:00+07:00'), '2025-03-26T08:00:00+07:00'),
        recorded(
          33,
          'case-a1',
          3,
          'CaseEscalated',
          { fromUnitId: 'gia-loc', toUnitId: 'gia-tan', reason: 'beyond the commune' },
          '2025-04-02T08:00:00+07:00',
        ),
        recorded(34, 'case-a1', 4, 'CaseAssigned', assigned('o-1', '2025-05-02T17:00:00+07:00'), '2025-04-03T08:00:00+07:00'),
        recorded(35, 'case-a1', 5, 'CaseResolved', { outcome: 'done' }, '2027-01-05T08:00:00+07:00'),
        recorded(36, 'case-a2', 0, 'CaseReceived', receipt('a2', 'petition', 'gia-xuyen'), '2025-05-01T08:00:00+07:00'),
        recorded(37, 'case-a2', 1, 'CaseAcknowledged', { note: null }, '2027-01-02T08:00:00+07:00'),
        recorded(38, 'case-a3', 0, 'CaseReceived', receipt('a3', 'complaint'), '2025-03-12T08:00:00+07:00'),
        recorded(39, 'case-a3', 1, 'CaseAssigned', assigned('o-2', '2025-03-14T17:00:00+07:00'), '2025-03-13T08:00:00+07:00'),
        recorded(40, 'case-a3', 2, 'CaseResolved', { outcome: 'done' }, '2025-03-16T08:00:00+07:00'),
        recorded(41, 'case-a3', 3, 'CaseAcknowledged', { note: null }, '2027-01-03T08:00:00+07:00'),
      ]);
      for (const asOf of [...AS_OF, '2025-06-20T08:00:00+07:00', '2027-01-04T00:00:00+07:00', '2027-02-01T00:00:00+07:00'])
        expectKeptEqualFresh(asOf);
      // Asked again with the same cases later than the instant (the tallies without them kept), and after one changed.
      expectKeptEqualFresh('2025-07-01T00:00:00+07:00');
      timelines.given([
        recorded(42, 'case-a3', 4, 'CaseClassified', { classification: 'must-report', reason: 'r' }, '2025-03-17T08:00:00+07:00'),
      ]);
      expectKeptEqualFresh('2025-07-01T00:00:00+07:00');
      // Another case of a1's groups changes while a1 is still later than the instant.
      timelines.given([recorded(43, 'case-c2', 1, 'CaseAcknowledged', { note: null }, '2025-06-01T08:00:00+07:00')]);
      expectKeptEqualFresh('2025-07-01T00:00:00+07:00');
      expectKeptEqualFresh('2026-12-01T00:00:00+07:00');
    });

    it('answers as a fresh computation from tallies made before any request (the warm-up), and after new events', () => {
      timelines.given(EVENTS);
      query.index.catchUp(Infinity);
      query.index.prepareTallies();
      expectKeptEqualFresh('2026-12-01T00:00:00+07:00');
      timelines.given([recorded(21, 'case-c2', 1, 'CaseAcknowledged', { note: null }, '2025-06-01T08:00:00+07:00')]);
      query.index.catchUp(Infinity);
      query.index.prepareTallies();
      expectKeptEqualFresh('2025-05-21T00:00:00+07:00');
    });

    it('judges every case again when a rule is recorded, and answers with it', () => {
      timelines.given(EVENTS);
      const asOf = '2026-12-01T00:00:00+07:00';
      const before = query.index.aggregates('month', asOf);
      timelines.given([ACK_30_RECORDED]);
      expectKeptEqualFresh(asOf);
      expect(query.index.aggregates('month', asOf)).not.toEqual(before);
    });
  });
});
