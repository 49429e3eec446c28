import type Database from 'better-sqlite3';
import { caseHistoryOf } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import { withCorrections } from '../domain-kit/corrections.js';
import { fold, type DomainEvent, type Fact } from '../domain-kit/decider.js';
import { meetingDecider } from '../meetings/meeting.decider.js';
import type { MeetingEvent } from '../meetings/meeting.events.js';
import { meetingView } from '../meetings/http/meeting.view.js';
import { officialDecider } from '../officials/official.decider.js';
import type { OfficialEvent } from '../officials/official.events.js';
import { officialView } from '../officials/http/official.view.js';
import { lastDayOf } from '../officials/responsibility-assignments.js';
import { unitDecider } from '../organisation/unit.decider.js';
import type { UnitEvent } from '../organisation/unit.events.js';
import { unitView } from '../organisation/http/unit.view.js';
import type { TableNames } from '../projections/projection.js';
import { visitDecider } from '../visits/visit.decider.js';
import type { VisitEvent } from '../visits/visit.events.js';
import { visitView } from '../visits/http/visit.view.js';
import { foldedText } from './folded-text.js';
import { END_OF_TIME, FIRST_DAY } from './list-scope.js';
import { parentPeriods } from '../organisation/unit-parents.js';
import { caseListItem } from './case-list-item.js';
import type { CaseTexts } from './case-texts.js';
import type { ListsTable } from './lists-tables.js';

export type ListKind = 'case' | 'unit' | 'official' | 'visit' | 'meeting';

/** Folds one stream's facts and writes its row; answers the cases whose text it changed (a visit's findings). */
type RowWriter = (streamId: string, facts: readonly Fact<DomainEvent>[], fresh: boolean) => readonly string[];

const NONE: readonly string[] = [];

/**
 * The due date of a case without one: later than any instant, so that sorting by due needs no
 * expression (the indexes on due_ms serve it) and no due-date filter ever matches it.
 */
export const NO_DUE = 9_007_199_254_740_991;

/** The rows of every list (the indexes their filters and sorts use are LIST_INDEXES). */
export function LIST_SCHEMA(db: Database.Database, t: TableNames<ListsTable>): void {
  db.exec(`
    CREATE TABLE "${t.cases}" (
      case_key             INTEGER PRIMARY KEY,
      case_id              TEXT    NOT NULL UNIQUE,
      status               TEXT    NOT NULL,
      category             TEXT    NOT NULL,
      channel              TEXT    NOT NULL,
      classification       TEXT,
      received_unit_id     TEXT    NOT NULL,
      current_unit_id      TEXT    NOT NULL,
      assigned_official_id TEXT,
      assigned_unit_id     TEXT,
      received_ms          INTEGER NOT NULL,
      due_ms               INTEGER NOT NULL,
      last_activity_ms     INTEGER NOT NULL,
      reported_upward      INTEGER NOT NULL,
      suspended            INTEGER NOT NULL
    ) STRICT;
    -- The view a list shows and the texts as recorded (a search result's snippet), apart from the columns
    -- filters and sorts read: a rebuild's query indexes are each built by a scan of the cases table,
    -- which the views (most of its bytes) made eight scans of every view.
    CREATE TABLE "${t.case_views}" (
      case_key INTEGER PRIMARY KEY,
      view     TEXT NOT NULL,
      texts    TEXT NOT NULL
    ) STRICT;
    -- Contentless: a search reads the rowid (the case_key) and bm25's figures, which the index holds, so
    -- the folded text is indexed, not kept; a result's snippet is found again in the case's texts as
    -- recorded (the texts column). contentless_delete lets a case's text be replaced by rowid all the same.
    -- One column per field, so that relevance can weigh a word in the summary above one in an action.
    CREATE VIRTUAL TABLE "${t.case_text}" USING fts5(
      summary, outcomes, actions, findings,
      tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1
    );
    CREATE TABLE "${t.case_findings}" (
      case_id    TEXT NOT NULL,
      finding_id TEXT NOT NULL,
      text       TEXT NOT NULL,
      PRIMARY KEY (case_id, finding_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE "${t.units}" (
      unit_id     TEXT PRIMARY KEY,
      parent_id   TEXT,
      merged_into TEXT,
      status      TEXT NOT NULL,
      kind        TEXT NOT NULL,
      folded_name TEXT NOT NULL,
      view        TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE "${t.unit_parents}" (
      unit_id   TEXT NOT NULL,
      first_day TEXT NOT NULL,
      end_day   TEXT NOT NULL,
      parent_id TEXT NOT NULL,
      PRIMARY KEY (unit_id, first_day)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE "${t.officials}" (
      official_id TEXT PRIMARY KEY,
      unit_id     TEXT NOT NULL,
      status      TEXT NOT NULL,
      folded_name TEXT NOT NULL,
      view        TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE "${t.assignments}" (
      official_id   TEXT NOT NULL,
      assignment_id TEXT NOT NULL,
      unit_id       TEXT NOT NULL,
      first_day     TEXT NOT NULL,
      last_day      TEXT NOT NULL,
      PRIMARY KEY (official_id, assignment_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE "${t.visits}" (
      visit_key  INTEGER PRIMARY KEY,
      visit_id   TEXT    NOT NULL UNIQUE,
      unit_id    TEXT    NOT NULL,
      kind       TEXT    NOT NULL,
      status     TEXT    NOT NULL,
      planned_ms INTEGER NOT NULL,
      view       TEXT    NOT NULL
    ) STRICT;
    CREATE TABLE "${t.visit_people}" (
      official_id TEXT    NOT NULL,
      visit_key   INTEGER NOT NULL,
      PRIMARY KEY (official_id, visit_key)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE "${t.meetings}" (
      meeting_key INTEGER PRIMARY KEY,
      meeting_id  TEXT    NOT NULL UNIQUE,
      unit_id     TEXT    NOT NULL,
      kind        TEXT    NOT NULL,
      held_ms     INTEGER NOT NULL,
      view        TEXT    NOT NULL
    ) STRICT;
    CREATE TABLE "${t.meeting_people}" (
      official_id TEXT    NOT NULL,
      meeting_key INTEGER NOT NULL,
      PRIMARY KEY (official_id, meeting_key)
    ) STRICT, WITHOUT ROWID;
  `);
}

