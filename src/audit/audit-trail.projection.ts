import type { JsonObject } from '../ledger/event-store.port.js';
import type { Projection } from '../projections/projection.js';

export type AuditTrailTable = 'entries' | 'unit_links';

/**
 * One row per event of the ledger, with both times, the actor and the hash chain, and the aggregate
 * it belongs to (from the stream name `<category>-<id>`). unit_links records which unit absorbed which
 * (from UnitAbsorbed on the continuing unit or UnitMerged on the merged one: either is enough), so the
 * trail of a unit includes the units merged into it, transitively.
 */
export const auditTrailProjection: Projection<AuditTrailTable> = {
  name: 'audit-trail',
  version: 1,
  tables: ['entries', 'unit_links'],

  schema(db, tables) {
    db.exec(`
      CREATE TABLE "${tables.entries}" (
        global_position INTEGER PRIMARY KEY,
        stream_id       TEXT    NOT NULL,
        stream_revision INTEGER NOT NULL,
        event_id        TEXT    NOT NULL,
        type            TEXT    NOT NULL,
        occurred_at     TEXT    NOT NULL,
        occurred_at_ms  INTEGER NOT NULL,
        recorded_at     TEXT    NOT NULL,
        actor           TEXT    NOT NULL,
        correlation_id  TEXT    NOT NULL,
        causation_id    TEXT,
        category        TEXT    NOT NULL,
        aggregate_id    TEXT    NOT NULL,
        previous_hash   TEXT,
        hash            TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX "${tables.entries}_by_aggregate" ON "${tables.entries}" (category, aggregate_id, global_position);
      CREATE TABLE "${tables.unit_links}" (
        unit_id          TEXT NOT NULL,
        absorbed_unit_id TEXT NOT NULL,
        PRIMARY KEY (unit_id, absorbed_unit_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },

  applier(db, tables) {
    const insertEntry = db.prepare(`INSERT INTO "${tables.entries}" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const link = db.prepare(`INSERT OR IGNORE INTO "${tables.unit_links}" (unit_id, absorbed_unit_id) VALUES (?, ?)`);
    return (event) => {
      const { category, id } = aggregateOf(event.streamId);
      const { metadata } = event;
      insertEntry.run(
        event.globalPosition,
        event.streamId,
        event.streamRevision,
        event.eventId,
        event.type,
        metadata.occurredAt,
        Date.parse(metadata.occurredAt),
        event.recordedAt,
        metadata.actor,
        metadata.correlationId,
        metadata.causationId,
        category,
        id,
        event.previousHash,
        event.hash,
      );
      if (category !== 'unit') return;
      if (event.type === 'UnitAbsorbed') {
        const absorbed = stringField(event.data, 'fromUnitId');
        if (absorbed) link.run(id, absorbed);
      } else if (event.type === 'UnitMerged') {
        const into = stringField(event.data, 'intoUnitId');
        if (into) link.run(into, id);
      }
    };
  },
};

/** `case-2024-0001` → case / 2024-0001: the category is everything before the first dash. */
export function aggregateOf(streamId: string): { category: string; id: string } {
  const dash = streamId.indexOf('-');
  return dash < 0 ? { category: streamId, id: '' } : { category: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}

function stringField(data: JsonObject, field: string): string | undefined {
  const value = data[field];
  return typeof value === 'string' ? value : undefined;
}
