import type Database from 'better-sqlite3';
import { vietnamDayOf } from '../calendar/calendar-day.js';
import { LiveRead } from '../projections/live-read.js';
import { searchWords } from './folded-text.js';
import { pageOf, positionOf, type Page } from './list-page.js';
import { filterUnitsCte, scopeUnitsCte, TODAYS_TREE, unitOnDaySql, vietnamDaySql, type ListScope } from './list-scope.js';
import { listsProjection, type ListsTable } from './lists.projection.js';

type View = Record<string, unknown>;
type Tables = Record<ListsTable, string>;

interface PageRequest {
  readonly after?: string;
  readonly limit: number;
}

export interface UnitListFilter extends PageRequest {
  readonly parentId?: string;
  /** Every unit under this one (by parent), and the units merged into those. */
  readonly under?: string;
  readonly status?: 'active' | 'merged' | 'abolished';
  readonly kind?: string;
  /** Words of the name or a former name, diacritics ignored. */
  readonly q?: string;
}

export interface OfficialListFilter extends PageRequest {
  /** The official's home unit. */
  readonly unitId?: string;
  /** In charge of this unit on `on` (a current assignment). */
  readonly assignedUnitId?: string;
  readonly on: string;
  readonly status?: 'active' | 'left';
  readonly q?: string;
}

export interface PeriodFilter extends PageRequest {
  readonly unitId?: string;
  readonly below?: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly kind?: string;
  readonly descending: boolean;
}

export interface VisitListFilter extends PeriodFilter {
  readonly participantId?: string;
  readonly status?: 'scheduled' | 'cancelled' | 'conducted';
}

export interface MeetingListFilter extends PeriodFilter {
  readonly attendeeId?: string;
}

/** A statement being put together: its CTEs, conditions and parameters. */
class Selection {
  readonly ctes: string[] = [];
  readonly where: string[] = [];
  readonly params: Record<string, unknown> = {};

  equal(column: string, name: string, value: unknown): void {
    if (value === undefined) return;
    this.params[name] = value;
    this.where.push(`${column} = @${name}`);
  }

  /** Every word in the folded text column, as a substring (a name is short: no index needed). */
  words(column: string, q: string | undefined): boolean {
    if (q === undefined) return true;
    const words = searchWords(q);
    words.forEach((word, index) => {
      this.params[`word${index}`] = `%${word}%`;
      this.where.push(`${column} LIKE @word${index}`);
    });
    return words.length > 0;
  }

  /**
   * The resource's unit is inside the caller's scope (records.read: a recorder sees their units and those
   * under them), by the tree of the resource's day (dayColumn, in milliseconds) or of today, as the
   * guard reads one resource.
   */
  scoped(column: string, dayColumn: string, scope: ListScope, t: Tables): void {
    if (scope.everywhere) return;
    this.ctes.push(scopeUnitsCte(t.unit_parents));
    this.params.scope_units = JSON.stringify(scope.units);
    this.where.push(unitOnDaySql('scope_units', column, [vietnamDaySql(dayColumn), TODAYS_TREE]));
  }

  /** The unit filter, with `below` by the tree of the resource's day. */
  unit(column: string, dayColumn: string, unitId: string | undefined, below: boolean | undefined, t: Tables): void {
    if (unitId === undefined) return;
    this.ctes.push(filterUnitsCte(t.units, t.unit_parents));
    Object.assign(this.params, { unitId, below: below ? 1 : 0 });
    this.where.push(unitOnDaySql('filter_units', column, [vietnamDaySql(dayColumn)]));
  }

  after(sort: string, cursor: string | undefined, valueColumn: string, keyColumn: string, descending: boolean): void {
    if (cursor === undefined) return;
    const position = positionOf(cursor, sort);
    Object.assign(this.params, { afterValue: position.value, afterKey: position.key });
    const beyond = descending ? '<' : '>';
    this.where.push(`(${valueColumn} ${beyond} @afterValue OR (${valueColumn} = @afterValue AND ${keyColumn} ${beyond} @afterKey))`);
  }

