import type Database from 'better-sqlite3';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { DomainError } from '../domain-kit/domain-error.js';
import type { RemoteAreaChange } from '../organisation/unit-remote-area.js';
import type { PolicyCategory } from '../policies/policy.events.js';
import type { RuleBookQuery } from '../policies/rule-book.query.js';
import { LiveRead } from '../projections/live-read.js';
import { caseTimeline, type CaseTimeline, type TimelineDeadline, type TimelineDeadlineStep, type TimelineStatus } from './case-timeline.js';
import { caseTimelinesProjection, type CaseTimelinesTable } from './case-timelines.projection.js';
import {
  JudgedDeadlineIndex,
  factOf,
  judgedTimelines,
  remoteAreasOf,
  type FactRow,
  type IndexedDeadline,
  type RemoteAreaRow,
} from './judged-deadline-index.js';
import { aggregate, keyOf, type CaseDeadline, type GroupBy, type GroupStatistics } from './timeline-statistics.js';

export interface OverdueFilter {
  readonly asOf: string;
  /** overdue: not done and past due; missed: done late; breached: either. */
  readonly status: 'overdue' | 'missed' | 'breached';
  readonly unitId?: string;
  readonly category?: PolicyCategory;
  readonly step?: TimelineDeadlineStep;
}

export interface OverdueItem {
  readonly caseId: string;
  readonly category: PolicyCategory;
  readonly step: TimelineDeadlineStep;
  readonly status: TimelineStatus;
  readonly clockStartedAt: string | null;
  readonly dueAt: string | null;
  readonly completedAt: string | null;
  /** Past due, in hours: to completion (missed) or to asOf (overdue). */
  readonly hoursLate: number | null;
  readonly unitId: string;
  readonly officialId: string | null;
  readonly ruleId: string | null;
  readonly legalReference: string | null;
  readonly evidence: CaseDeadline['evidence'];
}

export interface AggregateFilter {
  readonly asOf: string;
  readonly groupBy: GroupBy;
  /** Deadlines whose clock started at or after `from` and before `to`. */
  readonly from?: string;
  readonly to?: string;
  readonly category?: PolicyCategory;
  readonly step?: TimelineDeadlineStep;
}

/**
 * The timelines' queries: read the raw facts, and the rule book in the same snapshot, and judge them
 * with the calendar as of an instant.
 */
export class CaseTimelinesQuery {
  private readonly live: LiveRead<CaseTimelinesTable>;
  /** Every case's deadlines judged at its horizon, caught up on each read. */
  readonly index: JudgedDeadlineIndex;

  constructor(
    db: Database.Database,
    private readonly calendar: WorkingDayCalendar,
    private readonly rules: RuleBookQuery,
  ) {
    this.live = new LiveRead(db, caseTimelinesProjection);
    this.index = new JudgedDeadlineIndex(db, calendar, rules);
  }

  timelineOf(caseId: string, asOf: string): CaseTimeline {
    const { facts, rules, remoteAreas } = this.live.read(
      (tables, prepare) => ({
        facts: prepare(`SELECT * FROM "${tables.facts}" WHERE case_id = ? ORDER BY stream_revision`).all(caseId) as FactRow[],
        rules: this.rules.current(),
        remoteAreas: remoteAreasOf(prepare(`SELECT * FROM "${tables.remote_areas}" ORDER BY global_position`).all() as RemoteAreaRow[]),
      }),
      () => ({ facts: [], rules: this.rules.current(), remoteAreas: new Map<string, RemoteAreaChange[]>() }),
    );
    const remoteAreaOf = (unitId: string) => remoteAreas.get(unitId) ?? [];
    const timeline =
      facts.length === 0 ? null : caseTimeline({ caseId, facts: facts.map(factOf), rules, remoteAreaOf, calendar: this.calendar, asOf });
    if (!timeline) throw new DomainError('TIMELINE.CASE_NOT_FOUND', `No case ${caseId} was received as of ${asOf}.`, 'not-found');
    return timeline;
  }

  overdue(filter: OverdueFilter): OverdueItem[] {
    const wanted = (status: TimelineStatus): boolean =>
      filter.status === 'breached' ? status === 'overdue' || status === 'missed' : status === filter.status;
    const matches = (deadline: Pick<TimelineDeadline, 'status' | 'step' | 'unitId'>): boolean =>
      wanted(deadline.status) && (!filter.step || deadline.step === filter.step) && (!filter.unitId || deadline.unitId === filter.unitId);
    // The index says which cases have such a deadline; only those are folded for the items' evidence.
    const caseIds = casesOf(this.index.deadlines({ asOf: filter.asOf, category: filter.category }).filter(matches));
    const items: OverdueItem[] = [];
    for (const timeline of this.timelinesOf(caseIds, filter.asOf)) {
      for (const deadline of timeline.deadlines) if (matches(deadline)) items.push(itemOf(timeline, deadline, filter.asOf));
    }
    return items.sort(
      (a, b) => Date.parse(a.dueAt ?? '') - Date.parse(b.dueAt ?? '') || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
    );
  }

