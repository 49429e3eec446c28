import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

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
