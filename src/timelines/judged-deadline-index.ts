import type Database from 'better-sqlite3';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { PolicyCategory } from '../policies/policy.events.js';
import type { RuleBook } from '../policies/rule-book.js';
import type { RuleBookQuery } from '../policies/rule-book.query.js';
import type { RemoteAreaChange } from '../organisation/unit-remote-area.js';
import { GenerationCatalog } from '../projections/generation-catalog.js';
import { LiveRead } from '../projections/live-read.js';
import { caseTimeline, vietnamMonthOf, type CaseTimeline, type TimelineFact } from './case-timeline.js';
import { caseTimelinesProjection, type CaseTimelinesTable } from './case-timelines.projection.js';
import { DeadlineTallies } from './deadline-tallies.js';
import { asOfInstant, type IndexedDeadline } from './indexed-deadline.js';
import type { GroupBy, GroupStatistics } from './timeline-statistics.js';

export type { IndexedDeadline } from './indexed-deadline.js';

interface CaseEntry {
  readonly caseId: string;
  readonly receivedMs: number;
  /** The latest occurredAt among the case's facts: judged as of any later instant, only open or overdue can change. */
  readonly horizonMs: number;
  /** The case's category as every correction left it (the cases table's). */
  readonly category: PolicyCategory;
  readonly deadlines: readonly IndexedDeadline[];
}

export interface DeadlineSelection {
  readonly asOf: string;
  readonly category?: PolicyCategory;
  /** Only cases received before this instant (exclusive). */
  readonly receivedBefore?: string;
}

export interface RemoteAreaRow {
  unit_id: string;
  event_id: string;
  remote: number;
  effective_on: string;
  legal_basis: string;
}

export interface FactRow {
  case_id: string;
  global_position: number;
  event_id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  data: string;
}

/** The inputs a verdict depends on besides the case's own facts; when one changes, every case is judged again. */
interface Basis {
  readonly generation: number;
  readonly rules: string;
  readonly remoteAreas: string;
  readonly calendar: unknown;
}

/**
 * Every case's deadlines judged once, at the case's horizon (its last fact), and kept in memory, so
 * that the aggregates and the overdue list do not fold and judge every case on every request. Kept
 * current from the case-timelines projection by position: each read first judges again the cases with
 * facts after the last position seen; a new generation of the projection, a change of the recorded
 * rules, of a unit's remote-area designations or of the working-day calendar judges every case again.
 *
 * Why the horizon is enough: a deadline judged as of any instant at or after the case's last fact has
 * the same verdict except for a step neither done nor paused, which is overdue once the instant is past
 * its due instant and open before (deadline-calculator's `judge`, assignedStatus). So an answer as of T
 * reads each case's stored verdicts with that one comparison made at T; a case with a fact after T
 * (back-dated asOf, a fact dated in the future) is folded and judged as of T as before.
 */
export class JudgedDeadlineIndex {
  private readonly live: LiveRead<CaseTimelinesTable>;
  private readonly catalog: GenerationCatalog;
  private basis: Basis | null = null;
  private position = 0;
  private readonly cases = new Map<string, CaseEntry>();
  private readonly stale = new Set<string>();
  /** The aggregates without filters, kept as cases are judged. */
  private readonly tallies = new DeadlineTallies();

  constructor(
    db: Database.Database,
    private readonly calendar: WorkingDayCalendar,
    private readonly rules: RuleBookQuery,
  ) {
    this.live = new LiveRead(db, caseTimelinesProjection);
    this.catalog = new GenerationCatalog(db);
  }

  /**
   * The clock-started deadlines of the cases received by asOf (and before receivedBefore, of the
   * category if given), each with its verdict as of asOf.
   */
  deadlines(selection: DeadlineSelection): IndexedDeadline[] {
    this.catchUp(Infinity);
    const asOfMs = Date.parse(selection.asOf);
    const limit = Math.min(asOfMs, selection.receivedBefore === undefined ? Infinity : Date.parse(selection.receivedBefore) - 1);
    const byCase = new Map<string, readonly IndexedDeadline[]>();
    const beyondHorizon: string[] = [];
    for (const entry of this.cases.values()) {
      if (entry.receivedMs > limit || (selection.category !== undefined && entry.category !== selection.category)) continue;
      if (entry.horizonMs > asOfMs) beyondHorizon.push(entry.caseId);
      else
        byCase.set(
          entry.caseId,
          entry.deadlines.map((deadline) => asOfInstant(deadline, asOfMs)),
        );
    }
    // The category filter reads the category as of asOf too, as the fold gives it.
    for (const timeline of this.judge(beyondHorizon, selection.asOf))
      if (selection.category === undefined || timeline.category === selection.category) byCase.set(timeline.caseId, indexed(timeline));
    // In the order of the case ids, as folding the cases gives them (the order a group meets its steps in).
    const result: IndexedDeadline[] = [];
    for (const caseId of [...byCase.keys()].sort()) result.push(...byCase.get(caseId)!);
    return result;
  }

