import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { JsonObject, RecordedEvent } from '../ledger/event-store.port.js';
import type { Projection, TableNames } from '../projections/projection.js';
import { LIST_SCHEMA, listRowWriters, type ListKind } from './list-rows.js';
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
 */
export const listsProjection: Projection<ListsTable> = {
  name: 'lists',
  // 2: a unit's view shows its parents over time.
  // 3: a unit's view shows its remote-area designations (remoteArea).
  version: 3,
  tables: LISTS_TABLES,

  schema(db, tables) {
    db.exec(`
      CREATE TABLE "${tables.facts}" (
        stream_id TEXT    NOT NULL,
        revision  INTEGER NOT NULL,
        fact      TEXT    NOT NULL,
        PRIMARY KEY (stream_id, revision)
      ) STRICT, WITHOUT ROWID;
    `);
    LIST_SCHEMA(db, tables);
  },

  applier(db, tables) {
    const insertFact = db.prepare(`INSERT OR REPLACE INTO "${tables.facts}" VALUES (?, ?, ?)`);
    const factsOf = db.prepare(`SELECT fact FROM "${tables.facts}" WHERE stream_id = ? ORDER BY revision`).pluck();
    const writers = listRowWriters(db, tables);
    // Per stream touched by the batch: its facts so far (loaded once), its kind, and whether it began in
    // this batch (fresh: it has no rows yet, so there are none to clear before writing them).
    const touched = new Map<string, { kind: ListKind; facts: Fact<DomainEvent>[]; fresh: boolean }>();
    const factsFor = (streamId: string, kind: ListKind) => {
      let entry = touched.get(streamId);
      if (!entry) {
        const facts = (factsOf.all(streamId) as string[]).map((text) => JSON.parse(text) as Fact<DomainEvent>);
        entry = { kind, facts, fresh: facts.length === 0 };
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
        insertFact.run(event.streamId, event.streamRevision, JSON.stringify(fact));
        entry.facts.push(fact);
      },
      endOfBatch() {
        // Visits first: their findings are part of the text of the cases they opened.
        const order: readonly ListKind[] = ['unit', 'official', 'visit', 'meeting', 'case'];
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
