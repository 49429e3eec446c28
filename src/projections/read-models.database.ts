import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createPrivateFile } from '../ledger/data-folder.js';

export const READ_MODELS_FILE = 'read-models.db';
export const READ_MODELS = Symbol('READ_MODELS');

/**
 * The read models' own SQLite file, apart from the events (for both store kinds): everything in it
 * can be rebuilt from the ledger, so it can be deleted, and a rebuild never touches the events.
 * synchronous=NORMAL is enough: a crash may lose the last batches, but rows and checkpoint are lost
 * together (one transaction), so the projection simply applies those events again.
 */
export function openReadModels(filename: string): Database.Database {
  createPrivateFile(filename);
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000'); // the service and `ledger rebuild` write the same file
  // A rebuild inserts into indexes keyed by stream and by official all over the file: with SQLite's
  // default 2 MB of cache, most inserts past a few hundred thousand events went to the OS for a page.
  db.pragma('cache_size = -65536'); // 64 MiB
  db.pragma('wal_autocheckpoint = 10000'); // pages, as the ledger's store: fewer, larger checkpoints
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_generations (
      projection TEXT    NOT NULL,
      generation INTEGER NOT NULL,
      version    INTEGER NOT NULL,
      state      TEXT    NOT NULL CHECK (state IN ('building', 'live')),
      checkpoint INTEGER NOT NULL DEFAULT 0,
      started_at TEXT    NOT NULL,
      PRIMARY KEY (projection, generation)
    ) STRICT;
    CREATE UNIQUE INDEX IF NOT EXISTS one_live_generation ON projection_generations (projection) WHERE state = 'live';
  `);
  return db;
}

export function readModelsPath(dataDir: string): string {
  return join(dataDir, READ_MODELS_FILE);
}
