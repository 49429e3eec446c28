import shared from '@eventstore/db-client/generated/shared_pb.js';
import streams from '@eventstore/db-client/generated/streams_pb.js';
import type { StoredRecord } from './in-memory-log.js';

/** Conversions between the protobuf messages of the client package and the fake's records. */

/** What a real server sends for "no position": -1 written as an unsigned 64-bit number. */
export const NO_POSITION = (1n << 64n) - 1n;

export function streamNameOf(identifier: shared.StreamIdentifier | undefined): string {
  if (!identifier) throw new Error('request without a stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): shared.StreamIdentifier {
  return new shared.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

export function uuidText(uuid: shared.UUID | undefined): string {
  if (!uuid) throw new Error('message without an id');
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured() as shared.UUID.Structured;
  const hex = (value: string) => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');
  const digits = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

export function uuidMessage(id: string, structured: boolean): shared.UUID {
  if (!structured) return new shared.UUID().setString(id);
  const digits = id.replace(/-/g, '');
  const signed = (hex: string) => BigInt.asIntN(64, BigInt(`0x${hex}`)).toString();
  return new shared.UUID().setStructured(
    new shared.UUID.Structured().setMostSignificantBits(signed(digits.slice(0, 16))).setLeastSignificantBits(signed(digits.slice(16))),
  );
}

export interface ReadEventOptions {
  readonly structuredIds: boolean;
  /** Servers before 22.6 did not tell a stream read where its events are in $all. */
  readonly withPosition: boolean;
}

export function readEvent(record: StoredRecord, options: ReadEventOptions): streams.ReadResp {
  const position = options.withPosition ? record.position : NO_POSITION;
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.eventId, options.structuredIds))
    .setStreamIdentifier(streamIdentifier(record.streamId))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(position.toString())
    .setPreparePosition(position.toString())
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  recorded.getMetadataMap().set('type', record.type).set('content-type', record.contentType).set('created', record.created.toString());
  const event = new streams.ReadResp.ReadEvent().setEvent(recorded);
  if (options.withPosition) event.setCommitPosition(record.position.toString());
  else event.setNoPosition(new shared.Empty());
  return new streams.ReadResp().setEvent(event);
}
