import type { TimelineStatus } from '../../src/timelines/case-timeline.js';
import { aggregate, onTimeRate, quantile, type CaseDeadline } from '../../src/timelines/timeline-statistics.js';

const judged = (
  caseId: string,
  status: TimelineStatus,
  durationHours: number | null,
  overrides: Partial<CaseDeadline> = {},
): CaseDeadline => ({
  caseId,
  step: 'acknowledge',
  rule: null,
  clockStartedAt: '2025-03-03T08:00:00+07:00',
  dueAt: null,
  completedAt: null,
  status,
  unjudged: null,
  durationHours,
  extensionsAllowed: null,
  unitId: 'gia-tan',
  officialId: null,
  evidence: {
    clockStartEventId: null,
    completedByEventId: null,
    extensionEventIds: [],
    dueSetByEventIds: [],
    correctionEventIds: [],
    ruleEventIds: [],
    classificationEventIds: [],
  },
  ...overrides,
});

describe('timeline statistics', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.9, 7],
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[4, 1, 3, 2], 0.9, 3.7],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 91],
    [[1, 1000], 0.9, 900.1],
  ])('quantile(%j, %d) = %d (linear between closest ranks)', (values, q, expected) => {
    const actual = quantile(values, q);
    if (expected === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(expected, 9);
  });

  it('on-time rate: met over those that fell due (met, missed, overdue); open and superseded do not count', () => {
    expect(
      onTimeRate([
        { status: 'met' },
        { status: 'missed' },
        { status: 'overdue' },
        { status: 'met' },
        { status: 'open' },
        { status: 'superseded' },
      ]),
    ).toBe(0.5);
    expect(onTimeRate([{ status: 'open' }, { status: 'paused' }])).toBeNull();
    expect(onTimeRate([])).toBeNull();
  });

  it('groups by unit, per step, with counts, quantiles of the durations of steps done, and how many cases each group counts', () => {
    const groups = aggregate(
      [
        judged('c1', 'met', 10),
        judged('c2', 'missed', 30),
        judged('c3', 'overdue', 99),
        judged('c3', 'met', 5, { step: 'resolve' }),
        judged('c4', 'met', 20, { unitId: 'gia-loc', officialId: 'o-1' }),
        judged('c5', 'not-started', null, { clockStartedAt: null }),
      ],
      'unit',
    );
    expect(groups).toEqual([
      {
        key: 'gia-loc',
        count: 1,
        onTimeRate: 1,
        cases: 1,
        steps: [{ step: 'acknowledge', count: 1, byStatus: { met: 1 }, medianHours: 20, p90Hours: 20, onTimeRate: 1, cases: 1 }],
      },
      {
        key: 'gia-tan',
        count: 4,
        onTimeRate: 0.5,
        cases: 3,
        steps: [
          // the overdue step's running time is not a duration of a step done
          {
            step: 'acknowledge',
            count: 3,
            byStatus: { met: 1, missed: 1, overdue: 1 },
            medianHours: 20,
            p90Hours: 28,
            onTimeRate: 1 / 3,
            cases: 3,
          },
          { step: 'resolve', count: 1, byStatus: { met: 1 }, medianHours: 5, p90Hours: 5, onTimeRate: 1, cases: 1 },
        ],
      },
    ]);
  });

  it('groups by official (unassigned apart) and by the month, in Vietnam, of the clock start', () => {
    const deadlines = [
      judged('c1', 'met', 1, { officialId: 'o-1', clockStartedAt: '2025-03-31T18:00:00Z' }),
      judged('c2', 'met', 1, { clockStartedAt: '2025-03-31T16:00:00Z' }),
    ];
    expect(aggregate(deadlines, 'official').map((group) => [group.key, group.cases])).toEqual([
      ['o-1', 1],
      ['unassigned', 1],
    ]);
    expect(aggregate(deadlines, 'month').map((group) => [group.key, group.cases])).toEqual([
      ['2025-03', 1],
      ['2025-04', 1],
    ]);
  });
});
