import Database from 'better-sqlite3';
import { createPrivateFile } from '../../ledger/data-folder.js';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KEY_BYTES } from '../personal-data-cipher.js';
import { SubjectErasedError, type ActiveOrErased, type KeyErasure, type PersonalDataKeyStore, type SubjectKey } from './key-store.port.js';

export const KEY_STORE_FILE = 'keys.db';

export function keyStorePath(dataDir: string): string {
  return join(dataDir, KEY_STORE_FILE);
}

/**
 * The key store of one machine: its own SQLite file beside the events (keys.db).
 *  - secure_delete: SQLite overwrites the deleted key's bytes in the file instead of leaving them in a free page;
 *  - WAL with synchronous FULL: a key is durable (one fsync) before the event sealed under it is
 *    appended; after an erasure a TRUNCATE checkpoint writes the overwritten page into the file and
 *    empties the log, so no old copy of the page with the key stays in keys.db-wal (a rollback journal
 *    would avoid that too, but its three syncs cost ~12 ms per new key against ~0.5 ms: docs/benchmarks.md);
 *  - the file is created readable by its owner only;
 *  - erased_subjects keeps the fact (not the key), so a late retry cannot create a new key for an erased subject.
 * Nothing is cached in memory: `ledger erase-subject` may delete a key while the service runs, and
 * better-sqlite3 answers synchronously, so each call is one short transaction on this thread.
 */
export class SqliteKeyStore implements PersonalDataKeyStore {
  private readonly db: Database.Database;
  private readonly selectKey: Database.Statement<[string], { key: Buffer }>;
  private readonly selectErased: Database.Statement<[string], { erased_at: string }>;
  private readonly insertKey: Database.Statement<[string, Buffer, string]>;
  private readonly deleteKey: Database.Statement<[string]>;
  private readonly insertErased: Database.Statement<[string, string]>;

  constructor(filename: string) {
    createPrivateFile(filename);
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 10000'); // the service and `ledger erase-subject` share the file
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS subject_keys (
        subject_id TEXT PRIMARY KEY,
        key        BLOB NOT NULL CHECK (length(key) = ${KEY_BYTES}),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS erased_subjects (
        subject_id TEXT PRIMARY KEY,
        erased_at  TEXT NOT NULL
      ) STRICT;
    `);
    this.selectKey = this.db.prepare('SELECT key FROM subject_keys WHERE subject_id = ?');
    this.selectErased = this.db.prepare('SELECT erased_at FROM erased_subjects WHERE subject_id = ?');
    this.insertKey = this.db.prepare(
      'INSERT INTO subject_keys (subject_id, key, created_at) VALUES (?, ?, ?) ON CONFLICT (subject_id) DO NOTHING',
    );
    this.deleteKey = this.db.prepare('DELETE FROM subject_keys WHERE subject_id = ?');
    this.insertErased = this.db.prepare('INSERT INTO erased_subjects (subject_id, erased_at) VALUES (?, ?)');
  }

  async keyFor(subjectId: string, now: Date): Promise<Buffer> {
    return this.db
      .transaction(() => {
        const erased = this.selectErased.get(subjectId);
        if (erased) throw new SubjectErasedError(subjectId, erased.erased_at);
        this.insertKey.run(subjectId, randomBytes(KEY_BYTES), now.toISOString());
        return this.selectKey.get(subjectId)!.key;
      })
      .immediate();
  }

  async keysFor(subjectIds: readonly string[], now: Date): Promise<ReadonlyMap<string, ActiveOrErased>> {
    const createdAt = now.toISOString();
    return this.db
      .transaction(() => {
        const keys = new Map<string, ActiveOrErased>();
        for (const subjectId of subjectIds) {
          if (keys.has(subjectId)) continue;
          const erased = this.selectErased.get(subjectId);
          if (erased) {
            keys.set(subjectId, { status: 'erased', erasedAt: erased.erased_at });
            continue;
          }
          this.insertKey.run(subjectId, randomBytes(KEY_BYTES), createdAt);
          keys.set(subjectId, { status: 'active', key: this.selectKey.get(subjectId)!.key });
        }
        return keys;
      })
      .immediate();
  }

  async lookup(subjectId: string): Promise<SubjectKey> {
    return this.db
      .transaction((): SubjectKey => {
        const found = this.selectKey.get(subjectId);
        if (found) return { status: 'active', key: found.key };
        const erased = this.selectErased.get(subjectId);
        return erased ? { status: 'erased', erasedAt: erased.erased_at } : { status: 'unknown' };
      })
      .deferred();
  }

  /** Deletes the key and remembers that it was erased, in one transaction; then empties the log of old pages. */
  async erase(subjectId: string, now: Date): Promise<KeyErasure> {
    const erasure = this.db
      .transaction((): KeyErasure => {
        const erased = this.selectErased.get(subjectId);
        if (erased) return { outcome: 'already-erased', erasedAt: erased.erased_at };
        if (this.deleteKey.run(subjectId).changes === 0) return { outcome: 'unknown' };
        const erasedAt = now.toISOString();
        this.insertErased.run(subjectId, erasedAt);
        return { outcome: 'erased', erasedAt };
      })
      .immediate();
    if (erasure.outcome !== 'unknown') this.checkpoint(); // again after a failed one: erasing twice finishes the job
    return erasure;
  }

  /**
   * Copies the log into the file and truncates it. A reader in another process (the service or the
   * CLI) may hold the log for a moment: retried, and refused loudly rather than left half done.
   */
  private checkpoint(): void {
    for (let attempt = 1; ; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result.busy === 0) return;
      if (attempt >= 50)
        throw new Error(
          'keys.db: the log could not be emptied after the erasure (another connection keeps reading); run the erasure again.',
        );
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
