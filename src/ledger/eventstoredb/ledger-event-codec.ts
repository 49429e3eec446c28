import { jsonEvent, type EventData, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, JsonObject, RecordedEvent } from '../event-store.port.js';
import { InvalidEventError } from '../ledger.errors.js';

/** A recorded event before its $all position is known: the server assigns it after the client hashed. */
export type UnplacedEvent = Omit<RecordedEvent, 'globalPosition'>;

/**
 * The key under which the ledger's own envelope fields travel in an EventStoreDB event's metadata.
 * '$'-prefixed keys are EventStoreDB's convention for metadata it or its tools own.
 */
export const LEDGER_METADATA_KEY = '$ledger';

/** Envelope fields EventStoreDB has no place for, kept beside the writer's metadata fields. */
interface LedgerEnvelope {
  /** The layout of this object, so a later adapter can still read what this one wrote. */
  readonly v: 1;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly previousHash: string | null;
  readonly hash: string;
  /**
   * Which append call wrote the event (not covered by the hash). EventStoreDB answers an append
   * whose ids are already there with success and writes nothing; this tells the writer whether
   * what it reads back is its own write or an identical one made by someone else.
   */
  readonly appendId: string;
}

/**
 * One ledger event as one EventStoreDB event: id, type and data map to EventStoreDB's own fields;
 * the metadata is the writer's metadata object with the envelope added under "$ledger", so tools
 * reading the store see the usual actor/correlationId fields where they expect metadata.
 */
export function toEventData(event: UnplacedEvent, appendId: string): EventData {
  const envelope: LedgerEnvelope = {
    v: 1,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    previousHash: event.previousHash,
    hash: event.hash,
    appendId,
  };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, [LEDGER_METADATA_KEY]: envelope },
  });
}

/** The writer's metadata must round-trip exactly, or the stored hash would no longer match. */
export function assertNoReservedMetadata(metadata: EventMetadata): void {
  if (Object.prototype.hasOwnProperty.call(metadata, LEDGER_METADATA_KEY)) {
    throw new InvalidEventError(`metadata.${LEDGER_METADATA_KEY} is reserved for the ledger's envelope`);
  }
}

/** Events written by EventStoreDB itself, by projections or by other applications are not ledger events. */
export function isLedgerEvent(event: EsdbRecordedEvent): boolean {
  if (event.streamId.startsWith('$') || event.type.startsWith('$') || !event.isJson) return false;
  const envelope = isObject(event.metadata) ? event.metadata[LEDGER_METADATA_KEY] : undefined;
  return isObject(envelope) && envelope.v === 1 && typeof envelope.hash === 'string' && typeof envelope.recordedAt === 'string';
}

/** The appendId of a ledger event read from EventStoreDB, see LedgerEnvelope. */
export function appendIdOf(event: EsdbRecordedEvent): string | undefined {
  const envelope = isObject(event.metadata) ? event.metadata[LEDGER_METADATA_KEY] : undefined;
  return isObject(envelope) && typeof envelope.appendId === 'string' ? envelope.appendId : undefined;
}

export function fromEsdbEvent(event: EsdbRecordedEvent): UnplacedEvent {
  if (!isLedgerEvent(event) || !isObject(event.data)) {
    throw new Error(`Event ${event.id} at revision ${event.revision} of stream ${event.streamId} was not written by the ledger`);
  }
  const { [LEDGER_METADATA_KEY]: envelope, ...metadata } = event.metadata as Record<string, unknown>;
  const ledger = envelope as LedgerEnvelope;
  return {
    eventId: event.id,
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    type: event.type,
    schemaVersion: ledger.schemaVersion,
    data: event.data as JsonObject,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: ledger.recordedAt,
    previousHash: ledger.previousHash,
    hash: ledger.hash,
  };
}

export function placed(event: UnplacedEvent, globalPosition: number): RecordedEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    globalPosition,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    previousHash: event.previousHash,
    hash: event.hash,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
