import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { ConcurrencyError, EventIdReusedError } from '../../src/ledger/ledger.errors.js';
import { findChainBreak } from '../../src/ledger/event-hash.js';
import { newEvent, newEvents } from '../support/new-events.js';

describe('SqliteEventStore, beyond the contract', () => {
  let folder: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (options?: ConstructorParameters<typeof SqliteEventStore>[1]) => {
    const store = new SqliteEventStore(file, options);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
    file = join(folder, 'events.db');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses UPDATE and DELETE on the events table, even from another connection', async () => {
    const store = open();
    await store.append('case-1', newEvents(2), 'no-stream');
    const raw = new Database(file);
    try {
      expect(() => raw.prepare("UPDATE events SET data = '{}' WHERE stream_revision = 0").run()).toThrow(/LEDGER.APPEND_ONLY/);
      expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/LEDGER.APPEND_ONLY/);
    } finally {
      raw.close();
    }
    expect(await store.readStream('case-1')).toHaveLength(2);
  });

  it('keeps the file in WAL mode (the journal the durable pragmas rely on)', () => {
    open();
    const raw = new Database(file);
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('refuses an event id already used in another stream', async () => {
    const store = open();
    const event = newEvent();
    await store.append('case-1', [event], 'no-stream');
    await expect(store.append('case-2', [event], 'no-stream')).rejects.toBeInstanceOf(EventIdReusedError);
    expect(await store.readStream('case-2')).toEqual([]);
  });

  it('writes the appends of one event-loop turn in one transaction, each with its own outcome', async () => {
    let clockReads = 0;
    const store = open({ now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, clockReads++)) });
    await store.append('case-contended', newEvents(1), 'no-stream');

    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, index) => store.append(`case-${index}`, newEvents(2), 'no-stream')),
      store.append('case-contended', newEvents(1), 0),
      store.append('case-contended', newEvents(1), 0),
    ]);

    const written = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value.events : []));
    expect(new Set(written.map((event) => event.recordedAt)).size).toBe(1); // one group, one commit
    expect(outcomes.slice(0, 20).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    const contended = outcomes.slice(20);
    expect(contended.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(contended.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: expect.any(ConcurrencyError) });
    const positions = written.map((event) => event.globalPosition).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: positions.length }, (_, index) => positions[0] + index));
  });

  it('keeps acknowledged events across a reopen and continues each chain', async () => {
    const first = open();
    await first.append('case-1', newEvents(3), 'no-stream');
    await first.close();

    const reopened = open();
    await reopened.append('case-1', newEvents(2), 2);
    const events = await reopened.readStream('case-1');
    expect(events.map((event) => event.streamRevision)).toEqual([0, 1, 2, 3, 4]);
    expect(findChainBreak(events)).toBeUndefined();
    expect(await reopened.headPosition()).toBe(5);
  });

  it('delivers to a subscription what another connection appended to the same file', async () => {
    const reader = open({ externalChangePollMs: 20 });
    const writer = open();
    const seen = firstValueFrom(
      reader.subscribeToAll(0).pipe(
        filter((event) => event.streamId === 'case-elsewhere'),
        take(3),
        toArray(),
      ),
    );
    await writer.append('case-elsewhere', newEvents(3), 'no-stream');
    expect((await seen).map((event) => event.streamRevision)).toEqual([0, 1, 2]);
  });

  it('keeps one chain when another connection appends to a stream this one wrote alone', async () => {
    const mine = open();
    const other = open();
    await mine.append('case-shared', newEvents(1), 'no-stream'); // mine now remembers the head at 0
    await other.append('case-shared', newEvents(1), 0);

    await expect(mine.append('case-shared', newEvents(1), 0)).rejects.toMatchObject({ code: 'LEDGER.WRONG_EXPECTED_REVISION', actual: 1 });
    await mine.append('case-shared', newEvents(1), 1);
    await mine.append('case-shared', newEvents(1), 'any');
    await other.append('case-shared', newEvents(1), 'any');
    await mine.append('case-shared', newEvents(1), 'any');

    const events = await mine.readStream('case-shared');
    expect(events.map((event) => event.streamRevision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(findChainBreak(events)).toBeUndefined();
  });

  it('numbers global positions densely from 1', async () => {
    const store = open();
    await store.append('case-a', newEvents(2), 'no-stream');
    await expect(store.append('case-a', newEvents(1), 'no-stream')).rejects.toBeInstanceOf(ConcurrencyError);
    await store.append('case-b', newEvents(2), 'no-stream');
    const all = [];
    for await (const batch of store.readAll()) all.push(...batch);
    expect(all.map((event) => event.globalPosition)).toEqual([1, 2, 3, 4]);
  });
});
