import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { JsonObject, RecordedEvent } from '../ledger/event-store.port.js';
import type { Projection, TableNames } from '../projections/projection.js';
import { LIST_INDEXES, LIST_SCHEMA, listRowWriters, type ListKind } from './list-rows.js';
import { LISTS_TABLES, type ListsTable } from './lists-tables.js';

export type { ListsTable } from './lists-tables.js';

const KINDS: Readonly<Record<string, ListKind>> = {
  'case-': 'case',
  'unit-': 'unit',
  'official-': 'official',
  'visit-': 'visit',
  'meeting-': 'meeting',
};

/**
 * The lists and the search: one row per case, unit, official, visit and meeting, with the columns the
 * filters and sorts read, the view a list shows, and the cases' searchable text (FTS5, diacritics
 * folded). Every stream a batch touches is folded again once, at the end of the batch, from its stored
 * facts, by its own fold (cases/case-facts.ts for a case, the aggregate's decider otherwise), so a
 * correction changes the row as it changes the aggregate. Facts are stored without personal data: the
 * reporter of a case (and of a case a visit finding opened) never enters this file.
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
    const writers = listRowWriters(db, tables);
    // Per stream touched by the batch: its facts so far (loaded once), its kind, whether it began in
    // this batch (fresh: it has no rows yet, so there are none to clear before writing them), and the
    // facts this batch added (stored together at the end of the batch).
    interface Touched {
      readonly kind: ListKind;
      readonly facts: Fact<DomainEvent>[];
      readonly fresh: boolean;
      firstNewRevision: number;
      added: Fact<DomainEvent>[];
    }
    const touched = new Map<string, Touched>();
    const factsFor = (streamId: string, kind: ListKind): Touched => {
      let entry = touched.get(streamId);
      if (!entry) {
        const facts: Fact<DomainEvent>[] = [];
        for (const text of factsOf.all(streamId) as string[]) for (const fact of JSON.parse(text) as Fact<DomainEvent>[]) facts.push(fact);
        entry = { kind, facts, fresh: facts.length === 0, firstNewRevision: -1, added: [] };
        touched.set(streamId, entry);
      }
      return entry;
    };
    return {
      startOfBatch() {
        touched.clear();
      },
      apply(event: RecordedEvent) {
        const kind = kindOf(event.streamId);
        if (kind === null) return;
        const fact = factWithoutPersonalData(event);
        // Its facts so far are read before this one is stored, which is then added once.
        const entry = factsFor(event.streamId, kind);
        if (entry.added.length === 0) entry.firstNewRevision = event.streamRevision;
        entry.added.push(fact);
        entry.facts.push(fact);
      },
      endOfBatch() {
        // Visits first: their findings are part of the text of the cases they opened.
        const order: readonly ListKind[] = ['unit', 'official', 'visit', 'meeting', 'case'];
        for (const [streamId, entry] of touched)
          if (entry.added.length > 0) insertFacts.run(streamId, entry.firstNewRevision, JSON.stringify(entry.added));
        const casesNamed = new Set<string>();
        for (const kind of order) {
          if (kind === 'case') for (const caseId of casesNamed) factsFor(`case-${caseId}`, 'case');
          for (const [streamId, entry] of touched) {
            if (entry.kind !== kind) continue;
            const named = writers[kind](streamId, entry.facts, entry.fresh);
            for (const caseId of named) casesNamed.add(caseId);
          }
        }
      },
    };
  },
};

export type ListTables = TableNames<ListsTable>;

function kindOf(streamId: string): ListKind | null {
  const dash = streamId.indexOf('-');
  return dash < 0 ? null : (KINDS[streamId.slice(0, dash + 1)] ?? null);
}

/** The fact a fold reads, without the reporter of a case (nor of the case a finding opened). */
function factWithoutPersonalData(event: RecordedEvent): Fact<DomainEvent> {
  let data: JsonObject = event.data;
  if (event.type === 'CaseReceived') {
    const { reporter: _reporter, ...rest } = data;
    data = rest;
  } else if (event.type === 'VisitFindingRecorded') {
    const { caseReceipt: _receipt, ...rest } = data;
    data = rest;
  }
  return { type: event.type, data, eventId: event.eventId, occurredAt: event.metadata.occurredAt };
}
