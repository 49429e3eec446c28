import { eventLeafHash, leafInput, storedEventLeafHash } from '../../src/integrity/log/leaf-encoding.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { leafHash } from '../../src/integrity/merkle/merkle-hash.js';
import { canonicalBytes, hashEnvelope } from '../../src/ledger/event-hash.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';

/** Pins leaf encoding ledger-leaf/1: the bytes every checkpoint ever signed commits to. */
describe('the leaf of an event in the Merkle log', () => {
  const fields = {
    eventId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    streamId: 'case-42',
    streamRevision: 1,
    type: 'CaseAcknowledged',
    schemaVersion: 1,
    data: { by: 'official-7', note: 'Đã tiếp nhận' },
    metadata: { actor: 'user:clerk-1', correlationId: 'corr-1', causationId: null, occurredAt: '2026-03-09T08:00:00+07:00' },
    recordedAt: '2026-03-09T01:00:00.123Z',
    previousHash: 'a'.repeat(64),
  };
  const event: RecordedEvent = { ...fields, globalPosition: 7, hash: hashEnvelope(fields) };

  it('is the canonical envelope with the per-stream hash and the global position, as canonical JSON', () => {
    const text = leafInput(event).toString('utf8');
    expect(text).toBe(
      `{"envelope":${canonicalBytes(event).toString('utf8')},"globalPosition":7,"hash":"${event.hash}","v":"ledger-leaf/1"}`,
    );
    expect(JSON.parse(text)).toEqual({
      envelope: JSON.parse(canonicalBytes(event).toString('utf8')),
      globalPosition: 7,
      hash: event.hash,
      v: 'ledger-leaf/1',
    });
  });

  it('hashes as RFC 9162 says: SHA-256(0x00 || leaf bytes)', () => {
    expect(eventLeafHash(event)).toEqual(leafHash(leafInput(event)));
    expect(eventLeafHash(event).toString('hex')).toBe(leafHash(leafInput(event)).toString('hex'));
  });

  it('keeps its pinned value (a change here breaks every signed checkpoint)', () => {
    expect(eventLeafHash(event).toString('hex')).toBe('3efed2629e33c61d221b77bec1b600ed7e4c0a6c3d5c4379cc46e607848499fe'); // also computed with Python's json (sort_keys) and hashlib;
  });

  it('is the same hashed from the canonical JSON the embedded store keeps (the worker) as from the parsed event (the verifier)', () => {
    const { data, metadata, ...rest } = event;
    expect(storedEventLeafHash(rest, canonicalJson(data), canonicalJson(metadata))).toEqual(eventLeafHash(event));
  });

  it('changes with the global position, which the per-stream hash leaves out', () => {
    expect(eventLeafHash({ ...event, globalPosition: 8 })).not.toEqual(eventLeafHash(event));
  });
});
