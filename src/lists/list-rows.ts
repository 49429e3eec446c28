import type Database from 'better-sqlite3';
import type { TableNames } from '../projections/projection.js';
import type { ListsTable } from './lists-tables.js';

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