  /**
   * Every group's figures as of asOf over every case, as `aggregate` over `deadlines({ asOf })` gives
   * them, from the tallies kept as the index changes. A case with a fact after asOf (a back-dated
   * asOf, a fact dated later) is folded and judged as of asOf, as `deadlines` does, and the groups it
   * is in counted again.
   */
  aggregates(groupBy: GroupBy, asOf: string): GroupStatistics[] {
    this.catchUp(Infinity);
    const asOfMs = Date.parse(asOf);
    const beyondHorizon: CaseEntry[] = [];
    for (const entry of this.cases.values()) if (entry.horizonMs > asOfMs) beyondHorizon.push(entry);
    const received = beyondHorizon.filter((entry) => entry.receivedMs <= asOfMs).map((entry) => entry.caseId);
    const judged = new Map(this.judge(received, asOf).map((timeline) => [timeline.caseId, indexed(timeline)]));
    return this.tallies.figures(
      groupBy,
      asOfMs,
      beyondHorizon.map((entry) => ({ caseId: entry.caseId, kept: entry.deadlines, asOf: judged.get(entry.caseId) ?? [] })),
    );
  }

  /** Every group's tally made now (after a warm-up), rather than by the first request that asks for its grouping. */
  prepareTallies(): void {
    this.tallies.prepare();
  }

  /**
   * Judges up to `maxCases` of the cases changed since the last call (every case after a change of
   * basis); true when none is left. A caller that must not block for long calls it in small steps.
   */
  catchUp(maxCases: number): boolean {
    const work = this.live.read(
      (tables, prepare) => {
        const basis = this.basisOf(tables, prepare);
        if (!sameBasis(basis, this.basis)) {
          this.basis = basis;
          this.forget();
        }
        const changed = prepare(`SELECT case_id, global_position FROM "${tables.facts}" WHERE global_position > ? ORDER BY global_position`)
          .raw()
          .all(this.position) as [string, number][];
        for (const [caseId, position] of changed) {
          this.stale.add(caseId);
          this.position = position;
        }
        const chosen: string[] = [];
        for (const caseId of this.stale) {
          if (chosen.length >= maxCases) break;
          chosen.push(caseId);
        }
        const categories = prepare(
          `SELECT c.case_id, c.category FROM json_each(?) AS wanted JOIN "${tables.cases}" AS c ON c.case_id = wanted.value`,
        )
          .raw()
          .all(JSON.stringify(chosen)) as [string, PolicyCategory][];
        return {
          chosen,
          categoryOf: new Map(categories),
          rows: factsOf(prepare, tables, chosen),
          rules: this.rules.current(),
          remoteAreas: remoteAreasIn(prepare, tables),
        };
      },
      () => null,
    );
    if (work === null) {
      this.basis = null;
      this.forget();
      return true;
    }
    for (const caseId of work.chosen) {
      const entry = this.cases.get(caseId);
      if (!entry) continue;
      this.tallies.remove(caseId, entry.deadlines);
      this.cases.delete(caseId);
    }
    for (let start = 0; start < work.rows.length;) {
      let end = start;
      while (end < work.rows.length && work.rows[end].case_id === work.rows[start].case_id) end++;
      const facts = work.rows.slice(start, end).map(factOf);
      const caseId = work.rows[start].case_id;
      const horizonMs = Math.max(...facts.map((fact) => Date.parse(fact.occurredAt)));
      const timeline = caseTimeline({
        caseId,
        facts,
        rules: work.rules,
        remoteAreaOf: (unitId) => work.remoteAreas.get(unitId) ?? [],
        calendar: this.calendar,
        asOf: new Date(horizonMs).toISOString(),
      });
      const received = facts.find((fact) => fact.type === 'CaseReceived');
      const category = work.categoryOf.get(caseId);
      if (timeline && received && category) {
        const entry = { caseId, receivedMs: Date.parse(received.occurredAt), horizonMs, category, deadlines: indexed(timeline) };
        this.cases.set(caseId, entry);
        this.tallies.add(caseId, entry.deadlines);
      }
      start = end;
    }
    for (const caseId of work.chosen) this.stale.delete(caseId);
    return this.stale.size === 0;
  }

  private forget(): void {
    this.position = 0;
    this.cases.clear();
    this.stale.clear();
    this.tallies.clear();
  }

