import type { Projection } from '../projections/projection.js';

export type PersonalDataReadsTable = 'reads';

/**
 * Every PersonalDataRead of the ledger, one row each, for inspectors to ask who read whose data.
 * The rows hold ids, roles and routes, never the data read.
 */
export const personalDataReadsProjection: Projection<PersonalDataReadsTable> = {
  name: 'personal-data-reads',
  version: 1,
  tables: ['reads'],

  schema(db, tables) {
    db.exec(`
      CREATE TABLE "${tables.reads}" (
        global_position INTEGER PRIMARY KEY,
        event_id        TEXT    NOT NULL,
        subject_id      TEXT    NOT NULL,
        reader          TEXT    NOT NULL,
        roles           TEXT    NOT NULL,
        route           TEXT    NOT NULL,
        correlation_id  TEXT    NOT NULL,
        case_id         TEXT,
        read_at         TEXT    NOT NULL,
        read_at_ms      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX "${tables.reads}_by_subject" ON "${tables.reads}" (subject_id, global_position);
      CREATE INDEX "${tables.reads}_by_reader" ON "${tables.reads}" (reader, global_position);
    `);
  },

  applier(db, tables) {
    const insert = db.prepare(`INSERT INTO "${tables.reads}" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    return (event) => {
      if (event.type !== 'PersonalDataRead' || !event.streamId.startsWith('subject-')) return;
      const data = event.data;
      const text = (name: string): string | null => (typeof data[name] === 'string' ? (data[name] as string) : null);
      const roles = Array.isArray(data.roles) ? data.roles.filter((role) => typeof role === 'string') : [];
      insert.run(
        event.globalPosition,
        event.eventId,
        text('subjectId') ?? event.streamId.slice('subject-'.length),
        text('reader') ?? event.metadata.actor,
        roles.join(','),
        text('route') ?? '',
        text('correlationId') ?? event.metadata.correlationId,
        text('caseId'),
        event.metadata.occurredAt,
        Date.parse(event.metadata.occurredAt),
      );
    };
  },
};
