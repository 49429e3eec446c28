import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, type LedgerConfig } from '../config/ledger.config.js';
import { PRIVATE_FOLDER_MODE } from './data-folder.js';
import type { EventStore } from './event-store.port.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export const EMBEDDED_STORE_FILE = 'events.db';

/** The one place that chooses an adapter: everything else sees only the EventStore port. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  if (config.store === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store.js');
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString!);
  }
  ensureWritableFolder(config.dataDir);
  return new SqliteEventStore(join(config.dataDir, EMBEDDED_STORE_FILE));
}

export function ensureWritableFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new ConfigurationError(
      'LEDGER_DATA_DIR',
      `must be a folder the service can write to; "${folder}" is not (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
}
