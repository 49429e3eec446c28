import type { TimelineDeadlineStep, TimelineStatus } from './case-timeline.js';
import { asOfInstant, type IndexedDeadline } from './indexed-deadline.js';
import {
  aggregate,
  byStatusInOrder,
  onTimeRateOf,
  quantileOfSorted,
  UNASSIGNED,
  type GroupBy,
  type GroupStatistics,
} from './timeline-statistics.js';

/** What a group's figures need of one step, apart from the open-or-overdue split, which depends on the instant. */
interface StepTally {
  readonly step: TimelineDeadlineStep;
  readonly count: number;
  /** Every status but open and overdue, which `pendingDueMs` gives as of an instant. */
  readonly settled: ReadonlyMap<TimelineStatus, number>;
  /** The due instants of the steps neither done nor paused, sorted: those before an instant are overdue at it. */
  readonly pendingDueMs: Float64Array;
  /** Steps neither done nor paused without a due instant: open at every instant. */
  readonly pendingWithoutDue: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly cases: number;
}

interface GroupTally {
  readonly count: number;
  readonly cases: number;
  readonly steps: readonly StepTally[];
}

/** One group: the deadlines of each of its cases, in the case's order, and its tally while no case of it changes. */
interface Group {
  readonly members: Map<string, IndexedDeadline[]>;
  tally: GroupTally | null;
}

/** A case whose verdicts as of the instant are not its kept ones (a fact of it is dated later): judged again by the caller. */
export interface JudgedAgain {
  readonly caseId: string;
  /** Its deadlines as the tallies keep them. */
  readonly kept: readonly IndexedDeadline[];
  /** Its deadlines as of the instant (none when not received by then). */
  readonly asOf: readonly IndexedDeadline[];
}

const GROUPINGS: readonly GroupBy[] = ['unit', 'official', 'month'];

function keyOf(deadline: IndexedDeadline, groupBy: GroupBy): string {
  return groupBy === 'month' ? deadline.month : groupBy === 'unit' ? deadline.unitId : (deadline.officialId ?? UNASSIGNED);
}

/**
 * The aggregates kept as the index changes, rather than computed from every case on each request:
 * per grouping and group, the deadlines of its cases; a group's tally (counts by settled status, the
 * sorted durations and due instants, the distinct cases) is made again only after one of its cases
 * changed. What an instant changes is counted at the request: a step neither done nor paused, judged
 * at its case's horizon, is overdue as of a later instant past its due instant and open before it
 * (the index's `asOfInstant`), so its group's overdue steps are the due instants before the instant.
 *
 * So the figures equal `aggregate` over the index's deadlines as of any instant at or after every
 * case's horizon (every case received and none folded again as of that instant), without filters.
 */
export class DeadlineTallies {
  private readonly groups = new Map<GroupBy, Map<string, Group>>(GROUPINGS.map((groupBy) => [groupBy, new Map()]));

  add(caseId: string, deadlines: readonly IndexedDeadline[]): void {
    for (const [groupBy, groups] of this.groups)
      for (const deadline of deadlines) {
        const key = keyOf(deadline, groupBy);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { members: new Map(), tally: null }));
        group.tally = null;
        const ofCase = group.members.get(caseId);
        if (ofCase) ofCase.push(deadline);
        else group.members.set(caseId, [deadline]);
      }
  }

  remove(caseId: string, deadlines: readonly IndexedDeadline[]): void {
    for (const [groupBy, groups] of this.groups)
      for (const deadline of deadlines) {
        const key = keyOf(deadline, groupBy);
        const group = groups.get(key);
        if (!group?.members.delete(caseId)) continue;
        group.tally = null;
        if (group.members.size === 0) groups.delete(key);
      }
  }

  clear(): void {
    for (const groups of this.groups.values()) groups.clear();
  }

  /**
   * Every group's figures as of the instant, by key, as `aggregate` gives them. A group that a case
   * judged again is in, before or after, is counted from its deadlines (those few, rather than the tally).
   */
  figures(groupBy: GroupBy, asOfMs: number, judgedAgain: readonly JudgedAgain[] = []): GroupStatistics[] {
    const groups = this.groups.get(groupBy)!;
    const again = new Map(judgedAgain.map((judged) => [judged.caseId, judged]));
    const recounted = new Set(
      judgedAgain.flatMap((judged) => [...judged.kept, ...judged.asOf].map((deadline) => keyOf(deadline, groupBy))),
    );
    const keys = [...new Set([...groups.keys(), ...recounted])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return keys.flatMap((key) => {
      const group = groups.get(key);
      if (recounted.has(key)) return recount(key, group, again, groupBy, asOfMs);
      group!.tally ??= tallyOf(group!.members);
      return [figuresOf(key, group!.tally, asOfMs)];
    });
  }
}

