import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { ensureWritableFolder } from '../../ledger/open-event-store.js';
import type { SessionStore } from './session-store.port.js';
import { SqliteSessionStore, sessionStorePath } from './sqlite-session-store.js';

/** The one place that chooses where sessions live (SESSION_STORE); the PostgreSQL client is loaded only when used. */
export async function openSessionStore(config: Pick<LedgerConfig, 'dataDir' | 'sessionStore'>): Promise<SessionStore> {
  if (config.sessionStore.kind === 'postgresql') {
    const { PostgresSessionStore } = await import('./postgres-session-store.js');
    return PostgresSessionStore.open(config.sessionStore.url!);
  }
  ensureWritableFolder(config.dataDir);
  const authDir = join(config.dataDir, 'auth');
  mkdirSync(authDir, { recursive: true, mode: 0o700 });
  return new SqliteSessionStore(sessionStorePath(authDir));
}
