import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { StoreUnavailableError } from '../../ledger/ledger.errors.js';
import { inPostgresTransaction } from '../../ledger/postgres-transaction.js';
import { KEY_BYTES } from '../personal-data-cipher.js';
import { SubjectErasedError, type ActiveOrErased, type KeyErasure, type PersonalDataKeyStore, type SubjectKey } from './key-store.port.js';

/** pg_advisory_xact_lock's first key: this store's own space of locks (the second is the subject's hash). */
export const LOCK_SPACE = 0x4c4b5331; // "LKS1"
const SCHEMA_LOCK = 0;

export interface PostgresKeyStoreOptions {
  /** Connections at most; each instance of the service opens its own pool. */
  readonly maxConnections?: number;
  readonly connectTimeoutMs?: number;
}

/**
 * The key store every instance of the service shares: two tables in a PostgreSQL database (the schema
 * is the connection's search_path, e.g. `?options=-c%20search_path%3Dledger`).
 *
 * Creating a key and erasing a subject each run in one transaction that first takes a transaction-level
 * advisory lock on the subject, so that two instances creating the same subject's key end with one key,
 * and an erasure racing a creation on another instance can never leave a new key behind an erasure.
 * Reads take no lock: a key is only ever read whole, and an erasure deletes it in the same transaction
 * that records the erasure. Commits are durable (synchronous_commit, PostgreSQL's default) before a
 * sealed event is appended.
 *
 * What PostgreSQL does not give: a deleted row's bytes stay in its page until VACUUM reuses the space,
 * and in the write-ahead log, its archives and base backups as long as they are kept. An erasure is
 * therefore as final as the database's retention; the SQLite store overwrites the bytes at once.
 */
