import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decider, DomainEvent } from '../../src/domain-kit/decider.js';
import { CommandHandler, type CommandEnvelope } from '../../src/ledger/command-handler.js';
import type { EventStore } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';

/** A counter: every Tick records the value it saw, so a lost update would show as a repeated value. */
type Tick = DomainEvent<'Ticked', { seen: number }>;
const counter: Decider<{ type: 'Tick' }, Tick, number> = {
  initialState: 0,
  decide: (_command, seen) => [{ type: 'Ticked', data: { seen } }],
  evolve: (count) => count + 1,
};

const envelope = (overrides: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  actor: 'official-1',
  correlationId: 'corr-1',
  now: new Date('2026-03-09T01:00:00Z'),
  occurredAt: '2026-03-09T08:00:00+07:00',
  ...overrides,
});

describe('the command handler under contention on one stream', () => {
  let folder: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-handler-'));
    store = new SqliteEventStore(join(folder, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function expectGapFree(streamId: string, count: number): Promise<void> {
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.streamRevision)).toEqual(Array.from({ length: count }, (_, index) => index));
    // Each writer decided on the state its predecessor left: no two saw the same count.
    expect(events.map((event) => event.data.seen)).toEqual(Array.from({ length: count }, (_, index) => index));
  }

  it.each([20, 50])('lands %i concurrent writers without If-Match, every revision once', async (writers) => {
    const handler = new CommandHandler(store);
    const results = await Promise.all(
      Array.from({ length: writers }, () => handler.handle(counter, 'case-busy', { type: 'Tick' }, envelope())),
    );
    expect(results.map((result) => result.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, index) => index));
    await expectGapFree('case-busy', writers);
  });

  it('lands writers of two instances on one store (conflicts between them are retried with backoff)', async () => {
    const delays: number[] = [];
    const options = { sleep: async (ms: number) => void delays.push(ms) };
    const instances = [new CommandHandler(store, options), new CommandHandler(store, options)];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => instances[index % 2].handle(counter, 'case-shared', { type: 'Tick' }, envelope())),
    );
    expect(results).toHaveLength(40);
    await expectGapFree('case-shared', 40);
    // Waits between attempts are jittered: never all the same.
    if (delays.length > 1) expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('still refuses a stale If-Match at once (412), without retrying', async () => {
    const handler = new CommandHandler(store);
    await handler.handle(counter, 'case-stale', { type: 'Tick' }, envelope());
    await handler.handle(counter, 'case-stale', { type: 'Tick' }, envelope());
    await expect(handler.handle(counter, 'case-stale', { type: 'Tick' }, envelope({ expectedRevision: 0 }))).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });

  it('keeps commands on different streams concurrent: a slow stream does not hold up another', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: EventStore = Object.create(store) as EventStore;
    slow.readStream = async (streamId, options) => {
      if (streamId === 'case-slow') await held;
      return store.readStream(streamId, options);
    };
    const handler = new CommandHandler(slow);
    const slowOne = handler.handle(counter, 'case-slow', { type: 'Tick' }, envelope());
    const fast = await handler.handle(counter, 'case-fast', { type: 'Tick' }, envelope());
    expect(fast.revision).toBe(0);
    release();
    expect((await slowOne).revision).toBe(0);
  });

  it('gives up after its attempts when another writer always wins, with the conflict', async () => {
    const handler = new CommandHandler(store, { maxAttempts: 3, sleep: async () => undefined });
    const racing: EventStore = Object.create(store) as EventStore;
    const busy = new CommandHandler(racing, { maxAttempts: 3, sleep: async () => undefined });
    // Before each of its appends, someone else appends first.
    racing.append = async (streamId, events, expected) => {
      await handler.handle(counter, streamId, { type: 'Tick' }, envelope());
      return store.append(streamId, events, expected);
    };
    await expect(busy.handle(counter, 'case-lost', { type: 'Tick' }, envelope())).rejects.toMatchObject({
      code: 'LEDGER.WRONG_EXPECTED_REVISION',
    });
  });
});