  sql(select: string, order: string, limit: number): string {
    this.params.limit = limit + 1;
    return `${this.ctes.length ? `WITH RECURSIVE ${this.ctes.join(', ')} ` : ''}${select}
      ${this.where.length ? `WHERE ${this.where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`;
  }
}

const EMPTY = (): Page<View> => ({ items: [], nextAfter: null });

/** The units, officials, visits and meetings lists, read from the lists read model in one snapshot each. */
export class DirectoryListsQuery {
  private readonly live: LiveRead<ListsTable>;

  constructor(db: Database.Database) {
    this.live = new LiveRead(db, listsProjection);
  }

  units(filter: UnitListFilter): Page<View> {
    return this.live.read((t, prepare) => {
      const s = new Selection();
      if (!s.words('u.folded_name', filter.q)) return EMPTY();
      s.equal('u.parent_id', 'parentId', filter.parentId);
      s.equal('u.status', 'status', filter.status);
      s.equal('u.kind', 'kind', filter.kind);
      if (filter.under !== undefined) {
        s.ctes.push(`under_units(id) AS (
          SELECT @under UNION SELECT u.unit_id FROM "${t.units}" u JOIN under_units d ON u.parent_id = d.id OR u.merged_into = d.id
        )`);
        s.params.under = filter.under;
        s.where.push('u.unit_id IN (SELECT id FROM under_units) AND u.unit_id <> @under');
      }
      s.after('unitId', filter.after, 'u.unit_id', 'u.unit_id', false);
      const rows = prepare(s.sql(`SELECT u.unit_id AS key, u.view FROM "${t.units}" u`, 'u.unit_id', filter.limit)).all(
        s.params,
      ) as Keyed[];
      return pageOf(rows, filter.limit, viewOf, (row) => ({ sort: 'unitId', value: row.key, key: row.key }));
    }, EMPTY);
  }

  officials(filter: OfficialListFilter): Page<View> {
    return this.live.read((t, prepare) => {
      const s = new Selection();
      if (!s.words('o.folded_name', filter.q)) return EMPTY();
      s.equal('o.unit_id', 'unitId', filter.unitId);
      s.equal('o.status', 'status', filter.status);
      if (filter.assignedUnitId !== undefined) {
        Object.assign(s.params, { assignedUnitId: filter.assignedUnitId, on: vietnamDayOf(filter.on) });
        s.where.push(`o.official_id IN (SELECT official_id FROM "${t.assignments}"
          WHERE unit_id = @assignedUnitId AND first_day <= @on AND last_day >= @on)`);
      }
      s.after('officialId', filter.after, 'o.official_id', 'o.official_id', false);
      const sql = s.sql(`SELECT o.official_id AS key, o.view FROM "${t.officials}" o`, 'o.official_id', filter.limit);
      const rows = prepare(sql).all(s.params) as Keyed[];
      return pageOf(rows, filter.limit, viewOf, (row) => ({ sort: 'officialId', value: row.key, key: row.key }));
    }, EMPTY);
  }

  /** Whether the unit is registered (whatever its status now). */
  hasUnit(unitId: string): boolean {
    return this.live.read(
      (t, prepare) => prepare(`SELECT 1 FROM "${t.units}" WHERE unit_id = ?`).get(unitId) !== undefined,
      () => false,
    );
  }

  visits(filter: VisitListFilter, scope: ListScope): Page<View> {
    return this.live.read((t, prepare) => {
      const s = new Selection();
      s.scoped('v.unit_id', 'v.planned_ms', scope, t);
      s.unit('v.unit_id', 'v.planned_ms', filter.unitId, filter.below, t);
      s.equal('v.kind', 'kind', filter.kind);
      s.equal('v.status', 'status', filter.status);
      period(s, 'v.planned_ms', filter);
      if (filter.participantId !== undefined) {
        s.params.participantId = filter.participantId;
        s.where.push(`v.visit_key IN (SELECT visit_key FROM "${t.visit_people}" WHERE official_id = @participantId)`);
      }
      const sort = filter.descending ? '-plannedFor' : 'plannedFor';
      s.after(sort, filter.after, 'v.planned_ms', 'v.visit_key', filter.descending);
      const direction = filter.descending ? 'DESC' : 'ASC';
      const sql = s.sql(
        `SELECT v.visit_key AS key, v.planned_ms AS value, v.view FROM "${t.visits}" v`,
        `v.planned_ms ${direction}, v.visit_key ${direction}`,
        filter.limit,
      );
      const rows = prepare(sql).all(s.params) as Sorted[];
      return pageOf(rows, filter.limit, viewOf, (row) => ({ sort, value: row.value, key: row.key }));
    }, EMPTY);
  }

  meetings(filter: MeetingListFilter, scope: ListScope): Page<View> {
    return this.live.read((t, prepare) => {
      const s = new Selection();
      s.scoped('m.unit_id', 'm.held_ms', scope, t);
      s.unit('m.unit_id', 'm.held_ms', filter.unitId, filter.below, t);
      s.equal('m.kind', 'kind', filter.kind);
      period(s, 'm.held_ms', filter);
      if (filter.attendeeId !== undefined) {
        s.params.attendeeId = filter.attendeeId;
        s.where.push(`m.meeting_key IN (SELECT meeting_key FROM "${t.meeting_people}" WHERE official_id = @attendeeId)`);
      }
      const sort = filter.descending ? '-heldAt' : 'heldAt';
      s.after(sort, filter.after, 'm.held_ms', 'm.meeting_key', filter.descending);
      const direction = filter.descending ? 'DESC' : 'ASC';
      const sql = s.sql(
        `SELECT m.meeting_key AS key, m.held_ms AS value, m.view FROM "${t.meetings}" m`,
        `m.held_ms ${direction}, m.meeting_key ${direction}`,
        filter.limit,
      );
      const rows = prepare(sql).all(s.params) as Sorted[];
      return pageOf(rows, filter.limit, viewOf, (row) => ({ sort, value: row.value, key: row.key }));
    }, EMPTY);
  }
}

type Keyed = { key: string; view: string };
type Sorted = { key: number; value: number; view: string };

function viewOf(row: { view: string }): View {
  return JSON.parse(row.view) as View;
}

/** From (inclusive) and to (exclusive), instants. */
function period(s: Selection, column: string, filter: PeriodFilter): void {
  if (filter.from !== undefined) {
    s.params.from = Date.parse(filter.from);
    s.where.push(`${column} >= @from`);
  }
  if (filter.to !== undefined) {
    s.params.to = Date.parse(filter.to);
    s.where.push(`${column} < @to`);
  }
}
