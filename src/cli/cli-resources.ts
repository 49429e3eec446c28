import type Database from 'better-sqlite3';
import type { LedgerConfig } from '../config/ledger.config.js';
import type { EventStore } from '../ledger/event-store.port.js';
import { ensureWritableFolder, openEventStore } from '../ledger/open-event-store.js';
import { openReadModels, readModelsPath } from '../projections/read-models.database.js';
import type { PersonalDataKeyStore } from '../personal-data/key-stores/key-store.port.js';
import { openKeyStore } from '../personal-data/key-stores/open-key-store.js';
import { RowChecker } from '../import/row-checker.js';

/**
 * What a command may need, opened on first use only: `ledger verify` must be able to read a data
 * folder it may not write (an auditor's copy, a read-only mount), so nothing is opened for it up front.
 */
export class CliResources {
  private store?: Promise<EventStore>;
  private readModelsDb?: Database.Database;
  private keys?: Promise<PersonalDataKeyStore>;
  /** checker: a checking thread started already (the CLI's, before its own start-up), else one is started on first use. */
  constructor(
    readonly config: LedgerConfig,
    private checker?: RowChecker | null,
  ) {}

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

  /** The personal-data key store (keys.db, or PostgreSQL). */
  keyStore(): Promise<PersonalDataKeyStore> {
    this.keys ??= openKeyStore(this.config);
    return this.keys;
  }

  /** The thread that checks an import's rows (none when the sources run uncompiled), one for every import of this process. */
  rowChecker(): RowChecker | undefined {
    if (this.checker === undefined) this.checker = RowChecker.openCompiled() ?? null;
    return this.checker ?? undefined;
  }

  async close(): Promise<void> {
    await this.checker?.close();
    this.readModelsDb?.close();
    if (this.keys) await (await this.keys).close();
    if (this.store) await (await this.store).close();
  }
}
