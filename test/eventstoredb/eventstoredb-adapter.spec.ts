import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { firstValueFrom, type Subscription } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from '../../src/ledger/eventstoredb/eventstoredb-event-store.js';
import { findChainBreak, hashEnvelope } from '../../src/ledger/event-hash.js';
import { ConcurrencyError, InvalidEventError, StoreUnavailableError } from '../../src/ledger/ledger.errors.js';
import { startFakeEventStoreDb, type FakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { newEvent, newEvents, uniqueStream } from '../support/new-events.js';

const fastResubscribe: EventStoreDbEventStoreOptions['resubscribe'] = { initialDelayMs: 10, maxDelayMs: 100 };

describe('EventStoreDbEventStore over the fake server', () => {
  let server: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  let raw: EventStoreDBClient;
  const others: EventStoreDbEventStore[] = [];

  beforeEach(async () => {
    server = await startFakeEventStoreDb();
    store = new EventStoreDbEventStore(server.connectionString, { resubscribe: fastResubscribe });
    raw = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterEach(async () => {
    await Promise.all([store.close(), raw.dispose(), ...others.splice(0).map((other) => other.close())]);
    await server.stop();
  });

  /** Another process appending to the same server: its own client, its own queue. */
  const anotherProcess = (options: EventStoreDbEventStoreOptions = {}) => {
    const other = new EventStoreDbEventStore(server.connectionString, options);
    others.push(other);
    return other;
  };
  const rawStream = async (stream: string) => {
    const events: ResolvedEvent[] = [];
    for await (const resolved of raw.readStream(stream)) events.push(resolved);
    return events;
  };

  describe('storage layout', () => {
    it("stores id, type and data as EventStoreDB's own fields and the envelope beside the writer's metadata", async () => {
      const stream = uniqueStream();
      const event = newEvent('CaseReceived', { summary: 'Noise at night' });
      const [recorded] = (await store.append(stream, [event], 'no-stream')).events;

      const [stored] = await rawStream(stream);
      expect(stored.event).toMatchObject({
        id: event.eventId,
        type: 'CaseReceived',
        data: { summary: 'Noise at night' },
        isJson: true,
        revision: 0n,
      });
      expect(stored.event?.metadata).toEqual({
        ...event.metadata,
        $ledger: {
          v: 1,
          schemaVersion: 1,
          recordedAt: recorded.recordedAt,
          previousHash: null,
          hash: recorded.hash,
          appendId: expect.any(String),
        },
      });
      expect(recorded.globalPosition).toBe(Number(stored.event?.position?.commit));
      expect(hashEnvelope(recorded)).toBe(recorded.hash);
    });

    it('refuses metadata that would collide with the envelope', async () => {
      const event = newEvent();
      const withReservedKey = { ...event, metadata: { ...event.metadata, $ledger: 'mine' } };
      await expect(store.append(uniqueStream(), [withReservedKey], 'any')).rejects.toBeInstanceOf(InvalidEventError);
    });

    it('uses the $all commit position as a sparse, increasing globalPosition, also inside one append', async () => {
      const { events } = await store.append(uniqueStream(), newEvents(4), 'no-stream');
      const positions = events.map((event) => event.globalPosition);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(4);
      expect(positions[1] - positions[0]).toBeGreaterThan(1);
    });
  });

  describe('events that are not the ledger’s', () => {
    it('skips system events and other writers’ events in readAll, headPosition and subscriptions', async () => {
      const stream = uniqueStream();
      const { events } = await store.append(stream, newEvents(2), 'no-stream');
      await raw.appendToStream(`orders-${randomUUID()}`, jsonEvent({ type: 'OrderPlaced', data: { id: 1 } }));
      await raw.appendToStream('$projections-$all', jsonEvent({ type: '$ProjectionsInitialized', data: {} }));

      const all: RecordedEvent[] = [];
      for await (const batch of store.readAll()) all.push(...batch);
      expect(all).toEqual(events);
      expect(await store.headPosition()).toBe(events[1].globalPosition);
      const seen = await firstValueFrom(store.subscribeToAll(0).pipe(take(2), toArray()));
      expect(seen).toEqual(events);
    });

    it('reports 0 as the head of a server holding only system events', async () => {
      expect(await store.headPosition()).toBe(0);
    });
  });

  describe('appends racing with other processes', () => {
    it("retries 'any' appends that lose the race, keeping one gap-free chain", async () => {
      const stream = uniqueStream();
      const writers = [store, anotherProcess(), anotherProcess(), anotherProcess()];
      await Promise.all(writers.flatMap((writer) => [1, 2, 3].map(() => writer.append(stream, newEvents(2), 'any'))));

      const events = await store.readStream(stream);
      expect(events).toHaveLength(24);
      expect(findChainBreak(events)).toBeUndefined();
    });

    it('lets one exact-revision append win across processes, the others failing with the actual revision', async () => {
      const stream = uniqueStream();
      await store.append(stream, newEvents(1), 'no-stream');
      const writers = [store, anotherProcess(), anotherProcess()];
      const outcomes = await Promise.allSettled(writers.map((writer) => writer.append(stream, newEvents(1), 0)));

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toEqual(new ConcurrencyError(stream, 0, 1));
      }
      expect(findChainBreak(await store.readStream(stream))).toBeUndefined();
    });

    it('tells its own write from an identical one another process made, even within one millisecond', async () => {
      const stream = uniqueStream();
      const clock = () => new Date('2026-03-09T01:00:00.000Z');
      const [a, b] = [anotherProcess({ now: clock }), anotherProcess({ now: clock })];
      const batch = newEvents(2);
      const writes = countWrites(server);

      const results = await Promise.all([a.append(stream, batch, 'no-stream'), b.append(stream, batch, 'no-stream')]);

      // Both saw an absent stream and sent the write; the server silently replayed the second one.
      expect(writes()).toBe(2);
      expect(results.map((result) => result.idempotentReplay).sort()).toEqual([false, true]);
      expect(results[0].events).toEqual(results[1].events);
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });

  describe('subscribeToAll across dropped connections', () => {
    it('resubscribes after the server drops the connection while live, with no gap and no duplicate', async () => {
      const stream = uniqueStream();
      await store.append(stream, newEvents(5), 'no-stream');
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll(0).subscribe((event) => received.push(event));
      await waitFor(() => received.length === 5);

      await server.dropConnections();
      await eventually(() => store.append(stream, newEvents(5), 4));
      await waitFor(() => received.length >= 10);
      await server.dropConnections(200);
      await eventually(() => store.append(stream, newEvents(5), 9));
      await waitFor(() => received.length >= 15);
      await new Promise((resolve) => setTimeout(resolve, 100));
      subscription.unsubscribe();

      expect(received.map((event) => event.streamRevision)).toEqual(Array.from({ length: 15 }, (_, index) => index));
      expect(server.calls.subscribeToAll).toBeGreaterThanOrEqual(3);
    });

    it('resubscribes from the last event it delivered when the connection drops during catch-up', async () => {
      const stream = uniqueStream();
      for (let revision = -1; revision < 999; revision += 200) {
        await store.append(stream, newEvents(200), revision < 0 ? 'no-stream' : revision);
      }
      const received: RecordedEvent[] = [];
      let subscription: Subscription | undefined;
      const done = new Promise<void>((resolve, reject) => {
        subscription = store
          .subscribeToAll(0)
          .pipe(
            filter((event) => event.streamId === stream),
            take(1000),
          )
          .subscribe({ next: (event) => received.push(event), complete: resolve, error: reject });
      });
      await waitFor(() => received.length >= 100);
      expect(received.length).toBeLessThan(1000);

      await server.dropConnections();
      await done;
      subscription?.unsubscribe();

      expect(received.map((event) => event.streamRevision)).toEqual(Array.from({ length: 1000 }, (_, index) => index));
      expect(server.calls.subscribeToAll).toBe(2);
    });

    it('stops the EventStoreDB subscription when unsubscribed', async () => {
      const subscription = store.subscribeToAll(0).subscribe();
      await waitFor(() => server.openSubscriptions() === 1);
      subscription.unsubscribe();
      await waitFor(() => server.openSubscriptions() === 0);
    });
  });

  describe('an unreachable server', () => {
    it('reports StoreUnavailableError from every operation', async () => {
      await server.stop();
      await expect(store.append(uniqueStream(), newEvents(1), 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.readStream(uniqueStream())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(async () => {
        for await (const batch of store.readAll()) void batch;
      }).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('ends a subscription with StoreUnavailableError once its retries are used up', async () => {
      const patient = anotherProcess({ resubscribe: { initialDelayMs: 5, maxDelayMs: 20, maxConsecutiveFailures: 3 } });
      await server.stop();
      await expect(firstValueFrom(patient.subscribeToAll(0))).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe('close', () => {
    it('completes open subscriptions and refuses further use', async () => {
      const completed = firstValueFrom(store.subscribeToAll(0).pipe(toArray()));
      await store.close();
      expect(await completed).toEqual([]);
      await expect(store.append(uniqueStream(), newEvents(1), 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
});

/** Counts the appends the server's log receives from now on, written or not. */
function countWrites(server: FakeEventStoreDb): () => number {
  let count = 0;
  const append = server.log.append.bind(server.log);
  server.log.append = (...args) => {
    count += 1;
    return append(...args);
  };
  return () => count;
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Right after a drop the client's first call may fail while it notices; callers retry such calls. */
async function eventually<T>(action: () => Promise<T>, attempts = 40): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
