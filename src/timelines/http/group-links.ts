import type { AggregateFilter } from '../case-timelines.query.js';
import type { GroupStatistics, StepStatistics } from '../timeline-statistics.js';

export type LinkedStepStatistics = StepStatistics & { readonly deadlines: string };
export type LinkedGroupStatistics = Omit<GroupStatistics, 'steps'> & {
  /** GET /api/v1/timelines/deadlines for this group: the deadlines its figures count, with their evidence. */
  readonly deadlines: string;
  readonly steps: readonly LinkedStepStatistics[];
};

/**
 * Each group's and each step's link to the deadlines behind its figures: the same filters and the
 * same asOf (so the list is the one that was counted, not a later one), and the group's key.
 */
export function withGroupLinks(groups: readonly GroupStatistics[], filter: AggregateFilter): LinkedGroupStatistics[] {
  const base: [string, string][] = [
    ['groupBy', filter.groupBy],
    ['asOf', filter.asOf],
    ...(['from', 'to', 'category'] as const).flatMap((name): [string, string][] => {
      const value = filter[name];
      return value === undefined ? [] : [[name, value]];
    }),
  ];
  const link = (key: string, step: string | undefined): string =>
    `/api/v1/timelines/deadlines?${new URLSearchParams([...base, ['key', key], ...(step === undefined ? [] : [['step', step] as [string, string]])]).toString()}`;
  return groups.map((group) => ({
    ...group,
    deadlines: link(group.key, filter.step),
    steps: group.steps.map((step) => ({ ...step, deadlines: link(group.key, step.step) })),
  }));
}
