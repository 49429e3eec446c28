import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, type LedgerConfig } from '../config/ledger.config.js';
import { PRIVATE_FOLDER_MODE } from './data-folder.js';
import type { EventStore } from './event-store.port.js';
import { LedgerNotFoundError, type LedgerSource } from './ledger-source.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { SqliteLedgerFile } from './sqlite/sqlite-ledger-file.js';
import { SqliteStoreBackup } from './sqlite/sqlite-store-backup.js';
import type { StoreBackup } from './store-backup.port.js';

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

/**
 * The configured store's events for `ledger verify`, without starting anything: the embedded store's
 * file read-only (the service may be stopped, the folder read-only), or a connection to EventStoreDB,
 * closed with the source. LedgerNotFoundError when there is no embedded ledger at the data folder.
 */
export async function openLedgerSource(config: LedgerConfig): Promise<LedgerSource> {
  if (config.store === 'eventstoredb') {
    const store = await openEventStore(config);
    const source = store.ledgerSource();
    return {
      densePositions: source.densePositions,
      events: () => source.events(),
      readableStream: (streamId) => source.readableStream(streamId),
      close: async () => {
        await source.close();
        await store.close();
      },
    };
  }
  return openEmbeddedLedgerFile(config.dataDir);
}

/**
 * What `ledger backup` and `ledger restore` need of the configured store (see store-backup.port.ts);
 * with EventStoreDB it connects on first use, and close() closes that connection.
 */
export async function openStoreBackup(config: LedgerConfig): Promise<StoreBackup> {
  if (config.store === 'eventstoredb') {
    const { EventStoreDbStoreBackup } = await import('./eventstoredb/eventstoredb-store-backup.js');
    return new EventStoreDbStoreBackup(() => openEventStore(config));
  }
  return new SqliteStoreBackup(config.dataDir, EMBEDDED_STORE_FILE);
}

/** The embedded store's file in `folder`, read-only (a data folder, a backup being restored). */
export function openEmbeddedLedgerFile(folder: string): LedgerSource {
  const file = join(folder, EMBEDDED_STORE_FILE);
  if (!existsSync(file)) throw new LedgerNotFoundError(file);
  return new SqliteLedgerFile(file);
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
