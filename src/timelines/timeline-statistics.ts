import { vietnamMonthOf, type TimelineDeadline, type TimelineDeadlineStep, type TimelineStatus } from './case-timeline.js';
import { unhandled } from '../domain-kit/exhaustive.js';

export const GROUP_BY = ['unit', 'official', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A judged deadline of one case, the unit of every aggregate. */
export interface CaseDeadline extends TimelineDeadline {
  readonly caseId: string;
}

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
  readonly caseIds: readonly string[];
}

export interface GroupStatistics {
  /** The unit id, the official id ('unassigned' for none) or the month YYYY-MM (Vietnam) of the clock's start. */
  readonly key: string;
  readonly count: number;
  readonly onTimeRate: number | null;
  readonly caseIds: readonly string[];
  readonly steps: readonly StepStatistics[];
}

export const UNASSIGNED = 'unassigned';

/**
 * The q-quantile (0 ≤ q ≤ 1) by linear interpolation between the closest ranks (Hyndman & Fan type 7,
 * numpy's default): the median of [1, 2, 3, 4] is 2.5 and its 90th percentile 3.7. Null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

/** met / (met + missed + overdue); open, paused and superseded steps have not been judged yet. */
export function onTimeRate(deadlines: readonly Pick<TimelineDeadline, 'status'>[]): number | null {
  const met = deadlines.filter((deadline) => deadline.status === 'met').length;
  const due = deadlines.filter(
    (deadline) => deadline.status === 'met' || deadline.status === 'missed' || deadline.status === 'overdue',
  ).length;
  return due === 0 ? null : met / due;
}

export function keyOf(deadline: CaseDeadline, groupBy: GroupBy): string {
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

/** Groups judged deadlines (those whose clock started) and computes each group's figures, per step. */
export function aggregate(deadlines: readonly CaseDeadline[], groupBy: GroupBy): GroupStatistics[] {
  const groups = new Map<string, CaseDeadline[]>();
  for (const deadline of deadlines) {
    if (deadline.clockStartedAt === null) continue;
    const key = keyOf(deadline, groupBy);
    groups.set(key, [...(groups.get(key) ?? []), deadline]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]) => {
      const steps = [...new Set(members.map((deadline) => deadline.step))].map((step) =>
        stepStatistics(
          step,
          members.filter((deadline) => deadline.step === step),
        ),
      );
      return { key, count: members.length, onTimeRate: onTimeRate(members), caseIds: caseIdsOf(members), steps };
    });
}

function stepStatistics(step: TimelineDeadlineStep, deadlines: readonly CaseDeadline[]): StepStatistics {
  const byStatus: Partial<Record<TimelineStatus, number>> = {};
  for (const deadline of deadlines) byStatus[deadline.status] = (byStatus[deadline.status] ?? 0) + 1;
  const done = deadlines
    .filter((deadline) => (deadline.status === 'met' || deadline.status === 'missed') && deadline.durationHours !== null)
    .map((deadline) => deadline.durationHours!);
  return {
    step,
    count: deadlines.length,
    byStatus,
    medianHours: quantile(done, 0.5),
    p90Hours: quantile(done, 0.9),
    onTimeRate: onTimeRate(deadlines),
    caseIds: caseIdsOf(deadlines),
  };
}

function caseIdsOf(deadlines: readonly CaseDeadline[]): string[] {
  return [...new Set(deadlines.map((deadline) => deadline.caseId))].sort();
}
