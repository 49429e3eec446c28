import type Database from 'better-sqlite3';
import type { LedgerConfig } from '../config/ledger.config.js';
import type { EventStore } from '../ledger/event-store.port.js';
import { ensureWritableFolder, openEventStore } from '../ledger/open-event-store.js';
import { openReadModels, readModelsPath } from '../projections/read-models.database.js';
import { keyStorePath, PersonalDataKeyStore } from '../personal-data/personal-data-key-store.js';

/**
 * What a command may need, opened on first use only: `ledger verify` must be able to read a data
 * folder it may not write (an auditor's copy, a read-only mount), so nothing is opened for it up front.
 */
export class CliResources {
  private store?: Promise<EventStore>;
  private readModelsDb?: Database.Database;
  private keys?: PersonalDataKeyStore;

  constructor(readonly config: LedgerConfig) {}

  eventStore(): Promise<EventStore> {
    this.store ??= openEventStore(this.config);
    return this.store;
  }

  readModels(): Database.Database {
    if (!this.readModelsDb) {
      ensureWritableFolder(this.config.dataDir);
      this.readModelsDb = openReadModels(readModelsPath(this.config.dataDir));
    }
    return this.readModelsDb;
  }

  /** The personal-data key store (keys.db). */
  keyStore(): PersonalDataKeyStore {
    if (!this.keys) {
      ensureWritableFolder(this.config.dataDir);
      this.keys = new PersonalDataKeyStore(keyStorePath(this.config.dataDir));
    }
    return this.keys;
  }

  async close(): Promise<void> {
    this.readModelsDb?.close();
    this.keys?.close();
    if (this.store) await (await this.store).close();
  }
}
