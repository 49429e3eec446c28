import { canonicalEnvelope, canonicalEnvelopeOf, findChainBreak, hashEnvelope } from './event-hash.js';
import { canonicalJson } from './canonical-json.js';
import type { RecordedEvent } from './event-store.port.js';

const first: RecordedEvent = {
  eventId: '6f1c2a7e-3b9d-4c41-9a51-0d7e5b2f8c10',
  streamId: 'case-gia-loc-0001',
  streamRevision: 0,
  globalPosition: 1,
  type: 'CaseReceived',
  schemaVersion: 1,
  data: { category: 'complaint', channel: 'citizen-reception', unitId: 'gia-loc', summary: 'Khói từ xưởng nhuộm' },
  metadata: { actor: 'user:clerk-1', correlationId: 'req-1', causationId: null, occurredAt: '2017-03-09T08:00:00+07:00' },
  recordedAt: '2017-03-09T01:05:00.000Z',
  previousHash: null,
  hash: 'to be computed',
};

describe('the canonical envelope encoding, version 1', () => {
  it('is exactly these bytes for a literal event: the format must never drift', () => {
    expect(canonicalEnvelope(first)).toBe(
      '{"data":{"category":"complaint","channel":"citizen-reception","summary":"Khói từ xưởng nhuộm","unitId":"gia-loc"},' +
        '"eventId":"6f1c2a7e-3b9d-4c41-9a51-0d7e5b2f8c10",' +
        '"metadata":{"actor":"user:clerk-1","causationId":null,"correlationId":"req-1","occurredAt":"2017-03-09T08:00:00+07:00"},' +
        '"previousHash":null,"recordedAt":"2017-03-09T01:05:00.000Z","schemaVersion":1,"streamId":"case-gia-loc-0001",' +
        '"streamRevision":0,"type":"CaseReceived","v":"ledger-event/1"}',
    );
  });

  it('hashes to this SHA-256 for the literal event', () => {
    expect(hashEnvelope(first)).toBe(PINNED_HASH);
  });

  it('does not depend on the order in which the fields were written', () => {
    const reordered = JSON.parse(
      JSON.stringify({
        ...first,
        data: { summary: first.data.summary, unitId: 'gia-loc', channel: 'citizen-reception', category: 'complaint' },
      }),
    );
    expect(hashEnvelope(reordered)).toBe(PINNED_HASH);
  });

  it('changes when any covered field changes, the global position excepted', () => {
    const variants: Partial<RecordedEvent>[] = [
      { streamId: 'case-other' },
      { streamRevision: 1 },
      { eventId: '6f1c2a7e-3b9d-4c41-9a51-0d7e5b2f8c11' },
      { type: 'CaseClosed' },
      { schemaVersion: 2 },
      { data: { ...first.data, summary: 'Khói từ xưởng nhuộm.' } },
      { metadata: { ...first.metadata, actor: 'user:clerk-2' } },
      { recordedAt: '2017-03-09T01:05:00.001Z' },
      { previousHash: '0'.repeat(64) },
    ];
    for (const variant of variants) expect(hashEnvelope({ ...first, ...variant })).not.toBe(PINNED_HASH);
    const elsewhereInTheGlobalOrder: RecordedEvent = { ...first, globalPosition: 99 };
    expect(hashEnvelope(elsewhereInTheGlobalOrder)).toBe(PINNED_HASH);
  });
});

describe('findChainBreak', () => {
  const chain = (): RecordedEvent[] => {
    const a = { ...first, hash: hashEnvelope(first) };
    const bFields = {
      ...first,
      eventId: '6f1c2a7e-3b9d-4c41-9a51-0d7e5b2f8c12',
      streamRevision: 1,
      globalPosition: 5,
      type: 'CaseAcknowledged',
      previousHash: a.hash,
    };
    const b = { ...bFields, hash: hashEnvelope(bFields) };
    return [a, b];
  };

  it('accepts an intact chain', () => {
    expect(findChainBreak(chain())).toBeUndefined();
  });

  it('names the event whose content no longer matches its hash', () => {
    const [a, b] = chain();
    expect(findChainBreak([a, { ...b, data: { forged: true } }])).toMatchObject({
      streamRevision: 1,
      globalPosition: 5,
      problem: expect.stringContaining('does not match the content'),
    });
  });

  it('names a missing predecessor', () => {
    const [, b] = chain();
    expect(findChainBreak([b])).toMatchObject({ streamRevision: 1, problem: expect.stringContaining('gap') });
  });

  it('names a predecessor link that points elsewhere', () => {
    const [a, b] = chain();
    const relinked = { ...b, previousHash: 'f'.repeat(64) };
    expect(findChainBreak([a, { ...relinked, hash: hashEnvelope(relinked) }])).toMatchObject({
      streamRevision: 1,
      problem: expect.stringContaining('previousHash'),
    });
  });
});

// Computed independently: printf '%s' '<the bytes above>' | sha256sum
const PINNED_HASH = '7ad64bfeb4ce32ca6997b59312c290708007096f3f261761c758b50ef39c8a62';

describe('canonicalEnvelopeOf', () => {
  it('writes the same bytes as canonical JSON of the whole envelope, for awkward strings too', () => {
    const awkward: RecordedEvent = {
      ...first,
      streamId: 'case-"quoted"\\',
      type: 'Type\u2028',
      previousHash: 'ab'.repeat(32),
      data: { é: '\u0000', a: [1.5, -0, 1e21] },
    };
    const whole = canonicalJson({
      v: 'ledger-event/1',
      streamId: awkward.streamId,
      streamRevision: awkward.streamRevision,
      eventId: awkward.eventId,
      type: awkward.type,
      schemaVersion: awkward.schemaVersion,
      data: awkward.data,
      metadata: awkward.metadata,
      recordedAt: awkward.recordedAt,
      previousHash: awkward.previousHash,
    });
    expect(canonicalEnvelope(awkward)).toBe(whole);
    expect(canonicalEnvelopeOf(awkward, canonicalJson(awkward.data), canonicalJson(awkward.metadata))).toBe(whole);
  });
});
