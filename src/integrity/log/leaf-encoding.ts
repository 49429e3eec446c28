import { canonicalJson } from '../../ledger/canonical-json.js';
import { canonicalEnvelopeOf } from '../../ledger/event-hash.js';
import type { RecordedEvent } from '../../ledger/event-store.port.js';
import { hash } from 'node:crypto';

/**
 * The bytes of an event's leaf in the Merkle log, version 1: the UTF-8 bytes of the RFC 8785 canonical
 * JSON object
 *
 *   {"envelope":<the event's canonical envelope, ledger-event/1, see event-hash.ts>,
 *    "globalPosition":<its global position>,"hash":"<its per-stream hash, hex>","v":"ledger-leaf/1"}
 *
 * so a leaf commits to the event's content, to its place in its stream's hash chain, and to its place
 * in the global order, which the per-stream hash leaves out. Never change it: a new layout gets a new tag.
 */
export const LEAF_ENCODING_VERSION = 'ledger-leaf/1';

export function leafInput(event: RecordedEvent): Buffer {
  return Buffer.from(leafText(event, canonicalJson(event.data), canonicalJson(event.metadata)), 'utf8');
}

/** SHA-256(0x00 || leaf bytes): the one-shot hash of the text with a NUL in front, byte-identical to merkle-hash.ts's leafHash. */
export function eventLeafHash(event: RecordedEvent): Buffer {
  return storedEventLeafHash(event, canonicalJson(event.data), canonicalJson(event.metadata));
}

/**
 * The same hash from data and metadata already in canonical JSON, as the embedded store keeps them:
 * the log's worker hashes rows as stored, without parsing and re-encoding them.
 */
export function storedEventLeafHash(event: Omit<RecordedEvent, 'data' | 'metadata'>, dataJson: string, metadataJson: string): Buffer {
  return hash('sha256', `\u0000${leafText(event, dataJson, metadataJson)}`, 'buffer') as unknown as Buffer;
}

function leafText(event: Omit<RecordedEvent, 'data' | 'metadata'>, dataJson: string, metadataJson: string): string {
  const envelope = canonicalEnvelopeOf(event, dataJson, metadataJson);
  return `{"envelope":${envelope},"globalPosition":${canonicalJson(event.globalPosition)},"hash":${JSON.stringify(event.hash)},"v":"${LEAF_ENCODING_VERSION}"}`;
}
