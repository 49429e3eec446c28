import type { TimelineDeadlineStep, TimelineStatus } from './case-timeline.js';
import type { IndexedDeadline } from './indexed-deadline.js';
import { byStatusInOrder, onTimeRateOf, quantileOfSorted, UNASSIGNED, type GroupBy, type GroupStatistics } from './timeline-statistics.js';

/** What a group's figures need of one step, apart from the open-or-overdue split, which depends on the instant. */
interface StepTally {
  readonly step: TimelineDeadlineStep;
  /** Where the group first meets the step, in the order it lists its steps in: the case and the index among its deadlines there. */
  readonly first: StepPosition;
  readonly count: number;
  /** Every status but open and overdue, which `pendingDueMs` gives as of an instant. */
  readonly settled: ReadonlyMap<TimelineStatus, number>;
  /** The due instants of the steps neither done nor paused, sorted: those before an instant are overdue at it. */
  readonly pendingDueMs: Float64Array;
  /** Steps neither done nor paused without a due instant: open at every instant. */
  readonly pendingWithoutDue: number;
  /** The durations of the steps done (met or missed), sorted. */
  readonly durations: Float64Array;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly cases: number;
}

interface StepPosition {
  readonly caseId: string;
  readonly index: number;
}

interface GroupTally {
  readonly count: number;
  readonly cases: number;
  readonly steps: readonly StepTally[];
}

/**
 * One group: the deadlines of each of its cases, in the case's order, and its tally while no case of it
 * changes; also its tally without the cases judged again at the last request (those ids, sorted and
 * joined), kept while the same cases are judged again and none of the group changes.
 */
interface Group {
  readonly members: Map<string, IndexedDeadline[]>;
  tally: GroupTally | null;
  without: { readonly caseIds: string; readonly tally: GroupTally } | null;
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
        if (!group) groups.set(key, (group = { members: new Map(), tally: null, without: null }));
        group.tally = null;
        group.without = null;
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
        group.without = null;
        if (group.members.size === 0) groups.delete(key);
      }
  }

  /** Makes every group's tally that a change left to make, so that the first request after the index is built does not. */
  prepare(): void {
    for (const groups of this.groups.values()) for (const group of groups.values()) group.tally ??= tallyOf(group.members);
  }

  clear(): void {
    for (const groups of this.groups.values()) groups.clear();
  }

  /**
   * Every group's figures as of the instant, by key, as `aggregate` gives them. A group that a case
   * judged again is in, before or after, is its tally without those cases (made once while the same
   * cases are judged again) with their deadlines as of the instant added: a few deadlines counted,
   * rather than the group's thousands counted again.
   */
  figures(groupBy: GroupBy, asOfMs: number, judgedAgain: readonly JudgedAgain[] = []): GroupStatistics[] {
    const groups = this.groups.get(groupBy)!;
    const touched = new Map<string, Touched>();
    const touch = (key: string) => {
      let entry = touched.get(key);
      if (!entry) touched.set(key, (entry = { kept: [], added: [] }));
      return entry;
    };
    // In the order of the case ids, the order the group's steps are first met in.
    for (const judged of [...judgedAgain].sort((a, b) => compareIds(a.caseId, b.caseId))) {
      for (const key of new Set(judged.kept.map((deadline) => keyOf(deadline, groupBy)))) touch(key).kept.push(judged.caseId);
      const asOfByKey = new Map<string, IndexedDeadline[]>();
      for (const deadline of judged.asOf) {
        const key = keyOf(deadline, groupBy);
        const ofKey = asOfByKey.get(key);
        if (ofKey) ofKey.push(deadline);
        else asOfByKey.set(key, [deadline]);
      }
      for (const [key, deadlines] of asOfByKey) touch(key).added.push({ caseId: judged.caseId, deadlines });
    }
    const keys = [...new Set([...groups.keys(), ...touched.keys()])].sort(compareIds);
    return keys.flatMap((key) => {
      const group = groups.get(key);
      const change = touched.get(key);
      if (!change) {
        group!.tally ??= tallyOf(group!.members);
        return [figuresOf(key, group!.tally, [], asOfMs)];
      }
      const tally = group ? tallyWithout(group, change.kept) : EMPTY_TALLY;
      return tally.count === 0 && change.added.length === 0 ? [] : [figuresOf(key, tally, change.added, asOfMs)];
    });
  }
}

/** A group some cases judged again are in: those of its members, and their deadlines in it as of the instant. */
interface Touched {
  readonly kept: string[];
  readonly added: CaseDeadlines[];
}

interface CaseDeadlines {
  readonly caseId: string;
  readonly deadlines: readonly IndexedDeadline[];
}

const EMPTY_TALLY: GroupTally = { count: 0, cases: 0, steps: [] };

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The group's tally without these of its cases (sorted ids), kept on the group while the same ones are left out. */
function tallyWithout(group: Group, left: readonly string[]): GroupTally {
  if (left.length === 0) return (group.tally ??= tallyOf(group.members));
  const caseIds = left.join('\n');
  if (group.without?.caseIds !== caseIds) group.without = { caseIds, tally: tallyOf(group.members, new Set(left)) };
  return group.without.tally;
}

