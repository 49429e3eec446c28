import type { LedgerConfig } from '../../config/ledger.config.js';
import { ensureWritableFolder } from '../../ledger/open-event-store.js';
import type { PersonalDataKeyStore } from './key-store.port.js';
import { keyStorePath, SqliteKeyStore } from './sqlite-key-store.js';

/** The one place that chooses where the keys live (PERSONAL_DATA_KEY_STORE); the PostgreSQL client is loaded only when used. */
export async function openKeyStore(config: Pick<LedgerConfig, 'dataDir' | 'personalDataKeys'>): Promise<PersonalDataKeyStore> {
  if (config.personalDataKeys.kind === 'postgresql') {
    const { PostgresKeyStore } = await import('./postgres-key-store.js');
    return PostgresKeyStore.open(config.personalDataKeys.url!);
  }
  ensureWritableFolder(config.dataDir);
  return new SqliteKeyStore(keyStorePath(config.dataDir));
}