/**
 * The indexes the lists' filters and sorts use. None serves the row writers (their upserts go by the
 * tables' own keys), so a rebuild creates them once its tables are full.
 */
export function LIST_INDEXES(db: Database.Database, t: TableNames<ListsTable>): void {
  db.exec(`
    CREATE INDEX "${t.cases}_received" ON "${t.cases}" (received_ms, case_key);
    CREATE INDEX "${t.cases}_activity" ON "${t.cases}" (last_activity_ms, case_key);
    CREATE INDEX "${t.cases}_due" ON "${t.cases}" (status, due_ms, case_key);
    CREATE INDEX "${t.cases}_unit" ON "${t.cases}" (current_unit_id, received_ms, case_key);
    CREATE INDEX "${t.cases}_unit_due" ON "${t.cases}" (current_unit_id, status, due_ms);
    CREATE INDEX "${t.cases}_official" ON "${t.cases}" (assigned_official_id, status, due_ms);
    CREATE INDEX "${t.cases}_assigned_unit" ON "${t.cases}" (assigned_unit_id, status, due_ms);
    -- The worklists' must-report matters not yet reported upward: three equalities, so the planner
    -- prefers it to _due (status alone), which read every open case. (A partial index on the same
    -- WHERE was never chosen by the planner.)
    CREATE INDEX "${t.cases}_report" ON "${t.cases}" (status, classification, reported_upward, due_ms, case_key);
    CREATE INDEX "${t.units}_parent" ON "${t.units}" (parent_id);
    CREATE INDEX "${t.units}_merged_into" ON "${t.units}" (merged_into);
    CREATE INDEX "${t.unit_parents}_parent" ON "${t.unit_parents}" (parent_id, unit_id);
    CREATE INDEX "${t.officials}_unit" ON "${t.officials}" (unit_id);
    CREATE INDEX "${t.assignments}_unit" ON "${t.assignments}" (unit_id, first_day);
    CREATE INDEX "${t.visits}_unit" ON "${t.visits}" (unit_id, planned_ms);
    CREATE INDEX "${t.visits}_planned" ON "${t.visits}" (planned_ms, visit_key);
    CREATE INDEX "${t.meetings}_unit" ON "${t.meetings}" (unit_id, held_ms);
    CREATE INDEX "${t.meetings}_held" ON "${t.meetings}" (held_ms, meeting_key);
  `);
}