export class PostgresKeyStore implements PersonalDataKeyStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  /** Connects and creates the two tables if they are missing; rejects when the server cannot be reached. */
  static async open(url: string, options: PostgresKeyStoreOptions = {}): Promise<PostgresKeyStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server must not bring the process down; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresKeyStore(pool, describe(url));
    try {
      await store.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, SCHEMA_LOCK]);
        await client.query(`
          CREATE TABLE IF NOT EXISTS personal_data_subject_keys (
            subject_id text PRIMARY KEY,
            key        bytea NOT NULL CHECK (length(key) = ${KEY_BYTES}),
            created_at timestamptz NOT NULL
          );
          CREATE TABLE IF NOT EXISTS personal_data_erased_subjects (
            subject_id text PRIMARY KEY,
            erased_at  timestamptz NOT NULL
          );
        `);
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async keyFor(subjectId: string, now: Date): Promise<Buffer> {
    const known = await this.lookup(subjectId); // most calls are repeats: one read, no lock
    if (known.status === 'active') return known.key;
    if (known.status === 'erased') throw new SubjectErasedError(subjectId, known.erasedAt);
    return this.transaction(async (client) => {
      await lockSubject(client, subjectId);
      const erased = await client.query<{ erased_at: Date }>('SELECT erased_at FROM personal_data_erased_subjects WHERE subject_id = $1', [
        subjectId,
      ]);
      if (erased.rows[0]) throw new SubjectErasedError(subjectId, erased.rows[0].erased_at.toISOString());
      await client.query(
        'INSERT INTO personal_data_subject_keys (subject_id, key, created_at) VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO NOTHING',
        [subjectId, randomBytes(KEY_BYTES), now],
      );
      const stored = await client.query<{ key: Buffer }>('SELECT key FROM personal_data_subject_keys WHERE subject_id = $1', [subjectId]);
      return stored.rows[0]!.key;
    });
  }

  /**
   * One transaction for the whole batch: the subjects' locks taken in the order of their hashes (two
   * batches sharing subjects then wait for each other instead of deadlocking), the erasures read, the
   * missing keys inserted, and every key read back (another instance may have made one first).
   */
  async keysFor(subjectIds: readonly string[], now: Date): Promise<ReadonlyMap<string, ActiveOrErased>> {
    const subjects = [...new Set(subjectIds)];
    const known = await this.lookupAll(subjects); // an import run again finds every key: one read, no lock
    if (subjects.every((subjectId) => known.has(subjectId))) return known;
    return this.transaction(async (client) => {
      await client.query(
        'SELECT pg_advisory_xact_lock($1, hash) FROM (SELECT DISTINCT hashtext(s) AS hash FROM unnest($2::text[]) AS s ORDER BY 1) AS locks',
        [LOCK_SPACE, subjects],
      );
      const keys = new Map<string, ActiveOrErased>();
      const erased = await client.query<{ subject_id: string; erased_at: Date }>(
        'SELECT subject_id, erased_at FROM personal_data_erased_subjects WHERE subject_id = ANY($1::text[])',
        [subjects],
      );
      for (const row of erased.rows) keys.set(row.subject_id, { status: 'erased', erasedAt: row.erased_at.toISOString() });
      const missing = subjects.filter((subjectId) => !keys.has(subjectId));
      await client.query(
        `INSERT INTO personal_data_subject_keys (subject_id, key, created_at)
           SELECT subject_id, key, $3 FROM unnest($1::text[], $2::bytea[]) AS new_keys (subject_id, key)
           ON CONFLICT (subject_id) DO NOTHING`,
        [missing, missing.map(() => randomBytes(KEY_BYTES)), now],
      );
      const stored = await client.query<{ subject_id: string; key: Buffer }>(
        'SELECT subject_id, key FROM personal_data_subject_keys WHERE subject_id = ANY($1::text[])',
        [missing],
      );
      for (const row of stored.rows) keys.set(row.subject_id, { status: 'active', key: row.key });
      return keys;
    });
  }

  async lookup(subjectId: string): Promise<SubjectKey> {
    const { rows } = await this.query<{ key: Buffer | null; erased_at: Date | null }>(
      `SELECT k.key, e.erased_at
         FROM (SELECT $1::text AS subject_id) AS s
         LEFT JOIN personal_data_subject_keys AS k USING (subject_id)
         LEFT JOIN personal_data_erased_subjects AS e USING (subject_id)`,
      [subjectId],
    );
    const [row] = rows;
    if (row?.key) return { status: 'active', key: row.key };
    if (row?.erased_at) return { status: 'erased', erasedAt: row.erased_at.toISOString() };
    return { status: 'unknown' };
  }

  async erase(subjectId: string, now: Date): Promise<KeyErasure> {
    return this.transaction(async (client): Promise<KeyErasure> => {
      await lockSubject(client, subjectId);
      const erased = await client.query<{ erased_at: Date }>('SELECT erased_at FROM personal_data_erased_subjects WHERE subject_id = $1', [
        subjectId,
      ]);
      if (erased.rows[0]) return { outcome: 'already-erased', erasedAt: erased.rows[0].erased_at.toISOString() };
      const deleted = await client.query('DELETE FROM personal_data_subject_keys WHERE subject_id = $1', [subjectId]);
      if (deleted.rowCount === 0) return { outcome: 'unknown' };
      await client.query('INSERT INTO personal_data_erased_subjects (subject_id, erased_at) VALUES ($1, $2)', [subjectId, now]);
      return { outcome: 'erased', erasedAt: now.toISOString() };
    });
  }

  /** The subjects that have a key or an erasure; an unknown subject is left out. */
  private async lookupAll(subjectIds: readonly string[]): Promise<Map<string, ActiveOrErased>> {
    const { rows } = await this.query<{ subject_id: string; key: Buffer | null; erased_at: Date | null }>(
      `SELECT s.subject_id, k.key, e.erased_at
         FROM unnest($1::text[]) AS s (subject_id)
         LEFT JOIN personal_data_subject_keys AS k USING (subject_id)
         LEFT JOIN personal_data_erased_subjects AS e USING (subject_id)`,
      [subjectIds],
    );
    const found = new Map<string, ActiveOrErased>();
    for (const row of rows) {
      if (row.key) found.set(row.subject_id, { status: 'active', key: row.key });
      else if (row.erased_at) found.set(row.subject_id, { status: 'erased', erasedAt: row.erased_at.toISOString() });
    }
    return found;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(text, values);
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inPostgresTransaction(this.pool, work, (error) => (error instanceof SubjectErasedError ? error : this.unavailable(error)));
  }

  /** A lost connection or a server going down is the store being unavailable (503), not a fault of the request. */
  private unavailable(error: unknown): unknown {
    const code = String((error as { code?: unknown })?.code ?? '');
    const lost = /^(08|57P)/.test(code) || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE)$/.test(code);
    const timedOut = /timeout|terminated|Connection terminated/i.test((error as Error)?.message ?? '');
    if (!lost && !timedOut) return error;
    return new StoreUnavailableError(
      `The personal-data key store (PostgreSQL at ${this.where}) cannot be reached: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function lockSubject(client: pg.PoolClient, subjectId: string): Promise<unknown> {
  return client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, subjectId]);
}

/** The server and database, never the password, for messages. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}
