/**
 * The embedded store's appendStreams: many streams in one transaction, all or nothing, each stream
 * checked as append checks it. What it writes is compared, field by field (positions, revisions,
 * recordedAt, hashes), with what the same appends one by one write into a store on the same clock.
 */
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { ConcurrencyError, EventIdReusedError } from '../../src/ledger/ledger.errors.js';
import type { NewEvent, RecordedEvent } from '../../src/ledger/event-store.port.js';
import { findChainBreak } from '../../src/ledger/event-hash.js';
import { newEvent } from '../support/new-events.js';

const RECORDED_AT = new Date('2026-03-09T01:00:00.000Z');
const event = (id: number, type = 'CaseNoted'): NewEvent =>
  newEvent(type, { note: `note ${id}` }, `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`);

async function everyEvent(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
}

describe('SqliteEventStore.appendStreams', () => {
  const opened: SqliteEventStore[] = [];
  const open = (): SqliteEventStore => {
    const store = new SqliteEventStore(':memory:', { now: () => RECORDED_AT });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('writes what the same appends one by one write: positions, revisions, recordedAt and the hash chain', async () => {
    const batched = open();
    const oneByOne = open();
    for (const store of [batched, oneByOne]) await store.append('case-a', [event(1, 'CaseReceived')], 'no-stream');

    const results = await batched.appendStreams([
      { streamId: 'case-a', events: [event(2), event(3)], expectedRevision: 0 },
      { streamId: 'case-b', events: [event(4, 'CaseReceived')], expectedRevision: 'no-stream' },
      { streamId: 'unit-c', events: [event(5, 'UnitRegistered'), event(6)], expectedRevision: 'no-stream' },
    ]);
    await Promise.all([
      oneByOne.append('case-a', [event(2), event(3)], 0),
      oneByOne.append('case-b', [event(4, 'CaseReceived')], 'no-stream'),
      oneByOne.append('unit-c', [event(5, 'UnitRegistered'), event(6)], 'no-stream'),
    ]);

    expect(results.map((result) => [result.nextExpectedRevision, result.lastGlobalPosition, result.idempotentReplay])).toEqual([
      [2, 3, false],
      [0, 4, false],
      [1, 6, false],
    ]);
    const written = await everyEvent(batched);
    expect(written).toEqual(await everyEvent(oneByOne));
    expect(results.flatMap((result) => result.events)).toEqual(written.slice(1));
    expect(findChainBreak(await batched.readStream('case-a'))).toBeUndefined();
  });

  it('writes nothing of the batch when one stream is not at its expected revision, and names that stream', async () => {
    const store = open();
    await store.append('case-a', [event(1)], 'no-stream');

    const refused = store.appendStreams([
      { streamId: 'case-b', events: [event(2)], expectedRevision: 'no-stream' },
      { streamId: 'case-a', events: [event(3)], expectedRevision: 'no-stream' },
    ]);

    await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(refused).rejects.toMatchObject({ streamId: 'case-a' });
    expect(await store.headPosition()).toBe(1);
    expect(await store.readStream('case-b')).toEqual([]);
  });

  it('answers a faithful repeat as a replay, writing nothing for it, and writes the streams that are new', async () => {
    const store = open();
    const first = await store.appendStreams([{ streamId: 'case-a', events: [event(1), event(2)], expectedRevision: 'no-stream' }]);

    const again = await store.appendStreams([
      { streamId: 'case-a', events: [event(1), event(2)], expectedRevision: 'no-stream' },
      { streamId: 'case-b', events: [event(3)], expectedRevision: 'no-stream' },
    ]);

    expect(again[0]).toEqual({ ...first[0], idempotentReplay: true });
    expect(again[1]).toMatchObject({ idempotentReplay: false, lastGlobalPosition: 3 });
    expect((await everyEvent(store)).map((recorded) => recorded.eventId)).toEqual([event(1), event(2), event(3)].map((e) => e.eventId));
  });

  it('refuses the whole batch when an event id is already used in another stream', async () => {
    const store = open();
    await store.append('case-a', [event(1)], 'no-stream');

    const refused = store.appendStreams([
      { streamId: 'case-b', events: [event(2)], expectedRevision: 'no-stream' },
      { streamId: 'case-c', events: [event(3), event(1)], expectedRevision: 'no-stream' },
    ]);

    await expect(refused).rejects.toBeInstanceOf(EventIdReusedError);
    expect(await store.headPosition()).toBe(1);
  });

  it('writes first what was appended before it in the same turn of the event loop', async () => {
    const store = open();
    const queued = store.append('case-a', [event(1)], 'no-stream');

    const [batched] = await store.appendStreams([{ streamId: 'case-a', events: [event(2)], expectedRevision: 0 }]);

    expect((await queued).lastGlobalPosition).toBe(1);
    expect(batched).toMatchObject({ nextExpectedRevision: 1, lastGlobalPosition: 2 });
  });
});
