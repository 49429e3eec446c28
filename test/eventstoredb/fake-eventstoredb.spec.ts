import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { startFakeEventStoreDb, type FakeEventStoreDb, type FakeEventStoreDbOptions } from '../support/fake-eventstoredb/index.js';

/**
 * The fake server is only worth something if the real client cannot tell it from EventStoreDB for
 * what the ledger uses. These tests talk to it through @eventstore/db-client over gRPC.
 */
describe.each<[string, FakeEventStoreDbOptions]>([
  ['BatchAppend (servers since 21.10)', { appendProtocol: 'batch-append' }],
  ['Append (20.x servers without ServerFeatures)', { appendProtocol: 'append-only' }],
])('the fake EventStoreDB server, appending through %s', (_, options) => {
  let server: FakeEventStoreDb;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    server = await startFakeEventStoreDb(options);
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await server.stop();
  });

  const events = (count: number) =>
    Array.from({ length: count }, (_, index) => jsonEvent({ id: randomUUID(), type: 'Noted', data: { index } }));
  const readStream = async (stream: string, options?: Parameters<EventStoreDBClient['readStream']>[1]) => {
    const read: ResolvedEvent[] = [];
    for await (const resolved of client.readStream(stream, options)) read.push(resolved);
    return read;
  };
  const readAll = async (options?: Parameters<EventStoreDBClient['readAll']>[0]) => {
    const read: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll(options)) read.push(resolved);
    return read;
  };
  const appendFails = async (stream: string, expectedRevision: AppendExpectedRevision): Promise<WrongExpectedVersionError> => {
    const error = await client.appendToStream(stream, events(1), { expectedRevision }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    return error as WrongExpectedVersionError;
  };

  it('appends and reads a stream forwards and backwards, with positions that match $all', async () => {
    const stream = `s-${randomUUID()}`;
    const written = events(3);
    const result = await client.appendToStream(stream, written, { expectedRevision: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(2n);

    const forwards = await readStream(stream);
    expect(forwards.map((resolved) => resolved.event?.id)).toEqual(written.map((event) => event.id));
    expect(forwards.map((resolved) => resolved.event?.data)).toEqual([{ index: 0 }, { index: 1 }, { index: 2 }]);
    expect(
      (await readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 })).map((resolved) => resolved.event?.revision),
    ).toEqual([2n, 1n]);
    expect((await readStream(stream, { fromRevision: 1n, maxCount: 1 })).map((resolved) => resolved.event?.revision)).toEqual([1n]);

    const inAll = (await readAll()).filter((resolved) => resolved.event?.streamId === stream);
    expect(inAll.map((resolved) => resolved.event?.position)).toEqual(forwards.map((resolved) => resolved.event?.position));
    expect(result.position).toEqual(inAll[2].event?.position);
    const usedBatchAppend = options.appendProtocol === 'batch-append';
    expect(server.calls.batchAppend > 0).toBe(usedBatchAppend);
    expect(server.calls.append > 0).toBe(!usedBatchAppend);
  });

  it('answers a read of an unknown stream with StreamNotFound', async () => {
    await expect(readStream(`absent-${randomUUID()}`)).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('refuses wrong expectations, naming the current revision', async () => {
    const stream = `s-${randomUUID()}`;
    expect((await appendFails(stream, STREAM_EXISTS)).actualVersion).toBe('no_stream');
    expect((await appendFails(stream, 0n)).actualVersion).toBe('no_stream');
    await client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });
    expect((await appendFails(stream, NO_STREAM)).actualVersion).toBe(1n);
    expect((await appendFails(stream, 0n)).actualVersion).toBe(1n);
    expect((await appendFails(stream, 7n)).actualVersion).toBe(1n);
    await client.appendToStream(stream, events(1), { expectedRevision: STREAM_EXISTS });
    expect(await readStream(stream)).toHaveLength(3);
  });

  it('answers a repeated append at the same place with the first result, writing nothing', async () => {
    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, events(1), { expectedRevision: NO_STREAM });
    const batch = events(2);
    const first = await client.appendToStream(stream, batch, { expectedRevision: 0n });
    await client.appendToStream(stream, events(1), { expectedRevision: 2n });

    const again = await client.appendToStream(stream, batch, { expectedRevision: 0n });
    const againAny = await client.appendToStream(stream, batch, { expectedRevision: 'any' });

    expect(again.nextExpectedRevision).toBe(2n);
    expect(again.position).toEqual(first.position);
    expect(againAny.nextExpectedRevision).toBe(2n);
    expect(await readStream(stream)).toHaveLength(4);
    // The same ids one place further on are not a repeat but a conflict.
    await expect(client.appendToStream(stream, batch, { expectedRevision: 1n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('starts $all with system events and reads it from an inclusive position, forwards and backwards', async () => {
    const before = await readAll();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((resolved) => resolved.event?.streamId.startsWith('$'))).toBe(true);

    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, events(4), { expectedRevision: NO_STREAM });
    const ours = (await readAll()).filter((resolved) => resolved.event?.streamId === stream);
    const third = ours[2].event!.position;

    const fromThird = await readAll({ fromPosition: third, maxCount: 2 });
    expect(fromThird.map((resolved) => resolved.event?.revision)).toEqual([2n, 3n]);
    const beforeThird = await readAll({ fromPosition: third, direction: BACKWARDS, maxCount: 2 });
    expect(beforeThird.map((resolved) => resolved.event?.revision)).toEqual([1n, 0n]);
    expect((await readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))[0].event?.revision).toBe(3n);
  });

  it('runs a filtered catch-up subscription: confirmation, events after the position, caught up, then live', async () => {
    const stream = `s-${randomUUID()}`;
    await client.appendToStream(stream, events(3), { expectedRevision: NO_STREAM });
    const first = (await readAll()).find((resolved) => resolved.event?.streamId === stream)!.event!.position;

    const subscription = client.subscribeToAll({ fromPosition: first, filter: excludeSystemEvents() });
    const received: AllStreamResolvedEvent[] = [];
    const confirmed = new Promise<void>((resolve) => subscription.once('confirmation', () => resolve()));
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    subscription.on('data', (resolved: AllStreamResolvedEvent) => received.push(resolved));
    await confirmed;
    await caughtUp;
    expect(received.map((resolved) => resolved.event?.revision)).toEqual([1n, 2n]);

    await client.appendToStream(stream, events(2), { expectedRevision: 2n });
    await waitFor(() => received.length === 4);
    expect(received.map((resolved) => resolved.event?.revision)).toEqual([1n, 2n, 3n, 4n]);
    expect(received.every((resolved) => !resolved.event?.type.startsWith('$'))).toBe(true);
    await subscription.unsubscribe();
  });

  it('subscribes from the start including system events when unfiltered', async () => {
    const subscription = client.subscribeToAll({ fromPosition: START });
    const received: AllStreamResolvedEvent[] = [];
    subscription.on('data', (resolved: AllStreamResolvedEvent) => received.push(resolved));
    await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    expect(received.length).toBe(server.log.length);
    await subscription.unsubscribe();
  });

  it('ends open subscriptions with an error when connections drop, and serves again afterwards', async () => {
    const subscription = client.subscribeToAll({ fromPosition: END });
    const failed = new Promise<unknown>((resolve) => subscription.once('error', resolve));
    await new Promise<void>((resolve) => subscription.once('confirmation', () => resolve()));

    await server.dropConnections();

    expect(await failed).toBeInstanceOf(Error);
    const stream = `s-${randomUUID()}`;
    await eventually(() => client.appendToStream(stream, events(1), { expectedRevision: NO_STREAM }));
    expect(await readStream(stream)).toHaveLength(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The client needs a moment, and a failed call, to notice the old connection is gone. */
async function eventually<T>(action: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