  /** These cases' timelines as of asOf, folded and judged from their facts. */
  private judge(caseIds: readonly string[], asOf: string): CaseTimeline[] {
    if (caseIds.length === 0) return [];
    const { rows, rules, remoteAreas } = this.live.read(
      (tables, prepare) => ({
        rows: factsOf(prepare, tables, caseIds),
        rules: this.rules.current(),
        remoteAreas: remoteAreasIn(prepare, tables),
      }),
      () => ({ rows: [], rules: this.rules.current(), remoteAreas: new Map<string, RemoteAreaChange[]>() }),
    );
    return judgedTimelines(rows, rules, remoteAreas, this.calendar, asOf);
  }

  private basisOf(tables: Readonly<Record<CaseTimelinesTable, string>>, prepare: (sql: string) => Database.Statement): Basis {
    return {
      generation: this.catalog.live(caseTimelinesProjection.name)?.generation ?? 0,
      rules: JSON.stringify(prepare(`SELECT * FROM "${tables.rules}" ORDER BY rule_id`).raw().all()),
      remoteAreas: JSON.stringify(prepare(`SELECT count(*), max(global_position) FROM "${tables.remote_areas}"`).raw().get()),
      // The data-folder calendar answers with the calendar in force; a reload builds a new one, with a new list.
      calendar: this.calendar.decidedYears,
    };
  }
}

function sameBasis(a: Basis, b: Basis | null): boolean {
  return b !== null && a.generation === b.generation && a.rules === b.rules && a.remoteAreas === b.remoteAreas && a.calendar === b.calendar;
}

function indexed(timeline: CaseTimeline): IndexedDeadline[] {
  const deadlines: IndexedDeadline[] = [];
  for (const deadline of timeline.deadlines) {
    if (deadline.clockStartedAt === null) continue;
    deadlines.push({
      caseId: timeline.caseId,
      step: deadline.step,
      status: deadline.status,
      durationHours: deadline.durationHours,
      unitId: deadline.unitId,
      officialId: deadline.officialId,
      clockStartedAt: deadline.clockStartedAt,
      clockStartedMs: Date.parse(deadline.clockStartedAt),
      month: vietnamMonthOf(deadline.clockStartedAt),
      dueMs: deadline.dueAt === null ? NaN : Date.parse(deadline.dueAt),
    });
  }
  return deadlines;
}

function factsOf(
  prepare: (sql: string) => Database.Statement,
  tables: Readonly<Record<CaseTimelinesTable, string>>,
  caseIds: readonly string[],
): FactRow[] {
  if (caseIds.length === 0) return [];
  return prepare(
    `SELECT f.* FROM json_each(@ids) AS wanted JOIN "${tables.facts}" AS f ON f.case_id = wanted.value ORDER BY f.case_id, f.stream_revision`,
  ).all({ ids: JSON.stringify(caseIds) }) as FactRow[];
}

function remoteAreasIn(
  prepare: (sql: string) => Database.Statement,
  tables: Readonly<Record<CaseTimelinesTable, string>>,
): Map<string, RemoteAreaChange[]> {
  return remoteAreasOf(prepare(`SELECT * FROM "${tables.remote_areas}" ORDER BY global_position`).all() as RemoteAreaRow[]);
}

/** Each unit's remote-area changes in the order recorded (the unit decider keeps them in the order of their days). */
export function remoteAreasOf(rows: readonly RemoteAreaRow[]): Map<string, RemoteAreaChange[]> {
  const byUnit = new Map<string, RemoteAreaChange[]>();
  for (const row of rows) {
    const change = { remote: row.remote === 1, from: row.effective_on, legalBasis: row.legal_basis, eventId: row.event_id };
    const changes = byUnit.get(row.unit_id);
    if (changes) changes.push(change);
    else byUnit.set(row.unit_id, [change]);
  }
  return byUnit;
}

/** Rows ordered by case: one timeline per case received by asOf. */
export function judgedTimelines(
  rows: readonly FactRow[],
  rules: RuleBook,
  remoteAreas: ReadonlyMap<string, readonly RemoteAreaChange[]>,
  calendar: WorkingDayCalendar,
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
      calendar,
      asOf,
    });
    if (timeline) timelines.push(timeline);
    start = end;
  }
  return timelines;
}

/** A stored row as the case event it was recorded as (the projection keeps only case streams' events). */
export function factOf(row: FactRow): TimelineFact {
  return {
    type: row.type,
    data: JSON.parse(row.data),
    eventId: row.event_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    globalPosition: row.global_position,
  } as TimelineFact;
}
