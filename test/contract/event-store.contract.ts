import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store.port.js';
import { ConcurrencyError, EventIdReusedError, InvalidEventError } from '../../src/ledger/ledger.errors.js';
import { findChainBreak, hashEnvelope } from '../../src/ledger/event-hash.js';
import { newEvent, newEvents, uniqueStream } from '../support/new-events.js';

export interface StoreUnderTest {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * Every promise of the EventStore port, checked the same way for every adapter. Streams are unique
 * per test so the suite can also run against a real, non-empty EventStoreDB server.
 */
export function describeEventStoreContract(name: string, create: () => Promise<StoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;

    beforeEach(async () => {
      subject = await create();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    async function allOf(streamIds: readonly string[]): Promise<RecordedEvent[]> {
      const found: RecordedEvent[] = [];
      for await (const batch of store.readAll({ batchSize: 7 })) found.push(...batch.filter((event) => streamIds.includes(event.streamId)));
      return found;
    }

    describe('append and readStream', () => {
      it('numbers a new stream from revision 0 with increasing global positions', async () => {
        const stream = uniqueStream();
        const result = await store.append(stream, newEvents(3), 'no-stream');

        expect(result.nextExpectedRevision).toBe(2);
        expect(result.idempotentReplay).toBe(false);
        expect(result.events.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
        const positions = result.events.map((event) => event.globalPosition);
        expect(positions[0]).toBeLessThan(positions[1]);
        expect(positions[1]).toBeLessThan(positions[2]);
        expect(result.lastGlobalPosition).toBe(positions[2]);
        expect(await store.readStream(stream)).toEqual(result.events);
      });

      it('keeps every field of the envelope and sets recordedAt itself', async () => {
        const stream = uniqueStream();
        const event = newEvent('CaseReceived', { summary: 'Pollution at Gia Lộc', nested: { list: [1, 'two', null, true] } });
        const before = Date.now();
        const [recorded] = (await store.append(stream, [event], 'any')).events;

        expect(recorded).toMatchObject({ ...event, streamId: stream, streamRevision: 0, previousHash: null });
        expect(recorded.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(Date.parse(recorded.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(recorded.hash).toBe(hashEnvelope(recorded));
        expect((await store.readStream(stream))[0]).toEqual(recorded);
      });

      it('reads forwards and backwards, from a revision, up to a count', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(5), 'no-stream');

        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(stream, options)).map((event) => event.streamRevision);
        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
        expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
        expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
        expect(await store.readStream(uniqueStream(), { direction: 'backwards', maxCount: 1 })).toEqual([]);
      });

      it('reads many streams at once, each as readStream reads it, an unknown one as empty', async () => {
        const [two, one, unknown] = [uniqueStream(), uniqueStream(), uniqueStream()];
        await store.append(two, newEvents(2), 'no-stream');
        await store.append(one, newEvents(1), 'no-stream');
        await store.append(two, newEvents(1), 1);
        const many = Array.from({ length: 60 }, uniqueStream);

        const found = await store.readStreams([two, unknown, one, two, ...many]);

        expect([...found.keys()].sort()).toEqual([two, unknown, one, ...many].sort());
        expect(found.get(two)).toEqual(await store.readStream(two));
        expect(found.get(two)!.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
        expect(found.get(one)).toEqual(await store.readStream(one));
        expect(found.get(unknown)).toEqual([]);
        expect(many.every((stream) => found.get(stream)!.length === 0)).toBe(true);
        expect(await store.readStreams([])).toEqual(new Map());
      });

      it('chains each event to the previous one of its stream, across appends', async () => {
        const stream = uniqueStream();
        const first = await store.append(stream, newEvents(2), 'no-stream');
        await store.append(stream, newEvents(3), first.nextExpectedRevision);

        const events = await store.readStream(stream);
        expect(events).toHaveLength(5);
        expect(events[0].previousHash).toBeNull();
        expect(events[3].previousHash).toBe(events[2].hash);
        expect(findChainBreak(events)).toBeUndefined();
      });
    });

    describe('expected revisions', () => {
      it.each([
        ['no-stream', 'absent stream', false],
        ['any', 'absent stream', false],
        ['stream-exists', 'existing stream', true],
        ['any', 'existing stream', true],
        [1, 'stream at revision 1', true],
      ] as const)('accepts %p on an %s', async (expected, _, exists) => {
        const stream = uniqueStream();
        if (exists) await store.append(stream, newEvents(2), 'no-stream');
        const result = await store.append(stream, [newEvent()], expected);
        expect(result.nextExpectedRevision).toBe(exists ? 2 : 0);
      });

      it.each([
        ['no-stream', true, 1],
        ['stream-exists', false, 'no-stream'],
        [0, true, 1],
        [5, true, 1],
        [0, false, 'no-stream'],
      ] as const)('refuses %p (stream exists: %p) naming expected and actual %p, leaving no trace', async (expected, exists, actual) => {
        const stream = uniqueStream();
        if (exists) await store.append(stream, newEvents(2), 'no-stream');
        const headBefore = await store.headPosition();

        const refused = store.append(stream, [newEvent()], expected);

        await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(refused).rejects.toMatchObject({ code: 'LEDGER.WRONG_EXPECTED_REVISION', streamId: stream, expected, actual });
        expect(await store.readStream(stream)).toHaveLength(exists ? 2 : 0);
        expect(await store.headPosition()).toBe(headBefore);
      });

      it('lets exactly one of many parallel appends with the same expected revision win, with no gap', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(1), 'no-stream');

        const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => store.append(stream, newEvents(2), 0)));

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
        }
        const events = await store.readStream(stream);
        expect(events.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
        expect(findChainBreak(events)).toBeUndefined();
      });

      it('lets exactly one of many parallel creators of a stream win', async () => {
        const stream = uniqueStream();
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(stream, [newEvent()], 'no-stream')));
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it("serialises many parallel 'any' appends to one stream into one gap-free chain", async () => {
        const stream = uniqueStream();
        const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(stream, newEvents(2), 'any')));

        expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
        const events = await store.readStream(stream);
        expect(events.map((event) => event.streamRevision)).toEqual(Array.from({ length: 20 }, (_, index) => index));
        expect(findChainBreak(events)).toBeUndefined();
      });
    });

    describe('all or nothing', () => {
      it.each([
        ['an event id that is not a UUID', { eventId: 'not-a-uuid' }],
        ['data that JSON cannot hold', { data: { amount: Number.NaN } }],
        ['an empty type', { type: '' }],
        ['an occurredAt without an offset', { metadata: { ...newEvent().metadata, occurredAt: '2026-03-09T08:00:00' } }],
      ])('refuses a batch whose second event has %s, writing none of it', async (_, override) => {
        const stream = uniqueStream();
        const refused = store.append(stream, [newEvent(), { ...newEvent(), ...override }], 'any');
        await expect(refused).rejects.toBeInstanceOf(InvalidEventError);
        await expect(refused).rejects.toMatchObject({ code: 'LEDGER.INVALID_EVENT' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('refuses an empty append and an unknown expectation', async () => {
        await expect(store.append(uniqueStream(), [], 'any')).rejects.toBeInstanceOf(InvalidEventError);
        await expect(store.append(uniqueStream(), [newEvent()], 'maybe' as never)).rejects.toBeInstanceOf(InvalidEventError);
        await expect(store.append(uniqueStream(), [newEvent()], -1)).rejects.toBeInstanceOf(InvalidEventError);
      });

      it('refuses the same event id twice in one append', async () => {
        const event = newEvent();
        await expect(store.append(uniqueStream(), [event, event], 'any')).rejects.toBeInstanceOf(InvalidEventError);
      });
    });

    describe('idempotent event ids', () => {
      it('returns the first result and writes nothing when the same append is repeated at the same place', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(1), 'no-stream');
        const batch = newEvents(2);
        const first = await store.append(stream, batch, 0);
        await store.append(stream, newEvents(1), first.nextExpectedRevision);
        const headBefore = await store.headPosition();

        const again = await store.append(stream, batch, 0);

        expect(again.idempotentReplay).toBe(true);
        expect(again.events).toEqual(first.events);
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(await store.readStream(stream)).toHaveLength(4);
        expect(await store.headPosition()).toBe(headBefore);
      });

      it.each(['any', 'no-stream'] as const)('repeats an append made with %p', async (expected) => {
        const stream = uniqueStream();
        const batch = newEvents(3);
        const first = await store.append(stream, batch, expected);
        const again = await store.append(stream, batch, expected);
        expect(again).toEqual({ ...first, idempotentReplay: true });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('refuses an event id reused for different content', async () => {
        const stream = uniqueStream();
        const original = newEvent('CaseReceived', { summary: 'first' });
        await store.append(stream, [original], 'no-stream');

        const reused = store.append(stream, [{ ...original, data: { summary: 'second' } }], 0);

        await expect(reused).rejects.toBeInstanceOf(EventIdReusedError);
        await expect(reused).rejects.toMatchObject({ code: 'LEDGER.EVENT_ID_REUSED', eventId: original.eventId });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('answers a parallel repeat of the same append once written and once replayed', async () => {
        const stream = uniqueStream();
        const batch = newEvents(2);
        const [a, b] = await Promise.all([store.append(stream, batch, 'no-stream'), store.append(stream, batch, 'no-stream')]);
        expect([a.idempotentReplay, b.idempotentReplay].sort()).toEqual([false, true]);
        expect(a.events).toEqual(b.events);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('readAll', () => {
      it('reads the global feed forwards in batches, from an exclusive position, without system events', async () => {
        const streams = [uniqueStream(), uniqueStream()];
        await store.append(streams[0], newEvents(4), 'no-stream');
        await store.append(streams[1], newEvents(5), 'no-stream');
        await store.append(streams[0], newEvents(3), 3);

        const all = await allOf(streams);
        expect(all).toHaveLength(12);
        expect(all.map((event) => event.streamId)).toEqual([
          ...Array(4).fill(streams[0]),
          ...Array(5).fill(streams[1]),
          ...Array(3).fill(streams[0]),
        ]);
        for (let index = 1; index < all.length; index++) expect(all[index].globalPosition).toBeGreaterThan(all[index - 1].globalPosition);

        const fromMiddle: RecordedEvent[] = [];
        for await (const batch of store.readAll({ after: all[5].globalPosition, batchSize: 4 })) {
          expect(batch.length).toBeLessThanOrEqual(4);
          fromMiddle.push(...batch);
        }
        expect(fromMiddle.filter((event) => streams.includes(event.streamId))).toEqual(all.slice(6));

        let everything = 0;
        for await (const batch of store.readAll({ batchSize: 100 })) {
          everything += batch.length;
          for (const event of batch) expect(event.type.startsWith('$') || event.streamId.startsWith('$')).toBe(false);
        }
        expect(everything).toBeGreaterThanOrEqual(12);
      });

      it('reports the head position', async () => {
        const result = await store.append(uniqueStream(), newEvents(2), 'no-stream');
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.lastGlobalPosition);
      });
    });

    describe('positionOfEvent', () => {
      // Optional: a store without it has the Merkle log keep its own index of event ids. A store with
      // it must answer exactly, since the log then finds an event's leaf by that position alone.
      it('gives the global position of each recorded event, and nothing for an id never recorded, or offers none', async () => {
        if (!store.positionOfEvent) return;
        const first = await store.append(uniqueStream(), newEvents(3), 'no-stream');
        const second = await store.append(uniqueStream(), newEvents(1), 'no-stream');

        for (const event of [...first.events, ...second.events])
          expect(await store.positionOfEvent(event.eventId)).toBe(event.globalPosition);
        expect(await store.positionOfEvent(newEvent('CaseNoted', {}).eventId)).toBeUndefined();
      });

      it('does not give a position to the events of an append that was refused', async () => {
        if (!store.positionOfEvent) return;
        const stream = uniqueStream();
        await store.append(stream, newEvents(1), 'no-stream');
        const refused = newEvents(2);
        await expect(store.append(stream, refused, 'no-stream')).rejects.toBeInstanceOf(ConcurrencyError);

        for (const event of refused) expect(await store.positionOfEvent(event.eventId)).toBeUndefined();
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then goes live, with no gap and no duplicate at the seam', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(30), 'no-stream');
        const seen = firstValueFrom(
          store.subscribeToAll(0).pipe(
            filter((event) => event.streamId === stream),
            take(60),
            toArray(),
          ),
        );
        // Appends race with the catch-up: some land before it ends, some after it went live.
        let revision = 29;
        for (let round = 0; round < 10; round++) {
          revision = (await store.append(stream, newEvents(3), revision)).nextExpectedRevision;
          await new Promise((resolve) => setImmediate(resolve));
        }

        const events = await seen;
        expect(events.map((event) => event.streamRevision)).toEqual(Array.from({ length: 60 }, (_, index) => index));
      });

      it('starts right after the given position', async () => {
        const stream = uniqueStream();
        const { events } = await store.append(stream, newEvents(5), 'no-stream');
        const seen = await firstValueFrom(
          store.subscribeToAll(events[1].globalPosition).pipe(
            filter((event) => event.streamId === stream),
            take(3),
            toArray(),
          ),
        );
        expect(seen.map((event) => event.streamRevision)).toEqual([2, 3, 4]);
      });

      it('delivers events appended after subscribing, and stops when unsubscribed', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        const received: RecordedEvent[] = [];
        const subscription = store.subscribeToAll(head).subscribe((event) => {
          if (event.streamId === stream) received.push(event);
        });
        await store.append(stream, newEvents(2), 'no-stream');
        await waitFor(() => received.length === 2);
        subscription.unsubscribe();
        await store.append(stream, newEvents(2), 1);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(received.map((event) => event.streamRevision)).toEqual([0, 1]);
      });
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