/** One writer per kind of stream: the fold of that aggregate, then its row (replaced whole). */
export function listRowWriters(db: Database.Database, t: TableNames<ListsTable>): Record<ListKind, RowWriter> {
  const writeCase = keyedRowWriter(db, t.cases, 'case_key', [
    'case_id',
    'status',
    'category',
    'channel',
    'classification',
    'received_unit_id',
    'current_unit_id',
    'assigned_official_id',
    'assigned_unit_id',
    'received_ms',
    'due_ms',
    'last_activity_ms',
    'reported_upward',
    'suspended',
  ]);
  const writeCaseView = db.prepare(`INSERT OR REPLACE INTO "${t.case_views}" VALUES (?, ?, ?)`);
  const deleteText = db.prepare(`DELETE FROM "${t.case_text}" WHERE rowid = ?`);
  const insertText = db.prepare(`INSERT INTO "${t.case_text}" (rowid, summary, outcomes, actions, findings) VALUES (?, ?, ?, ?, ?)`);
  const findingsOf = db.prepare(`SELECT text FROM "${t.case_findings}" WHERE case_id = ? ORDER BY finding_id`).pluck();
  const upsertFinding = db.prepare(`INSERT OR REPLACE INTO "${t.case_findings}" VALUES (?, ?, ?)`);
  const upsertUnit = db.prepare(`INSERT OR REPLACE INTO "${t.units}" VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const clearParents = db.prepare(`DELETE FROM "${t.unit_parents}" WHERE unit_id = ?`);
  const insertParent = db.prepare(`INSERT OR REPLACE INTO "${t.unit_parents}" VALUES (?, ?, ?, ?)`);
  const upsertOfficial = db.prepare(`INSERT OR REPLACE INTO "${t.officials}" VALUES (?, ?, ?, ?, ?)`);
  const clearAssignments = db.prepare(`DELETE FROM "${t.assignments}" WHERE official_id = ?`);
  const insertAssignment = db.prepare(`INSERT OR REPLACE INTO "${t.assignments}" VALUES (?, ?, ?, ?, ?)`);
  const writeVisit = keyedRowWriter(db, t.visits, 'visit_key', ['visit_id', 'unit_id', 'kind', 'status', 'planned_ms', 'view']);
  // Only a corrected visit or meeting clears its people: a scan, rather than an index every insert pays for.
  const clearVisitPeople = db.prepare(`DELETE FROM "${t.visit_people}" WHERE visit_key = ?`);
  const insertVisitPeople = peopleInserter(db, t.visit_people);
  const writeMeeting = keyedRowWriter(db, t.meetings, 'meeting_key', ['meeting_id', 'unit_id', 'kind', 'held_ms', 'view']);
  const clearMeetingPeople = db.prepare(`DELETE FROM "${t.meeting_people}" WHERE meeting_key = ?`);
  const insertMeetingPeople = peopleInserter(db, t.meeting_people);

  return {
    case(_streamId, facts, fresh) {
      const history = caseHistoryOf(facts as readonly Fact<CaseEvent>[]);
      if (history === null) return NONE;
      const c = history.case;
      const texts: CaseTexts = { summary: c.summary, outcomes: [], actions: [], findings: findingsOf.all(c.caseId) as string[] };
      for (const fact of history.facts) {
        if (fact.type === 'CaseActionRecorded') texts.actions.push(fact.data.description);
        else if (fact.type === 'CaseResolved') texts.outcomes.push(fact.data.outcome);
      }
      // Positional parameters: binding by name costs a few microseconds a row.
      const key = writeCase(
        [
          c.caseId,
          c.status,
          c.category,
          c.channel,
          c.classification,
          c.receivedUnitId,
          c.currentUnitId,
          c.assignee?.officialId ?? null,
          c.assignee?.unitId ?? null,
          Date.parse(c.receivedAt),
          c.dueAt === null ? NO_DUE : Date.parse(c.dueAt),
          Date.parse(c.lastOccurredAt),
          c.reportedUpwardAt === null ? 0 : 1,
          c.suspension === null ? 0 : 1,
        ],
        fresh,
      );
      writeCaseView.run(key, JSON.stringify(caseListItem(c)), JSON.stringify(texts));
      if (!fresh) deleteText.run(key);
      insertText.run(
        key,
        foldedText(texts.summary),
        foldedText(texts.outcomes.join('\n')),
        foldedText(texts.actions.join('\n')),
        foldedText(texts.findings.join('\n')),
      );
      return NONE;
    },

    unit(_streamId, facts) {
      const state = fold(unitDecider, withCorrections(facts as readonly Fact<UnitEvent>[]));
      if (state.status === 'unregistered') return NONE;
      upsertUnit.run(
        state.unitId,
        state.parentId,
        state.mergedIntoUnitId,
        state.status,
        state.kind,
        foldedText([state.name, ...state.formerNames].join('\n')),
        JSON.stringify(unitView(state)),
      );
      clearParents.run(state.unitId);
      for (const period of parentPeriods({ parentId: state.registeredParentId, moves: state.moves }))
        if (period.parentId !== null) insertParent.run(state.unitId, period.from ?? FIRST_DAY, period.to ?? END_OF_TIME, period.parentId);
      return NONE;
    },

    official(_streamId, facts, fresh) {
      const state = fold(officialDecider, withCorrections(facts as readonly Fact<OfficialEvent>[]));
      if (state.status === 'unregistered') return NONE;
      upsertOfficial.run(state.officialId, state.unitId, state.status, foldedText(state.fullName), JSON.stringify(officialView(state)));
      if (!fresh) clearAssignments.run(state.officialId);
      for (const assignment of state.assignments)
        insertAssignment.run(
          state.officialId,
          assignment.assignmentId,
          assignment.unitId,
          assignment.from,
          lastDayOf(assignment) ?? '9999-12-31',
        );
      return NONE;
    },

    visit(_streamId, facts, fresh) {
      const state = fold(visitDecider, withCorrections(facts as readonly Fact<VisitEvent>[]));
      if (state.status === 'not-scheduled') return NONE;
      const key = writeVisit(
        [state.visitId, state.unitId, state.kind, state.status, Date.parse(state.plannedFor), JSON.stringify(visitView(state))],
        fresh,
      );
      if (!fresh) clearVisitPeople.run(key);
      insertVisitPeople(new Set([...state.participants, ...(state.conduct?.presentParticipants ?? [])]), key);
      const casesNamed: string[] = [];
      for (const finding of state.findings) {
        if (finding.caseId === null) continue;
        upsertFinding.run(finding.caseId, finding.findingId, finding.text);
        casesNamed.push(finding.caseId);
      }
      return casesNamed;
    },

    meeting(_streamId, facts, fresh) {
      const state = fold(meetingDecider, withCorrections(facts as readonly Fact<MeetingEvent>[]));
      if (state.status === 'unrecorded') return NONE;
      const key = writeMeeting(
        [state.meetingId, state.unitId, state.kind, Date.parse(state.heldAt), JSON.stringify(meetingView(state))],
        fresh,
      );
      if (!fresh) clearMeetingPeople.run(key);
      insertMeetingPeople(new Set(state.attendees), key);
      return NONE;
    },
  };
}

/**
 * Writes the row of a table keyed by an integer (its rowid: rows are keyed in the order they first
 * appear) and unique by an id (the first column), replacing every other column, and answers the key:
 * a lookup by the id, then an UPDATE or an INSERT. Not one upsert with RETURNING: in a rebuild of
 * 1,000,000 events that measured about four times the cost of the lookup and the plain INSERT.
 * A fresh stream (no facts stored before this batch) has no row yet, since a row is only ever written
 * from stored facts: it is inserted without the lookup, and a row that did exist would fail the insert
 * on the id's uniqueness rather than be duplicated.
 */
function keyedRowWriter(
  db: Database.Database,
  table: string,
  keyColumn: string,
  columns: readonly string[],
): (values: readonly (string | number | null)[], fresh: boolean) => number {
  const [idColumn, ...others] = columns;
  const keyOf = db.prepare<[string | number | null], number>(`SELECT ${keyColumn} FROM "${table}" WHERE ${idColumn} = ?`).pluck();
  const insert = db.prepare(`INSERT INTO "${table}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const update = db.prepare(`UPDATE "${table}" SET ${others.map((column) => `${column} = ?`).join(', ')} WHERE ${keyColumn} = ?`);
  return (values, fresh) => {
    const key = fresh ? undefined : keyOf.get(values[0]);
    if (key === undefined) return Number(insert.run(values).lastInsertRowid);
    update.run([...values.slice(1), key]);
    return key;
  };
}

/** Rows of one statement at most: well under SQLite's limit of 32,766 parameters. */
const PEOPLE_PER_STATEMENT = 64;

/**
 * Writes the (official, key) rows of a visit's or a meeting's people with one INSERT per 64 of them
 * rather than one per person: a meeting has dozens of attendees, and each statement run costs more
 * than the row it adds. The statements are prepared once per number of rows.
 */
function peopleInserter(db: Database.Database, table: string): (officialIds: ReadonlySet<string>, key: number) => void {
  const statements = new Map<number, Database.Statement>();
  const statementFor = (rows: number): Database.Statement => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = db.prepare(`INSERT OR IGNORE INTO "${table}" VALUES ${Array.from({ length: rows }, () => '(?, ?)').join(', ')}`);
      statements.set(rows, statement);
    }
    return statement;
  };
  return (officialIds, key) => {
    const ids = [...officialIds];
    for (let start = 0; start < ids.length; start += PEOPLE_PER_STATEMENT) {
      const chunk = ids.slice(start, start + PEOPLE_PER_STATEMENT);
      const parameters: (string | number)[] = [];
      for (const officialId of chunk) parameters.push(officialId, key);
      statementFor(chunk.length).run(parameters);
    }
  };
}