function tallyOf(members: ReadonlyMap<string, readonly IndexedDeadline[]>, leftOut: ReadonlySet<string> = new Set()): GroupTally {
  // In the order of the case ids, as the index lists them: a group's steps in the order it first meets them.
  const byStep = new Map<TimelineDeadlineStep, { first: StepPosition; deadlines: IndexedDeadline[] }>();
  let count = 0;
  let cases = 0;
  for (const caseId of [...members.keys()].sort()) {
    if (leftOut.has(caseId)) continue;
    cases++;
    members.get(caseId)!.forEach((deadline, index) => {
      count++;
      const ofStep = byStep.get(deadline.step);
      if (ofStep) ofStep.deadlines.push(deadline);
      else byStep.set(deadline.step, { first: { caseId, index }, deadlines: [deadline] });
    });
  }
  return { count, cases, steps: [...byStep.entries()].map(([step, { first, deadlines }]) => stepTallyOf(step, first, deadlines)) };
}

function stepTallyOf(step: TimelineDeadlineStep, first: StepPosition, deadlines: readonly IndexedDeadline[]): StepTally {
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
  const durations = Float64Array.from(done).sort();
  return {
    step,
    first,
    count: deadlines.length,
    settled,
    pendingDueMs: Float64Array.from(due).sort(),
    pendingWithoutDue,
    durations,
    medianHours: quantileOfSorted(durations, 0.5),
    p90Hours: quantileOfSorted(durations, 0.9),
    cases: new Set(deadlines.map((deadline) => deadline.caseId)).size,
  };
}

/** What deadlines judged as of the instant add to one step of a group. */
interface AddedToStep {
  readonly first: StepPosition;
  count: number;
  cases: number;
  readonly counts: Map<TimelineStatus, number>;
  readonly durations: number[];
}

function addedByStep(added: readonly CaseDeadlines[]): Map<TimelineDeadlineStep, AddedToStep> {
  const byStep = new Map<TimelineDeadlineStep, AddedToStep>();
  for (const { caseId, deadlines } of added) {
    const seen = new Set<TimelineDeadlineStep>();
    deadlines.forEach((deadline, index) => {
      let step = byStep.get(deadline.step);
      if (!step) byStep.set(deadline.step, (step = { first: { caseId, index }, count: 0, cases: 0, counts: new Map(), durations: [] }));
      step.count++;
      step.counts.set(deadline.status, (step.counts.get(deadline.status) ?? 0) + 1);
      if ((deadline.status === 'met' || deadline.status === 'missed') && deadline.durationHours !== null)
        step.durations.push(deadline.durationHours);
      if (!seen.has(deadline.step)) step.cases++;
      seen.add(deadline.step);
    });
  }
  return byStep;
}

function before(a: StepPosition, b: StepPosition): boolean {
  return a.caseId < b.caseId || (a.caseId === b.caseId && a.index < b.index);
}

/**
 * A group's figures as of the instant from its tally and the deadlines of cases judged again as of it
 * (none of them in the tally), listed in the order the group first meets each step, as `aggregate` does.
 */
function figuresOf(key: string, tally: GroupTally, added: readonly CaseDeadlines[], asOfMs: number): GroupStatistics {
  const extra = addedByStep(added);
  const steps: { step: TimelineDeadlineStep; first: StepPosition; kept?: StepTally; added?: AddedToStep }[] = tally.steps.map((kept) => ({
    step: kept.step,
    first: kept.first,
    kept,
  }));
  for (const [step, more] of extra) {
    const entry = steps.find((candidate) => candidate.step === step);
    if (!entry) steps.push({ step, first: more.first, added: more });
    else {
      entry.added = more;
      if (before(more.first, entry.first)) entry.first = more.first;
    }
  }
  if (extra.size > 0) steps.sort((a, b) => (before(a.first, b.first) ? -1 : before(b.first, a.first) ? 1 : 0));
  let met = 0;
  let due = 0;
  let count = tally.count;
  let cases = tally.cases;
  for (const { deadlines } of added) {
    count += deadlines.length;
    if (deadlines.length > 0) cases++;
  }
  const figures = steps.map(({ step, kept, added: more }) => {
    const counts = new Map(kept?.settled);
    if (kept) {
      const overdue = countBefore(kept.pendingDueMs, asOfMs);
      const open = kept.pendingDueMs.length - overdue + kept.pendingWithoutDue;
      if (overdue > 0) counts.set('overdue', overdue);
      if (open > 0) counts.set('open', open);
    }
    for (const [status, n] of more?.counts ?? []) counts.set(status, (counts.get(status) ?? 0) + n);
    const stepMet = counts.get('met') ?? 0;
    const stepDue = stepMet + (counts.get('missed') ?? 0) + (counts.get('overdue') ?? 0);
    met += stepMet;
    due += stepDue;
    const durations =
      more === undefined || more.durations.length === 0 ? null : Float64Array.from([...(kept?.durations ?? []), ...more.durations]).sort();
    return {
      step,
      count: (kept?.count ?? 0) + (more?.count ?? 0),
      byStatus: byStatusInOrder(counts),
      medianHours: durations === null ? (kept?.medianHours ?? null) : quantileOfSorted(durations, 0.5),
      p90Hours: durations === null ? (kept?.p90Hours ?? null) : quantileOfSorted(durations, 0.9),
      onTimeRate: onTimeRateOf(stepMet, stepDue),
      cases: (kept?.cases ?? 0) + (more?.cases ?? 0),
    };
  });
  return { key, count, onTimeRate: onTimeRateOf(met, due), cases, steps: figures };
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
