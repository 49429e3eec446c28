import type Database from 'better-sqlite3';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { DomainError } from '../domain-kit/domain-error.js';
import type { RemoteAreaChange } from '../organisation/unit-remote-area.js';
import type { PolicyCategory } from '../policies/policy.events.js';
import type { RuleBook } from '../policies/rule-book.js';
import type { RuleBookQuery } from '../policies/rule-book.query.js';
import { LiveRead } from '../projections/live-read.js';
import { caseTimeline, type CaseTimeline, type TimelineDeadlineStep, type TimelineFact, type TimelineStatus } from './case-timeline.js';
import { caseTimelinesProjection, type CaseTimelinesTable } from './case-timelines.projection.js';
import { aggregate, type CaseDeadline, type GroupBy, type GroupStatistics } from './timeline-statistics.js';

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

interface RemoteAreaRow {
  unit_id: string;
  event_id: string;
  remote: number;
  effective_on: string;
  legal_basis: string;
}

interface FactRow {
  case_id: string;
  global_position: number;
  event_id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  data: string;
}

/**
 * The timelines' queries: read the raw facts, and the rule book in the same snapshot, and judge them
 * with the calendar as of an instant.
 */
export class CaseTimelinesQuery {
  private readonly live: LiveRead<CaseTimelinesTable>;

  constructor(
    db: Database.Database,
    private readonly calendar: WorkingDayCalendar,
    private readonly rules: RuleBookQuery,
  ) {
    this.live = new LiveRead(db, caseTimelinesProjection);
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
    const items: OverdueItem[] = [];
    for (const timeline of this.timelines(filter.asOf, filter.category, undefined)) {
      for (const deadline of timeline.deadlines) {
        if (
          !wanted(deadline.status) ||
          (filter.step && deadline.step !== filter.step) ||
          (filter.unitId && deadline.unitId !== filter.unitId)
        )
          continue;
        const end = deadline.completedAt ?? filter.asOf;
        items.push({
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
        });
      }
    }
    return items.sort(
      (a, b) => Date.parse(a.dueAt ?? '') - Date.parse(b.dueAt ?? '') || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
    );
  }

  aggregates(filter: AggregateFilter): GroupStatistics[] {
    const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
    const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
    const deadlines: CaseDeadline[] = [];
    for (const timeline of this.timelines(filter.asOf, filter.category, filter.to)) {
      for (const deadline of timeline.deadlines) {
        if (deadline.clockStartedAt === null || (filter.step && deadline.step !== filter.step)) continue;
        const started = Date.parse(deadline.clockStartedAt);
        if (started >= from && started < to) deadlines.push({ ...deadline, caseId: timeline.caseId });
      }
    }
    return aggregate(deadlines, filter.groupBy);
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
    return this.judged(rows, rules, remoteAreas, asOf);
  }

  /** Every case received by asOf (and before `receivedBefore`), its timeline judged as of asOf. */
  private timelines(asOf: string, category: PolicyCategory | undefined, receivedBefore: string | undefined): CaseTimeline[] {
    const limit = Math.min(Date.parse(asOf), receivedBefore === undefined ? Infinity : Date.parse(receivedBefore) - 1);
    const { rows, rules, remoteAreas } = this.live.read(
      (tables, prepare) => ({
        remoteAreas: remoteAreasOf(prepare(`SELECT * FROM "${tables.remote_areas}" ORDER BY global_position`).all() as RemoteAreaRow[]),
        rows: prepare(
          `SELECT f.* FROM "${tables.facts}" AS f JOIN "${tables.cases}" AS c ON c.case_id = f.case_id
           WHERE c.received_at_ms <= @limit AND (@category IS NULL OR c.category = @category) ORDER BY f.case_id, f.stream_revision`,
        ).all({ limit, category: category ?? null }) as FactRow[],
        rules: this.rules.current(),
      }),
      () => ({ rows: [], rules: this.rules.current(), remoteAreas: new Map<string, RemoteAreaChange[]>() }),
    );
    // The category filter reads the corrected category; a correction made after asOf is still applied, as everywhere.
    return this.judged(rows, rules, remoteAreas, asOf).filter((timeline) => category === undefined || timeline.category === category);
  }

  /** Rows ordered by case: one timeline per case received by asOf. */
  private judged(
    rows: readonly FactRow[],
    rules: RuleBook,
    remoteAreas: ReadonlyMap<string, readonly RemoteAreaChange[]>,
    asOf: string,
  ): CaseTimeline[] {
    const remoteAreaOf = (unitId: string) => remoteAreas.get(unitId) ?? [];
    const timelines: CaseTimeline[] = [];
    for (let start = 0; start < rows.length;) {
      let end = start;
      while (end < rows.length && rows[end].case_id === rows[start].case_id) end++;
      const timeline = caseTimeline({
        caseId: rows[start].case_id,
        facts: rows.slice(start, end).map(factOf),
        rules,
        remoteAreaOf,
        calendar: this.calendar,
        asOf,
      });
      if (timeline) timelines.push(timeline);
      start = end;
    }
    return timelines;
  }
}

/** Each unit's remote-area changes in the order recorded (the unit decider keeps them in the order of their days). */
function remoteAreasOf(rows: readonly RemoteAreaRow[]): Map<string, RemoteAreaChange[]> {
  const byUnit = new Map<string, RemoteAreaChange[]>();
  for (const row of rows) {
    const change = { remote: row.remote === 1, from: row.effective_on, legalBasis: row.legal_basis, eventId: row.event_id };
    byUnit.set(row.unit_id, [...(byUnit.get(row.unit_id) ?? []), change]);
  }
  return byUnit;
}

/** A stored row as the case event it was recorded as (the projection keeps only case streams' events). */
function factOf(row: FactRow): TimelineFact {
  return {
    type: row.type,
    data: JSON.parse(row.data),
    eventId: row.event_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    globalPosition: row.global_position,
  } as TimelineFact;
}
