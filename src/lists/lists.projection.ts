import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import type { Projection, TableNames } from '../projections/projection.js';
import { listRowWriter } from './list-row-writer.js';
import { LIST_INDEXES, LIST_SCHEMA } from './list-rows.js';
import { ListsBatchFold } from './lists-batch-fold.js';
import type { ListsFoldedBatch } from './lists-rebuild-fold.js';
import { LISTS_TABLES, type ListsTable } from './lists-tables.js';

export type { ListsTable } from './lists-tables.js';

/**
 * The lists and the search: one row per case, unit, official, visit and meeting, with the columns the
 * filters and sorts read, the view a list shows, and the cases' searchable text (FTS5, diacritics
 * folded). Every stream a batch touches is folded again once, at the end of the batch, from its stored
 * facts (lists-batch-fold.ts), by its own fold (list-row-folds.ts: cases/case-facts.ts for a case, the
 * aggregate's decider otherwise), so a correction changes the row as it changes the aggregate. Facts are
 * stored without personal data: the reporter of a case (and of a case a visit finding opened) never
 * enters this file.
 *
 * A stream's facts are stored as one JSON array per batch that added to it (keyed by the revision of
 * its first fact), not one row per fact: most streams arrive whole in one batch, so a case is one row
 * and one JSON encoding instead of eight or nine, which was most of the rebuild's cost.
 */
export const listsProjection: Projection<ListsTable> = {
  name: 'lists',
  // 2: a unit's view shows its parents over time; 3: a case's suspension (the suspended filter, suspendedAt);
  // 4: query indexes built after a rebuild's last batch, contentless search text; 5: a unit's remote-area designations;
  // 6: the search text in one column per field (weighed by relevance) and each case's texts as recorded (snippets);
  // 7: the facts in a rowid table, the cases' views and texts in a table of their own.
  version: 7,
  tables: LISTS_TABLES,

  schema(db, tables) {
    // A rowid table, not WITHOUT ROWID: a row is a stream's facts (kilobytes), and kept in the key's
    // order they made every insert move large cells about a page split; in rowid order they are
    // appended, and the key's index holds only the key (3.6 of 40 s of CPU in a rebuild of 1,000,000 events).
    db.exec(`
      CREATE TABLE "${tables.facts}" (
        stream_id      TEXT    NOT NULL,
        first_revision INTEGER NOT NULL,
        facts          TEXT    NOT NULL,
        PRIMARY KEY (stream_id, first_revision)
      ) STRICT;
    `);
    LIST_SCHEMA(db, tables);
  },

  indexes(db, tables) {
    LIST_INDEXES(db, tables);
  },

  applier(db, tables) {
    const insertFacts = db.prepare(`INSERT OR REPLACE INTO "${tables.facts}" VALUES (?, ?, ?)`);
    const factsOf = db.prepare(`SELECT facts FROM "${tables.facts}" WHERE stream_id = ? ORDER BY first_revision`).pluck();
    const findingsOf = db.prepare(`SELECT text FROM "${tables.case_findings}" WHERE case_id = ? ORDER BY finding_id`).pluck();
    const writeRow = listRowWriter(db, tables);
    const batch = new ListsBatchFold({
      factsBefore(streamId) {
        const facts: Fact<DomainEvent>[] = [];
        for (const text of factsOf.all(streamId) as string[]) for (const fact of JSON.parse(text) as Fact<DomainEvent>[]) facts.push(fact);
        return facts;
      },
      // Read as the batch writes them: the findings of this batch's visits are written before its cases are folded.
      findingsOf: (caseId) => findingsOf.all(caseId) as string[],
    });
    const output = {
      facts: (streamId: string, firstRevision: number, facts: string) => insertFacts.run(streamId, firstRevision, facts),
      row: writeRow,
    };
    return {
      startOfBatch: () => batch.start(),
      apply: (event: RecordedEvent) => batch.add(event),
      endOfBatch: () => batch.finish(output),
    };
  },

  // A rebuild folds in its reader thread (lists-rebuild-fold.ts) what the applier folds, and writes here
  // the same rows and facts in the same order.
  rebuildFold: {
    module: new URL('./lists-rebuild-fold.js', import.meta.url),
    writer(db, tables) {
      const insertFacts = db.prepare(`INSERT OR REPLACE INTO "${tables.facts}" VALUES (?, ?, ?)`);
      const writeRow = listRowWriter(db, tables);
      return (folded) => {
        const { facts, rows } = folded as ListsFoldedBatch;
        for (const row of facts) insertFacts.run(row);
        for (const [row, fresh] of rows) writeRow(row, fresh);
      };
    },
  },
};

export type ListTables = TableNames<ListsTable>;
