import type { JsonObject, RecordedEvent } from '../../src/ledger/event-store.port.js';

/** A literal recorded event: the test names the position, stream, revision, type and data; the rest is fixed. */
export function recorded(
  globalPosition: number,
  streamId: string,
  streamRevision: number,
  type: string,
  data: JsonObject = {},
  occurredAt = '2024-03-09T08:00:00+07:00',
): RecordedEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(globalPosition).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'user:clerk-1', correlationId: `corr-${globalPosition}`, causationId: null, occurredAt },
    streamId,
    streamRevision,
    globalPosition,
    recordedAt: '2024-03-09T01:00:05.000Z',
    previousHash: streamRevision === 0 ? null : `hash-of-${streamId}-${streamRevision - 1}`,
    hash: `hash-of-${streamId}-${streamRevision}`,
  };
}