/** One group counted from its deadlines as of the instant, its cases judged again replaced: none when it has no deadline left. */
function recount(
  key: string,
  group: Group | undefined,
  again: ReadonlyMap<string, JudgedAgain>,
  groupBy: GroupBy,
  asOfMs: number,
): GroupStatistics[] {
  const caseIds = new Set(group?.members.keys());
  // Only the cases judged again that have a deadline in this group now (those that had one are members).
  for (const [caseId, judged] of again) if (judged.asOf.some((deadline) => keyOf(deadline, groupBy) === key)) caseIds.add(caseId);
  const deadlines: IndexedDeadline[] = [];
  for (const caseId of [...caseIds].sort()) {
    const judged = again.get(caseId);
    if (judged) deadlines.push(...judged.asOf.filter((deadline) => keyOf(deadline, groupBy) === key));
    else for (const deadline of group!.members.get(caseId)!) deadlines.push(asOfInstant(deadline, asOfMs));
  }
  return aggregate(deadlines, groupBy, (deadline) => keyOf(deadline, groupBy));
}

function tallyOf(members: ReadonlyMap<string, readonly IndexedDeadline[]>): GroupTally {
  // In the order of the case ids, as the index lists them: a group's steps in the order it first meets them.
  const byStep = new Map<TimelineDeadlineStep, IndexedDeadline[]>();
  let count = 0;
  for (const caseId of [...members.keys()].sort()) {
    for (const deadline of members.get(caseId)!) {
      count++;
      const ofStep = byStep.get(deadline.step);
      if (ofStep) ofStep.push(deadline);
      else byStep.set(deadline.step, [deadline]);
    }
  }
  return { count, cases: members.size, steps: [...byStep.entries()].map(([step, deadlines]) => stepTallyOf(step, deadlines)) };
}

function stepTallyOf(step: TimelineDeadlineStep, deadlines: readonly IndexedDeadline[]): StepTally {
  const settled = new Map<TimelineStatus, number>();
  const due: number[] = [];
  const done: number[] = [];
  let pendingWithoutDue = 0;
  for (const deadline of deadlines) {
    if (deadline.status === 'open' || deadline.status === 'overdue') {
      if (Number.isNaN(deadline.dueMs)) pendingWithoutDue++;
      else due.push(deadline.dueMs);
      continue;
    }
    settled.set(deadline.status, (settled.get(deadline.status) ?? 0) + 1);
    if ((deadline.status === 'met' || deadline.status === 'missed') && deadline.durationHours !== null) done.push(deadline.durationHours);
  }
  const sorted = Float64Array.from(done).sort();
  return {
    step,
    count: deadlines.length,
    settled,
    pendingDueMs: Float64Array.from(due).sort(),
    pendingWithoutDue,
    medianHours: quantileOfSorted(sorted, 0.5),
    p90Hours: quantileOfSorted(sorted, 0.9),
    cases: new Set(deadlines.map((deadline) => deadline.caseId)).size,
  };
}

function figuresOf(key: string, tally: GroupTally, asOfMs: number): GroupStatistics {
  let met = 0;
  let due = 0;
  const steps = tally.steps.map((step) => {
    const overdue = countBefore(step.pendingDueMs, asOfMs);
    const open = step.pendingDueMs.length - overdue + step.pendingWithoutDue;
    const counts = new Map(step.settled);
    if (overdue > 0) counts.set('overdue', overdue);
    if (open > 0) counts.set('open', open);
    const stepMet = counts.get('met') ?? 0;
    const stepDue = stepMet + (counts.get('missed') ?? 0) + overdue;
    met += stepMet;
    due += stepDue;
    return {
      step: step.step,
      count: step.count,
      byStatus: byStatusInOrder(counts),
      medianHours: step.medianHours,
      p90Hours: step.p90Hours,
      onTimeRate: onTimeRateOf(stepMet, stepDue),
      cases: step.cases,
    };
  });
  return { key, count: tally.count, onTimeRate: onTimeRateOf(met, due), cases: tally.cases, steps };
}

/** How many of the sorted values are below the bound. */
function countBefore(sorted: Float64Array, bound: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}
