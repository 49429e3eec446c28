import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteSessionStore } from '../../src/auth/sessions/sqlite-session-store.js';
import { sessionStoreContract } from './session-store.contract.js';

let folder: string;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), 'ledger-session-store-'))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Every store of a test opens the same file: a restart of the one instance, or the service and the CLI.
sessionStoreContract('SQLite (auth/sessions.db)', () => ({ open: async () => new SqliteSessionStore(join(folder, 'sessions.db')) }));
