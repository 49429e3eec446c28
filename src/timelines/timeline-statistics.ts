import { vietnamMonthOf, type TimelineDeadline, type TimelineDeadlineStep, type TimelineStatus } from './case-timeline.js';
import { unhandled } from '../domain-kit/exhaustive.js';

export const GROUP_BY = ['unit', 'official', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A judged deadline of one case, the unit of every aggregate. */
export interface CaseDeadline extends TimelineDeadline {
  readonly caseId: string;
}

/** What a deadline contributes to an aggregate: the fields the groups and their figures read. */
export type CountedDeadline = Pick<
  CaseDeadline,
  'caseId' | 'step' | 'status' | 'durationHours' | 'unitId' | 'officialId' | 'clockStartedAt'
>;

export interface StepStatistics {
  readonly step: TimelineDeadlineStep;
  /** Every deadline of the step in the group, by status. */
  readonly count: number;
  readonly byStatus: Readonly<Partial<Record<TimelineStatus, number>>>;
  /** Over the steps done (met or missed): hours from clock start to completion. Null with none. */
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  /** met / (met + missed + overdue): the share of the steps that fell due and were done in time. */
  readonly onTimeRate: number | null;
  /** How many cases these deadlines are of. */
  readonly cases: number;
}

export interface GroupStatistics {
  /** The unit id, the official id ('unassigned' for none) or the month YYYY-MM (Vietnam) of the clock's start. */
  readonly key: string;
  readonly count: number;
  readonly onTimeRate: number | null;
  /** How many cases the group's deadlines are of. */
  readonly cases: number;
  readonly steps: readonly StepStatistics[];
}

export const UNASSIGNED = 'unassigned';

/**
 * The q-quantile (0 ≤ q ≤ 1) by linear interpolation between the closest ranks (Hyndman & Fan type 7,
 * numpy's default): the median of [1, 2, 3, 4] is 2.5 and its 90th percentile 3.7. Null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  return quantileOfSorted(Float64Array.from(values).sort(), q);
}

export function quantileOfSorted(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * q;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

/** met / (met + missed + overdue); open, paused and superseded steps have not been judged yet. */
export function onTimeRate(deadlines: readonly Pick<TimelineDeadline, 'status'>[]): number | null {
  let met = 0;
  let due = 0;
  for (const { status } of deadlines) {
    if (status === 'met') met++;
    if (status === 'met' || status === 'missed' || status === 'overdue') due++;
  }
  return onTimeRateOf(met, due);
}

/** The share met of the steps that fell due; null when none did. */
export function onTimeRateOf(met: number, due: number): number | null {
  return due === 0 ? null : met / due;
}

/** Every status, in the order a step's counts are listed: the same answer whichever way they were counted. */
const STATUS_ORDER = Object.keys({
  met: true,
  missed: true,
  overdue: true,
  open: true,
  paused: true,
  'not-started': true,
  'no-rule': true,
  superseded: true,
  'no-calendar': true,
  'not-required': true,
  unclassified: true,
} satisfies Record<TimelineStatus, true>) as TimelineStatus[];

/** The counts by status that occur, in STATUS_ORDER. */
export function byStatusInOrder(counts: ReadonlyMap<TimelineStatus, number>): Partial<Record<TimelineStatus, number>> {
  const byStatus: Partial<Record<TimelineStatus, number>> = {};
  for (const status of STATUS_ORDER) {
    const count = counts.get(status);
    if (count !== undefined && count > 0) byStatus[status] = count;
  }
  return byStatus;
}

export function keyOf(deadline: Pick<CountedDeadline, 'unitId' | 'officialId' | 'clockStartedAt'>, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'unit':
      return deadline.unitId;
    case 'official':
      return deadline.officialId ?? UNASSIGNED;
    case 'month':
      return vietnamMonthOf(deadline.clockStartedAt!);
    default:
      return unhandled(groupBy);
  }
}

/**
 * Groups judged deadlines whose clock started and computes each group's figures, per step (in the
 * order the group first meets each step). `keyFor` gives a deadline's group, keyOf by default.
 */
export function aggregate<Counted extends CountedDeadline>(
  deadlines: readonly Counted[],
  groupBy: GroupBy,
  keyFor: (deadline: Counted) => string = (deadline) => keyOf(deadline, groupBy),
): GroupStatistics[] {
  const groups = new Map<string, Counted[]>();
  for (const deadline of deadlines) {
    if (deadline.clockStartedAt === null) continue;
    const key = keyFor(deadline);
    const members = groups.get(key);
    if (members) members.push(deadline);
    else groups.set(key, [deadline]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]) => {
      const bySteps = new Map<TimelineDeadlineStep, CountedDeadline[]>();
      for (const deadline of members) {
        const ofStep = bySteps.get(deadline.step);
        if (ofStep) ofStep.push(deadline);
        else bySteps.set(deadline.step, [deadline]);
      }
      const steps = [...bySteps.entries()].map(([step, ofStep]) => stepStatistics(step, ofStep));
      return { key, count: members.length, onTimeRate: onTimeRate(members), cases: casesOf(members), steps };
    });
}

function stepStatistics(step: TimelineDeadlineStep, deadlines: readonly CountedDeadline[]): StepStatistics {
  const counts = new Map<TimelineStatus, number>();
  const done: number[] = [];
  for (const deadline of deadlines) {
    counts.set(deadline.status, (counts.get(deadline.status) ?? 0) + 1);
    if ((deadline.status === 'met' || deadline.status === 'missed') && deadline.durationHours !== null) done.push(deadline.durationHours);
  }
  const sorted = Float64Array.from(done).sort();
  return {
    step,
    count: deadlines.length,
    byStatus: byStatusInOrder(counts),
    medianHours: quantileOfSorted(sorted, 0.5),
    p90Hours: quantileOfSorted(sorted, 0.9),
    onTimeRate: onTimeRate(deadlines),
    cases: casesOf(deadlines),
  };
}

function casesOf(deadlines: readonly CountedDeadline[]): number {
  return new Set(deadlines.map((deadline) => deadline.caseId)).size;
}
