import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decider, DomainEvent } from '../../src/domain-kit/decider.js';
import { DomainError } from '../../src/domain-kit/domain-error.js';
import { CommandHandler, type CommandEnvelope } from '../../src/ledger/command-handler.js';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store.port.js';
import { RequestReads } from '../../src/ledger/request-reads.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';

/** A counter that refuses a Tick once it has seen `limit`: a decision that a stale read would get wrong. */
type Tick = DomainEvent<'Ticked', { seen: number }>;
const counter = (limit = Infinity): Decider<{ type: 'Tick' }, Tick, number> => ({
  initialState: 0,
  decide: (_command, seen) => {
    if (seen >= limit) throw new DomainError('COUNTER.FULL', `Already ${seen}.`, 'conflict');
    return [{ type: 'Ticked', data: { seen } }];
  },
  evolve: (count) => count + 1,
});

/** Refuses a Tick on a counter nobody started, as a decider refuses a command on an aggregate that does not exist. */
const existingCounter: Decider<{ type: 'Tick' }, Tick, number> = {
  ...counter(),
  decide: (command, seen, context) => {
    if (seen === 0) throw new DomainError('COUNTER.NOT_FOUND', 'No such counter.', 'not-found');
    return counter().decide(command, seen, context);
  },
};

const envelope = (reads: RequestReads, overrides: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  actor: 'official-1',
  correlationId: 'corr-1',
  now: new Date('2026-03-09T01:00:00Z'),
  occurredAt: '2026-03-09T08:00:00+07:00',
  earlierReads: reads,
  ...overrides,
});

describe('the command handler starting from a read the request made earlier', () => {
  let folder: string;
  let store: SqliteEventStore;
  let storeReads: string[];
  let counted: EventStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-earlier-'));
    store = new SqliteEventStore(join(folder, 'events.db'));
    storeReads = [];
    counted = Object.create(store) as EventStore;
    counted.readStream = (streamId, options) => {
      storeReads.push(streamId);
      return store.readStream(streamId, options);
    };
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const tick = (handler: CommandHandler, streamId: string, reads: RequestReads, overrides: Partial<CommandEnvelope> = {}) =>
    handler.handle(counter(2), streamId, { type: 'Tick' }, envelope(reads, overrides));

  it('reads the stream once when the request read it already (the permission check)', async () => {
    const handler = new CommandHandler(counted);
    await tick(handler, 'case-1', new RequestReads(counted));
    const reads = new RequestReads(counted);
    await reads.readStream('case-1');
    storeReads.length = 0;

    const result = await tick(handler, 'case-1', reads);

    expect(storeReads).toEqual([]);
    expect(result.revision).toBe(1);
  });

  it('decides again on a fresh read when the earlier read went stale before the append', async () => {
    const handler = new CommandHandler(counted);
    const stale = new RequestReads(counted);
    await stale.readStream('case-2'); // empty
    await tick(handler, 'case-2', new RequestReads(counted)); // someone else writes revision 0

    const result = await tick(handler, 'case-2', stale);

    expect(result.revision).toBe(1);
    expect((await store.readStream('case-2')).map((event) => event.data.seen)).toEqual([0, 1]);
  });

  it('does not allow on a stale read what the fresh state refuses', async () => {
    const handler = new CommandHandler(counted);
    const staleEmpty = new RequestReads(counted);
    await staleEmpty.readStream('case-3');
    await tick(handler, 'case-3', new RequestReads(counted));
    await tick(handler, 'case-3', new RequestReads(counted));

    await expect(tick(handler, 'case-3', staleEmpty)).rejects.toMatchObject({ code: 'COUNTER.FULL' });
    expect(await store.readStream('case-3')).toHaveLength(2);
  });

  it('does not refuse on a stale read what the fresh state allows', async () => {
    const handler = new CommandHandler(counted);
    const staleEmpty = new RequestReads(counted);
    await staleEmpty.readStream('case-6');
    await tick(handler, 'case-6', new RequestReads(counted)); // the counter exists now

    const result = await handler.handle(existingCounter, 'case-6', { type: 'Tick' }, envelope(staleEmpty));

    expect(result.revision).toBe(1);
  });

  it('answers If-Match against the fresh revision, not the stale read', async () => {
    const handler = new CommandHandler(counted);
    const stale = new RequestReads(counted);
    await stale.readStream('case-4');
    await tick(handler, 'case-4', new RequestReads(counted));

    const result = await tick(handler, 'case-4', stale, { expectedRevision: 0 });

    expect(result.revision).toBe(1);
    await expect(tick(handler, 'case-4', new RequestReads(counted), { expectedRevision: 0 })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });

  it('replays an Idempotency-Key found in the earlier read without writing', async () => {
    const handler = new CommandHandler(counted);
    const idempotency = { key: 'key-1', fingerprint: 'f' };
    const first = await tick(handler, 'case-5', new RequestReads(counted), { idempotency });
    const reads = new RequestReads(counted);
    const earlier: readonly RecordedEvent[] = await reads.readStream('case-5');

    const again = await tick(handler, 'case-5', reads, { idempotency });

    expect(again).toMatchObject({ replayed: true, revision: first.revision });
    expect(await store.readStream('case-5')).toHaveLength(earlier.length);
  });
});
