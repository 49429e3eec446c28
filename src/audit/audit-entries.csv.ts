import { eventLink } from '../http/event-links.js';
import type { CsvColumn } from '../http/csv.js';
import type { AuditEntry } from './audit-trail.query.js';

/** The audit trail as a table: one row per event, the JSON entry's field names as columns, and the event's evidence link. */
export const AUDIT_ENTRY_COLUMNS: readonly CsvColumn<AuditEntry>[] = [
  ['globalPosition', (entry) => entry.globalPosition],
  ['streamId', (entry) => entry.streamId],
  ['streamRevision', (entry) => entry.streamRevision],
  ['eventId', (entry) => entry.eventId],
  ['type', (entry) => entry.type],
  ['occurredAt', (entry) => entry.occurredAt],
  ['recordedAt', (entry) => entry.recordedAt],
  ['actor', (entry) => entry.actor],
  ['correlationId', (entry) => entry.correlationId],
  ['causationId', (entry) => entry.causationId],
  ['aggregateCategory', (entry) => entry.aggregate.category],
  ['aggregateId', (entry) => entry.aggregate.id],
  ['previousHash', (entry) => entry.previousHash],
  ['hash', (entry) => entry.hash],
  ['eventLink', (entry) => eventLink(entry.eventId)],
];
