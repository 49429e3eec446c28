import type Database from 'better-sqlite3';
import { endOfVietnamDay, vietnamDayOf } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { CaseCategory, CaseChannel, CaseClassification } from '../cases/case.events.js';
import { LiveRead } from '../projections/live-read.js';
import type { CaseListItem } from './case-list-item.js';
import { RELEVANCE_WEIGHTS, searchedTexts, type CaseTexts } from './case-texts.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { ftsMatchOf, parseSearch, rankedMatchOf } from './search-query.js';
import { snippetOf, type Snippet } from './search-snippet.js';
import { pageOf, positionOf, type Page } from './list-page.js';
import { filterUnitsCte, scopeUnitsCte, TODAYS_TREE, unitOnDaySql, vietnamDaySql, type ListScope } from './list-scope.js';

/** The Vietnamese day a case was received on: the day whose tree places it. */
const RECEIVED_DAY = vietnamDaySql('c.received_ms');
import { listsProjection, type ListsTable } from './lists.projection.js';

/** relevance: the best match of q first (bm25), only with q. */
export const CASE_SORTS = ['received', '-received', 'due', '-due', 'lastActivity', '-lastActivity', 'relevance'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseListFilter {
  readonly unitId?: string;
  /** With unitId: the units under it too. */
  readonly below?: boolean;
  readonly status?: 'open' | 'resolved' | 'closed';
  readonly category?: CaseCategory;
  readonly classification?: CaseClassification | 'unclassified';
  readonly channel?: CaseChannel;
  readonly assignedOfficialId?: string;
  readonly assignedUnitId?: string;
  readonly receivedFrom?: string;
  readonly receivedTo?: string;
  readonly dueBefore?: string;
  /** Open cases whose due date is past as of asOf. */
  readonly overdue?: boolean;
  /** Open cases due from asOf to the end of the N-th working day after asOf's day. */
  readonly dueWithinWorkingDays?: number;
  /**
   * The official's responsibility as of asOf's day: cases in the units they are in charge of (and the
   * units under them), or assigned to them.
   */
  readonly inChargeOf?: string;
  /** Cases whose handling is suspended now (true), or running (false). */
  readonly suspended?: boolean;
  /** Must-report matters not yet reported upward (open). */
  readonly notReportedUpward?: boolean;
  readonly asOf: string;
  readonly q?: string;
  readonly sort: CaseSort;
  readonly after?: string;
  readonly limit: number;
  /** Also count every case the filters find (all pages), for a figure that links to its list. */
  readonly count?: boolean;
}

/** A case found by a search carries the snippet of where its words matched (null if they matched nowhere a snippet can show). */
export type CaseListEntry = CaseListItem & { readonly snippet?: Snippet | null };
export type CaseListPage = Page<CaseListEntry> & { readonly total?: number };

// A case without a due date is stored as due at NO_DUE (list-row-folds.ts): it sorts after every dated one.
const SORT_COLUMNS: Record<Exclude<CaseSort, `-${string}`>, string> = {
  received: 'c.received_ms',
  due: 'c.due_ms',
  lastActivity: 'c.last_activity_ms',
  // bm25 answers lower for a better match: the ascending order puts the best first.
  relevance: 'm.score',
};

/** bm25 with each column's weight, in the index's column order (list-rows.ts). */
const BM25_WEIGHTS = [RELEVANCE_WEIGHTS.summary, RELEVANCE_WEIGHTS.outcomes, RELEVANCE_WEIGHTS.actions, RELEVANCE_WEIGHTS.findings].join(
  ', ',
);

type Row = { case_key: number; sort_value: number; view: string; texts: string | null };

/**
 * A search whose words occur in this many cases or more walks the sort's own index and keeps the cases
 * that match (their keys gathered once), stopping at the page's end: for "o nhiem", in a fifth of a
 * million-event province's cases, that is some 4 ms against 45 for reading and sorting every match.
 * A rarer search, or one with other filters or a scope, reads its matches, as the planner chooses by
 * itself. The order is the same either way.
 */
const COMMON_MATCHES = 1000;
/** The index ordered by the sort alone (list-rows.ts), when there is one. */
const WALKED_INDEX: Partial<Record<keyof typeof SORT_COLUMNS, string>> = { received: 'received', lastActivity: 'activity' };

function isCommon(t: Record<ListsTable, string>, prepare: (sql: string) => Database.Statement, match: string): boolean {
  const sql = `SELECT count(*) FROM (SELECT rowid FROM "${t.case_text}" WHERE "${t.case_text}" MATCH ? LIMIT ${COMMON_MATCHES})`;
  return (prepare(sql).pluck().get(match) as number) >= COMMON_MATCHES;
}

/** The case list and search, read from the lists read model in one snapshot. */
export class CaseListQuery {
  private readonly live: LiveRead<ListsTable>;

  constructor(
    db: Database.Database,
    private readonly calendar: WorkingDayCalendar,
  ) {
    this.live = new LiveRead(db, listsProjection);
  }

  /**
   * The page of cases within every scope given: the caller's, and for a worklist the official's own
   * responsibility (units in charge of, cases assigned).
   */
  list(filter: CaseListFilter, ...scopes: readonly ListScope[]): CaseListPage {
    if (filter.sort === 'relevance' && filter.q === undefined)
      throw new DomainError(
        'LIST.RELEVANCE_WITHOUT_SEARCH',
        'The sort "relevance" ranks the matches of a search: give q, or sort otherwise.',
        'invalid',
      );
    const search = filter.q === undefined ? null : parseSearch(filter.q);
    // A search of nothing but punctuation finds nothing, rather than everything.
    if (search !== null && search.phrases.length === 0) return { items: [], nextAfter: null, ...(filter.count && { total: 0 }) };
    const relevance = filter.sort === 'relevance';
    const descending = filter.sort.startsWith('-');
    const sortName = (descending ? filter.sort.slice(1) : filter.sort) as keyof typeof SORT_COLUMNS;
    const sortColumn = SORT_COLUMNS[sortName];
    const asOfMs = Date.parse(filter.asOf);
    const params: Record<string, unknown> = { limit: filter.limit + 1 };
    const ctes: string[] = [];
    const where: string[] = [];
    const tablesUsed = (t: Record<ListsTable, string>) => {
      scopes.forEach((scope, index) => {
        if (scope.everywhere) return;
        const name = `scope_units_${index}`;
        ctes.push(scopeUnitsCte(t.unit_parents, name));
        params[name] = JSON.stringify(scope.units);
        params[`subject_${index}`] = scope.subject;
        // As the guard reads one case: by the tree of the matter's day, or of today.
        const inScope = unitOnDaySql(name, 'c.current_unit_id', [RECEIVED_DAY, TODAYS_TREE]);
        where.push(`(${inScope} OR c.assigned_official_id = @subject_${index})`);
      });
      if (filter.unitId !== undefined) {
        ctes.push(filterUnitsCte(t.units, t.unit_parents));
        Object.assign(params, { unitId: filter.unitId, below: filter.below ? 1 : 0 });
        where.push(unitOnDaySql('filter_units', 'c.current_unit_id', [RECEIVED_DAY]));
      }
      if (filter.inChargeOf !== undefined) {
        ctes.push(`charge_units(id) AS (
          SELECT unit_id FROM "${t.assignments}" WHERE official_id = @inChargeOf AND first_day <= @chargeDay AND last_day >= @chargeDay
          UNION SELECT p.unit_id FROM "${t.unit_parents}" p JOIN charge_units s ON p.parent_id = s.id
            WHERE p.first_day <= @chargeDay AND p.end_day > @chargeDay
        )`);
        Object.assign(params, { inChargeOf: filter.inChargeOf, chargeDay: vietnamDayOf(filter.asOf) });
        where.push('(c.current_unit_id IN (SELECT id FROM charge_units) OR c.assigned_official_id = @inChargeOf)');
      }
      if (search !== null) {
        params.match = relevance ? rankedMatchOf(search) : ftsMatchOf(search);
        // Ranked, the matches are joined with their scores (the FROM below); otherwise only their keys are needed.
        if (!relevance) where.push(`c.case_key IN (SELECT rowid FROM "${t.case_text}" WHERE "${t.case_text}" MATCH @match)`);
      }
    };
    const equal = (column: string, name: string, value: unknown) => {
      if (value === undefined) return;
      params[name] = value;
      where.push(`c.${column} = @${name}`);
    };
    equal('status', 'status', filter.status);
    equal('category', 'category', filter.category);
    equal('channel', 'channel', filter.channel);
    equal('assigned_official_id', 'assignedOfficialId', filter.assignedOfficialId);
    equal('assigned_unit_id', 'assignedUnitId', filter.assignedUnitId);
    if (filter.classification === 'unclassified') where.push('c.classification IS NULL');
    else equal('classification', 'classification', filter.classification);
    if (filter.receivedFrom !== undefined) {
      params.receivedFrom = Date.parse(filter.receivedFrom);
      where.push('c.received_ms >= @receivedFrom');
    }
    if (filter.receivedTo !== undefined) {
      params.receivedTo = Date.parse(filter.receivedTo);
      where.push('c.received_ms < @receivedTo');
    }
    if (filter.dueBefore !== undefined) {
      params.dueBefore = Date.parse(filter.dueBefore);
      where.push('c.due_ms < @dueBefore');
    }
    if (filter.overdue) {
      params.asOf = asOfMs;
      where.push("c.status = 'open' AND c.due_ms < @asOf");
    }
    if (filter.dueWithinWorkingDays !== undefined) {
      params.asOf = asOfMs;
      params.dueHorizon = Date.parse(endOfVietnamDay(this.calendar.addWorkingDays(vietnamDayOf(filter.asOf), filter.dueWithinWorkingDays)));
      where.push("c.status = 'open' AND c.due_ms >= @asOf AND c.due_ms <= @dueHorizon");
    }
    if (filter.suspended !== undefined) {
      params.suspended = filter.suspended ? 1 : 0;
      where.push('c.suspended = @suspended');
    }
    if (filter.notReportedUpward) where.push("c.status = 'open' AND c.classification = 'must-report' AND c.reported_upward = 0");
    let afterClause: string | undefined;
    if (filter.after !== undefined) {
      const position = positionOf(filter.after, filter.sort);
      Object.assign(params, { afterValue: position.value, afterKey: position.key });
      where.push(
        (afterClause = descending
          ? `(${sortColumn} < @afterValue OR (${sortColumn} = @afterValue AND c.case_key < @afterKey))`
          : `(${sortColumn} > @afterValue OR (${sortColumn} = @afterValue AND c.case_key > @afterKey))`),
      );
    }
    const direction = descending ? 'DESC' : 'ASC';
    return this.live.read(
      (t, prepare) => {
        tablesUsed(t);
        // Only a search with nothing else narrowing it: under a commune's scope, say, the walk would
        // pass hundreds of matching cases of other communes for each one it keeps.
        const searchAlone = search !== null && where.length === (filter.after === undefined ? 1 : 2);
        const walk = searchAlone && WALKED_INDEX[sortName] !== undefined && isCommon(t, prepare, params.match as string);
        const ranked = `(SELECT rowid AS case_key, bm25("${t.case_text}", ${BM25_WEIGHTS}) AS score FROM "${t.case_text}"
            WHERE "${t.case_text}" MATCH @match) m JOIN "${t.cases}" c ON c.case_key = m.case_key`;
        const from = relevance ? ranked : walk ? `"${t.cases}" c INDEXED BY "${t.cases}_${WALKED_INDEX[sortName]}"` : `"${t.cases}" c`;
        const texts = search === null ? 'NULL' : `(SELECT v.texts FROM "${t.case_views}" v WHERE v.case_key = p.case_key)`;
        // The page's keys first, its views after: a search or a filter the indexes do not order sorts
        // every match, and sorting keys alone is far cheaper than sorting each match's whole view.
        const withCtes = ctes.length ? `WITH RECURSIVE ${ctes.join(', ')} ` : '';
        const sql = `${withCtes}
          SELECT p.case_key, p.sort_value, (SELECT v.view FROM "${t.case_views}" v WHERE v.case_key = p.case_key) AS view,
            ${texts} AS texts
          FROM (
            SELECT c.case_key, ${sortColumn} AS sort_value FROM ${from}
            ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY ${sortColumn} ${direction}, c.case_key ${direction} LIMIT @limit
          ) p
          ORDER BY p.sort_value ${direction}, p.case_key ${direction}`;
        const rows = prepare(sql).all(params) as Row[];
        const page = pageOf(
          rows,
          filter.limit,
          (row): CaseListEntry => {
            const item = JSON.parse(row.view) as CaseListItem;
            if (search === null || row.texts === null) return item;
            return { ...item, snippet: snippetOf(search, searchedTexts(JSON.parse(row.texts) as CaseTexts)) };
          },
          (row) => ({ sort: filter.sort, value: row.sort_value, key: row.case_key }),
        );
        if (!filter.count) return page;
        // The count is of the whole list, whichever page is asked.
        const counted = where.filter((clause) => clause !== afterClause);
        const countSql = `${withCtes}SELECT COUNT(*) AS n FROM ${relevance ? ranked : `"${t.cases}" c`} ${counted.length ? `WHERE ${counted.join(' AND ')}` : ''}`;
        const { afterValue: _value, afterKey: _key, limit: _limit, ...countParams } = params;
        return { ...page, total: (prepare(countSql).get(countParams) as { n: number }).n };
      },
      () => ({ items: [], nextAfter: null, ...(filter.count && { total: 0 }) }),
    );
  }
}