  /** Per group, the figures of the deadlines whose clock started in [from, to), judged as of asOf, from the index. */
  aggregates(filter: AggregateFilter): GroupStatistics[] {
    const unfiltered = filter.from === undefined && filter.to === undefined && filter.category === undefined && filter.step === undefined;
    if (unfiltered) return this.index.aggregates(filter.groupBy, filter.asOf);
    return aggregate(this.selected(filter), filter.groupBy, groupKeyOf(filter.groupBy));
  }

  /**
   * The deadlines one group of the aggregates counts (the same filter and the group's key), each with
   * its rule and evidence: what a group's figures were computed from. Earliest clock start first.
   */
  groupDeadlines(filter: AggregateFilter & { readonly key: string }): OverdueItem[] {
    const keyFor = groupKeyOf(filter.groupBy);
    const inGroup = this.selected(filter).filter((deadline) => keyFor(deadline) === filter.key);
    const wanted = new Set(inGroup.map((deadline) => `${deadline.caseId}\u0000${deadline.step}\u0000${deadline.clockStartedAt}`));
    const items: OverdueItem[] = [];
    for (const timeline of this.timelinesOf(casesOf(inGroup), filter.asOf)) {
      for (const deadline of timeline.deadlines)
        if (wanted.has(`${timeline.caseId}\u0000${deadline.step}\u0000${deadline.clockStartedAt}`))
          items.push(itemOf(timeline, deadline, filter.asOf));
    }
    return items.sort(
      (a, b) =>
        Date.parse(a.clockStartedAt ?? '') - Date.parse(b.clockStartedAt ?? '') ||
        (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) ||
        (a.step < b.step ? -1 : a.step > b.step ? 1 : 0),
    );
  }

  /** The timelines of these cases as of asOf, in one snapshot with the rule book; a case unknown here (or received after asOf) is left out. */
  timelinesOf(caseIds: readonly string[], asOf: string): CaseTimeline[] {
    if (caseIds.length === 0) return [];
    const { rows, rules, remoteAreas } = this.live.read(
      (tables, prepare) => ({
        remoteAreas: remoteAreasOf(prepare(`SELECT * FROM "${tables.remote_areas}" ORDER BY global_position`).all() as RemoteAreaRow[]),
        rows: prepare(
          `SELECT f.* FROM json_each(@ids) AS wanted JOIN "${tables.facts}" AS f ON f.case_id = wanted.value ORDER BY f.case_id, f.stream_revision`,
        ).all({ ids: JSON.stringify(caseIds) }) as FactRow[],
        rules: this.rules.current(),
      }),
      () => ({ rows: [], rules: this.rules.current(), remoteAreas: new Map<string, RemoteAreaChange[]>() }),
    );
    return judgedTimelines(rows, rules, remoteAreas, this.calendar, asOf);
  }

  /** The clock-started deadlines the aggregates count: of cases received by asOf (and before `to`), started in [from, to). */
  private selected(filter: AggregateFilter): IndexedDeadline[] {
    const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
    const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
    return this.index
      .deadlines({ asOf: filter.asOf, category: filter.category, receivedBefore: filter.to })
      .filter(
        (deadline) => (!filter.step || deadline.step === filter.step) && deadline.clockStartedMs >= from && deadline.clockStartedMs < to,
      );
  }
}

function groupKeyOf(groupBy: GroupBy): (deadline: IndexedDeadline) => string {
  return groupBy === 'month' ? (deadline) => deadline.month : (deadline) => keyOf(deadline, groupBy);
}

function casesOf(deadlines: readonly { readonly caseId: string }[]): string[] {
  return [...new Set(deadlines.map((deadline) => deadline.caseId))].sort();
}

function itemOf(timeline: CaseTimeline, deadline: TimelineDeadline, asOf: string): OverdueItem {
  const end = deadline.completedAt ?? asOf;
  return {
    caseId: timeline.caseId,
    category: timeline.category,
    step: deadline.step,
    status: deadline.status,
    clockStartedAt: deadline.clockStartedAt,
    dueAt: deadline.dueAt,
    completedAt: deadline.completedAt,
    hoursLate: deadline.dueAt === null ? null : (Date.parse(end) - Date.parse(deadline.dueAt)) / 3600_000,
    unitId: deadline.unitId,
    officialId: deadline.officialId,
    ruleId: deadline.rule?.ruleId ?? null,
    legalReference: deadline.rule?.legalReference ?? null,
    evidence: deadline.evidence,
  };
}
