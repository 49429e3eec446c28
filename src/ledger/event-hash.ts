import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { RecordedEvent } from './event-store.port.js';

/**
 * The canonical encoding of an event envelope, version 1. It is the input of the per-stream hash
 * chain here and of the Merkle log's leaves later, so it must never change: a new layout gets a new
 * version tag. test/ledger/event-hash.spec.ts pins the bytes and the hash of a literal event.
 *
 *   UTF-8 bytes of canonicalJson({               (RFC 8785: keys sorted, no whitespace)
 *     "v": "ledger-event/1",
 *     "streamId", "streamRevision", "eventId", "type", "schemaVersion",
 *     "data", "metadata",                       (as stored, every field)
 *     "recordedAt",
 *     "previousHash"                            (hex of the previous event of the stream, or null)
 *   })
 *
 * The global position is deliberately not covered: an EventStoreDB server assigns it after the
 * client has hashed the event. The global order is made tamper-evident by the Merkle log instead.
 */
export const ENVELOPE_ENCODING_VERSION = 'ledger-event/1';

export type HashedFields = Omit<RecordedEvent, 'hash' | 'globalPosition'>;

export function canonicalEnvelope(event: HashedFields): string {
  return canonicalEnvelopeOf(event, canonicalJson(event.data), canonicalJson(event.metadata));
}

/**
 * The same bytes, from data and metadata already in canonical JSON, so the append path encodes each
 * event once. Keys are written in the sorted order canonical JSON requires (checked by the pinned test).
 */
export function canonicalEnvelopeOf(event: Omit<HashedFields, 'data' | 'metadata'>, dataJson: string, metadataJson: string): string {
  return (
    `{"data":${dataJson},"eventId":${JSON.stringify(event.eventId)},"metadata":${metadataJson},` +
    `"previousHash":${event.previousHash === null ? 'null' : JSON.stringify(event.previousHash)},` +
    `"recordedAt":${JSON.stringify(event.recordedAt)},"schemaVersion":${canonicalJson(event.schemaVersion)},` +
    `"streamId":${JSON.stringify(event.streamId)},"streamRevision":${canonicalJson(event.streamRevision)},` +
    `"type":${JSON.stringify(event.type)},"v":${JSON.stringify(ENVELOPE_ENCODING_VERSION)}}`
  );
}

export function canonicalBytes(event: HashedFields): Buffer {
  return Buffer.from(canonicalEnvelope(event), 'utf8');
}

export function hashEnvelope(event: HashedFields): string {
  return sha256Hex(canonicalEnvelope(event));
}

/** SHA-256 of the UTF-8 bytes, in hex; crypto.hash is the one-shot form, half the cost of createHash here. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

export interface ChainBreak {
  readonly streamId: string;
  readonly streamRevision: number;
  readonly globalPosition: number;
  readonly problem: string;
}

/**
 * Checks one stream's events, in revision order from revision 0: revisions without gaps, each event
 * pointing at its predecessor's hash, each hash matching its content. Returns the first break.
 */
export function findChainBreak(events: readonly RecordedEvent[]): ChainBreak | undefined {
  let previous: RecordedEvent | undefined;
  for (const event of events) {
    const problem = chainLinkProblem(previous, event);
    if (problem) return { streamId: event.streamId, streamRevision: event.streamRevision, globalPosition: event.globalPosition, problem };
    previous = event;
  }
  return undefined;
}

/**
 * What is wrong with `event` as the successor of `previous` in its stream (undefined: it is the
 * stream's first event): a revision gap or reordering, a previousHash that does not point at the
 * predecessor, or a stored hash that does not match the content. Undefined when the link holds.
 */
export function chainLinkProblem(
  previous: Pick<RecordedEvent, 'streamRevision' | 'hash'> | undefined,
  event: RecordedEvent,
): string | undefined {
  const expectedRevision = previous ? previous.streamRevision + 1 : 0;
  if (event.streamRevision !== expectedRevision) {
    return `revision ${event.streamRevision} follows ${expectedRevision - 1}: a gap or a reordering`;
  }
  const expectedPrevious = previous ? previous.hash : null;
  if (event.previousHash !== expectedPrevious) {
    return `previousHash is ${event.previousHash} but the previous event's hash is ${expectedPrevious}`;
  }
  const recomputed = hashEnvelope(event);
  if (recomputed !== event.hash) {
    return `stored hash ${event.hash} does not match the content, which hashes to ${recomputed}`;
  }
  return undefined;
}
