import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerNotFoundError, type LedgerSource } from '../ledger-source.js';
import type { StoreBackup } from '../store-backup.port.js';
import { SqliteLedgerFile } from './sqlite-ledger-file.js';

/** The embedded store's backup: its one file, events.db, copied online with the data folder's other databases. */
export class SqliteStoreBackup implements StoreBackup {
  readonly kind = 'sqlite';
  readonly localFiles: readonly string[];
  readonly restoresExactly = true;
  readonly restoreAdvice = null;

  constructor(
    private readonly dataDir: string,
    private readonly fileName: string,
  ) {
    this.localFiles = [fileName];
  }

  assertPresent(): void {
    const file = join(this.dataDir, this.fileName);
    if (!existsSync(file)) throw new LedgerNotFoundError(file);
  }

  headAtStart(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  contentsOf(folder: string): { headPosition: number; events: number } {
    const db = new Database(join(folder, this.fileName), { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare<[], { events: number; head: number | null }>('SELECT count(*) AS events, max(global_position) AS head FROM events')
        .get()!;
      return { headPosition: row.head ?? 0, events: row.events };
    } finally {
      db.close();
    }
  }

  openRestored(folder: string): Promise<LedgerSource> {
    const file = join(folder, this.fileName);
    if (!existsSync(file)) return Promise.reject(new LedgerNotFoundError(file));
    return Promise.resolve(new SqliteLedgerFile(file));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
