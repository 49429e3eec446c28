import type { NewEvent } from './event-store.port.js';
import { InvalidEventError } from './ledger.errors.js';
import { canonicalJson } from './canonical-json.js';
import { isOffsetDateTime } from '../domain-kit/offset-date-time.js';
import { UUID } from '../domain-kit/ids.js';

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

/** An event with its data and metadata in canonical JSON, encoded once for the hash and the row. */
export interface EncodedEvent {
  readonly event: NewEvent;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** Refuses, before anything is written, what the store could not keep faithfully; returns the encodings. */
export function assertValidAppend(streamId: string, events: readonly NewEvent[]): EncodedEvent[] {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new InvalidEventError(
      `Stream id ${JSON.stringify(streamId)} must be 1-200 letters, digits, '-', '_', '.' or ':', not starting with '$'`,
    );
  }
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventError('An append needs at least one event');
  const seen = new Set<string>();
  const encoded: EncodedEvent[] = [];
  for (const event of events) {
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new InvalidEventError(`Event id ${JSON.stringify(event.eventId)} is not a lower-case UUID`);
    }
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) throw new InvalidEventError(`Event id ${event.eventId} appears twice in one append`);
    seen.add(id);
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new InvalidEventError(`Event type ${JSON.stringify(event.type)} must be 1-100 letters, digits, '.', '-' or '_'`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidEventError(`Schema version of ${event.type} must be a positive integer`);
    }
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
      throw new InvalidEventError(`Data of ${event.type} must be a JSON object`);
    }
    const dataJson = canonicalJson(event.data);
    const metadata = event.metadata;
    if (metadata === null || typeof metadata !== 'object') throw new InvalidEventError(`Metadata of ${event.type} is missing`);
    if (typeof metadata.actor !== 'string' || metadata.actor.length === 0) throw new InvalidEventError('metadata.actor is required');
    if (typeof metadata.correlationId !== 'string' || metadata.correlationId.length === 0) {
      throw new InvalidEventError('metadata.correlationId is required');
    }
    if (metadata.causationId !== null && typeof metadata.causationId !== 'string') {
      throw new InvalidEventError('metadata.causationId must be a string or null');
    }
    if (!isOffsetDateTime(metadata.occurredAt)) {
      throw new InvalidEventError(
        `metadata.occurredAt ${JSON.stringify(metadata.occurredAt)} must be an ISO-8601 date-time with an offset`,
      );
    }
    encoded.push({ event, dataJson, metadataJson: canonicalJson(metadata) });
  }
  return encoded;
}

/** The part of an event that must match for a repeated event id to count as the same event. */
export function sameContent(
  a: Pick<NewEvent, 'type' | 'schemaVersion' | 'data'>,
  b: Pick<NewEvent, 'type' | 'schemaVersion' | 'data'>,
): boolean {
  return a.type === b.type && a.schemaVersion === b.schemaVersion && canonicalJson(a.data) === canonicalJson(b.data);
}
