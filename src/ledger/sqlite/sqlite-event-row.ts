import type { RecordedEvent } from '../event-store.port.js';

export interface EventRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  previous_hash: string | null;
  hash: string;
}

/** Every field of a stored event but its data and metadata, which callers parse (or keep as stored) themselves. */
export function eventFieldsOf(row: EventRow): Omit<RecordedEvent, 'data' | 'metadata'> {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
    type: row.type,
    schemaVersion: row.schema_version,
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/** On every read of the feed: one object literal (not a spread of eventFieldsOf), which V8 builds and reads fastest. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
