import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { newEvents, uniqueStream } from '../support/new-events.js';

describeEventStoreContract('SQLite (embedded)', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
  const store = new SqliteEventStore(join(folder, 'events.db'));
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});

describe('SQLite readStreams beyond one query', () => {
  it('reads more streams than one query names (500), every one whole', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-contract-'));
    const store = new SqliteEventStore(join(folder, 'events.db'));
    try {
      const streams = Array.from({ length: 1201 }, uniqueStream);
      await Promise.all(streams.map((stream, index) => store.append(stream, newEvents(1 + (index % 3)), 'no-stream')));

      const found = await store.readStreams(streams);

      expect(found.size).toBe(1201);
      expect(streams.map((stream) => found.get(stream)!.length)).toEqual(streams.map((_, index) => 1 + (index % 3)));
      expect(found.get(streams[1200]!)).toEqual(await store.readStream(streams[1200]!));
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
