import type Database from 'better-sqlite3';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { cursorOf, positionOf, type Page } from '../lists/list-page.js';
import { filterUnitsCte, scopeUnitsCte, TODAYS_TREE, unitOnDaySql, vietnamDaySql, type ListScope } from '../lists/list-scope.js';
import { listsProjection, type ListsTable } from '../lists/lists.projection.js';
import { LiveRead } from '../projections/live-read.js';
import type { CaseTimelinesQuery } from '../timelines/case-timelines.query.js';

const RECEIVED_DAY = vietnamDaySql('c.received_ms');
import { alertOrder, alertsOf, approachingUntil, sortKeyOf, type Alert, type AlertKind } from './alert.js';

export interface AlertFilter {
  readonly asOf: string;
  /** Approaching: due by the end of the N-th working day after asOf's day. */
  readonly withinWorkingDays: number;
  readonly kind?: AlertKind;
  /** Cases in this unit (and the units merged into it; with below, every unit under them). */
  readonly unitId?: string;
  readonly below?: boolean;
  /** Cases assigned to this official. */
  readonly officialId?: string;
  readonly after?: string;
  readonly limit: number;
}

const SORT = 'due';

/**
 * The alerts: the deadlines approaching and breached as of an instant, earliest due first.
 *
 * Which cases can have one is read from the lists read model, with the caller's scope applied by the
 * very SQL the case list uses (a case in a unit the caller serves or below, or assigned to the caller):
 * the cases open, those changed after asOf (they may have been open then), and must-report matters not
 * yet reported upward. Their deadlines are then judged as of asOf by the case timelines, with the rule
 * book and the working-day calendar in force at the moment of the query. Due instants are computed at
 * query time rather than stored, because both change without an event of the case: a rule recorded
 * later judges cases already open, and a calendar decision dropped into the data folder moves every
 * working-day limit across its days.
 */
export class AlertsQuery {
  private readonly lists: LiveRead<ListsTable>;

  constructor(
    db: Database.Database,
    private readonly timelines: CaseTimelinesQuery,
    private readonly calendar: WorkingDayCalendar,
  ) {
    this.lists = new LiveRead(db, listsProjection);
  }

  list(filter: AlertFilter, scope: ListScope): Page<Alert> {
    const caseIds = this.candidates(filter, scope);
    const horizon = { asOf: filter.asOf, withinWorkingDays: filter.withinWorkingDays, calendar: this.calendar };
    const until = approachingUntil(horizon);
    let alerts = this.timelines
      .timelinesOf(caseIds, filter.asOf)
      .flatMap((timeline) => alertsOf(timeline, horizon, until))
      .filter((alert) => filter.kind === undefined || alert.kind === filter.kind)
      .sort(alertOrder);
    if (filter.after !== undefined) {
      const position = positionOf(filter.after, SORT);
      const afterMs = Number(position.value);
      const afterKey = String(position.key);
      alerts = alerts.filter((alert) => {
        const dueMs = Date.parse(alert.dueAt);
        return dueMs > afterMs || (dueMs === afterMs && sortKeyOf(alert) > afterKey);
      });
    }
    const shown = alerts.slice(0, filter.limit);
    const last = shown[shown.length - 1];
    return {
      items: shown,
      nextAfter:
        alerts.length > filter.limit && last !== undefined
          ? cursorOf({ sort: SORT, value: Date.parse(last.dueAt), key: sortKeyOf(last) })
          : null,
    };
  }

  /** Every alert as of asOf, whoever may read it: for the webhook deliveries, which apply each subscription's own unit filter. */
  all(asOf: string, withinWorkingDays: number): Alert[] {
    const horizon = { asOf, withinWorkingDays, calendar: this.calendar };
    const until = approachingUntil(horizon);
    return this.timelines
      .timelinesOf(this.candidates({ asOf, withinWorkingDays, limit: 0 }, { everywhere: true }), asOf)
      .flatMap((timeline) => alertsOf(timeline, horizon, until));
  }

  private candidates(filter: AlertFilter, scope: ListScope): string[] {
    const params: Record<string, unknown> = { asOf: Date.parse(filter.asOf) };
    return this.lists.read(
      (t, prepare) => {
        const ctes: string[] = [];
        const where = [
          'c.received_ms <= @asOf',
          `(c.status = 'open' OR c.last_activity_ms > @asOf
            OR (c.status <> 'closed' AND c.classification = 'must-report' AND c.reported_upward = 0))`,
        ];
        if (!scope.everywhere) {
          ctes.push(scopeUnitsCte(t.unit_parents));
          Object.assign(params, { scope_units: JSON.stringify(scope.units), subject: scope.subject });
          // As the case list reads scope: by the tree of the matter's day, or of today.
          const inScope = unitOnDaySql('scope_units', 'c.current_unit_id', [RECEIVED_DAY, TODAYS_TREE]);
          where.push(`(${inScope} OR c.assigned_official_id = @subject)`);
        }
        if (filter.unitId !== undefined) {
          ctes.push(filterUnitsCte(t.units, t.unit_parents));
          Object.assign(params, { unitId: filter.unitId, below: filter.below ? 1 : 0 });
          where.push(unitOnDaySql('filter_units', 'c.current_unit_id', [RECEIVED_DAY]));
        }
        if (filter.officialId !== undefined) {
          params.officialId = filter.officialId;
          where.push('c.assigned_official_id = @officialId');
        }
        const sql = `${ctes.length ? `WITH RECURSIVE ${ctes.join(', ')} ` : ''}
          SELECT c.case_id FROM "${t.cases}" c WHERE ${where.join(' AND ')}`;
        return prepare(sql).pluck().all(params) as string[];
      },
      () => [],
    );
  }
}
