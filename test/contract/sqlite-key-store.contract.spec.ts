import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from '../../src/personal-data/key-stores/sqlite-key-store.js';
import { keyStoreContract } from './key-store.contract.js';

let folder: string;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), 'ledger-key-store-'))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Every store of a test opens the same file: two processes of one machine (the service and the CLI).
keyStoreContract('SQLite (keys.db)', () => ({ open: async () => new SqliteKeyStore(join(folder, 'keys.db')) }));
