import type Database from 'better-sqlite3';
import type { TableNames } from '../projections/projection.js';
import type { ListRow } from './list-row-folds.js';
import type { ListsTable } from './lists-tables.js';

/**
 * Writes a stream's row (list-row-folds.ts), replacing the one it had. `fresh`: the stream had no facts
 * before this batch, so it has no row yet and nothing of it needs clearing.
 */
export type ListRowWriter = (row: ListRow, fresh: boolean) => void;

/** The statements of every list, prepared once per generation. */
export function listRowWriter(db: Database.Database, t: TableNames<ListsTable>): ListRowWriter {
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

  return (row, fresh) => {
    switch (row.kind) {
      case 'case': {
        const key = writeCase(row.values, fresh);
        writeCaseView.run(key, row.view, row.texts);
        if (!fresh) deleteText.run(key);
        insertText.run(key, ...row.search);
        return;
      }
      case 'unit': {
        upsertUnit.run(row.values);
        const unitId = row.values[0];
        clearParents.run(unitId);
        for (const [firstDay, endDay, parentId] of row.parents) insertParent.run(unitId, firstDay, endDay, parentId);
        return;
      }
      case 'official': {
        upsertOfficial.run(row.values);
        const officialId = row.values[0];
        if (!fresh) clearAssignments.run(officialId);
        for (const assignment of row.assignments) insertAssignment.run(officialId, ...assignment);
        return;
      }
      case 'visit': {
        const key = writeVisit(row.values, fresh);
        if (!fresh) clearVisitPeople.run(key);
        insertVisitPeople(row.people, key);
        for (const finding of row.findings) upsertFinding.run(finding);
        return;
      }
      case 'meeting': {
        const key = writeMeeting(row.values, fresh);
        if (!fresh) clearMeetingPeople.run(key);
        insertMeetingPeople(row.people, key);
        return;
      }
      default:
        return row satisfies never;
    }
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
function peopleInserter(db: Database.Database, table: string): (officialIds: readonly string[], key: number) => void {
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
    for (let start = 0; start < officialIds.length; start += PEOPLE_PER_STATEMENT) {
      const chunk = officialIds.slice(start, start + PEOPLE_PER_STATEMENT);
      const parameters: (string | number)[] = [];
      for (const officialId of chunk) parameters.push(officialId, key);
      statementFor(chunk.length).run(parameters);
    }
  };
}
