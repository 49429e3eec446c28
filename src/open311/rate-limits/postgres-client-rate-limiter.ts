import pg from 'pg';
import { StoreUnavailableError } from '../../ledger/ledger.errors.js';
import { inPostgresTransaction } from '../../ledger/postgres-transaction.js';
import { RATE_LIMIT_WINDOW_MS, retryAfterSeconds, type ClientRateLimiter, type RateLimitDecision } from './client-rate-limiter.port.js';

/** pg_advisory_xact_lock's first key: this limiter's own space of locks (the second is the client's hash). */
export const RATE_LIMIT_LOCK_SPACE = 0x4f333131; // "O311"
const SCHEMA_LOCK = 0;

/**
 * The counts every instance shares: one row per counted submission in a PostgreSQL table (the schema
 * is the connection's search_path). Counting takes a transaction-level advisory lock on the client,
 * so two instances receiving the same client's submissions at the same moment count them one after
 * the other and together allow the limit once. Rows older than the window are removed for the client
 * being counted, and for every client once a window, so the table holds about a minute of submissions.
 * Times come from the caller (the service's clock), so instances agree on the window as far as their
 * clocks do.
 */
export class PostgresClientRateLimiter implements ClientRateLimiter {
  private lastSweepMs = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  /** Connects and creates the table if it is missing; rejects when the server cannot be reached. */
  static async open(url: string, options: { readonly maxConnections?: number } = {}): Promise<PostgresClientRateLimiter> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 5,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    });
    pool.on('error', () => undefined); // an idle connection dropped by the server: the next query reconnects
    const limiter = new PostgresClientRateLimiter(pool, describe(url));
    try {
      await limiter.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [RATE_LIMIT_LOCK_SPACE, SCHEMA_LOCK]);
        await client.query(`
          CREATE TABLE IF NOT EXISTS open311_client_submissions (
            client text   NOT NULL,
            at_ms  bigint NOT NULL
          );
          CREATE INDEX IF NOT EXISTS open311_client_submissions_by_client ON open311_client_submissions (client, at_ms);
          CREATE INDEX IF NOT EXISTS open311_client_submissions_by_time ON open311_client_submissions (at_ms);
        `);
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return limiter;
  }

  take(client: string, nowMs: number, limit: number): Promise<RateLimitDecision> {
    const windowStart = nowMs - RATE_LIMIT_WINDOW_MS;
    const sweep = nowMs - this.lastSweepMs >= RATE_LIMIT_WINDOW_MS;
    if (sweep) this.lastSweepMs = nowMs;
    return this.transaction(async (connection) => {
      await connection.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RATE_LIMIT_LOCK_SPACE, client]);
      if (sweep) await connection.query('DELETE FROM open311_client_submissions WHERE at_ms <= $1', [windowStart]);
      else await connection.query('DELETE FROM open311_client_submissions WHERE client = $1 AND at_ms <= $2', [client, windowStart]);
      const { rows } = await connection.query<{ counted: string; oldest: string | null }>(
        'SELECT count(*) AS counted, min(at_ms) AS oldest FROM open311_client_submissions WHERE client = $1',
        [client],
      );
      const counted = Number(rows[0]!.counted);
      if (counted >= limit) return { allowed: false, retryAfterSeconds: retryAfterSeconds(Number(rows[0]!.oldest), nowMs) };
      await connection.query('INSERT INTO open311_client_submissions (client, at_ms) VALUES ($1, $2)', [client, nowMs]);
      return { allowed: true };
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inPostgresTransaction(this.pool, work, (error) => this.unavailable(error));
  }

  /** Any failure to count is the shared store being unavailable (503): a submission is never let through uncounted. */
  private unavailable(error: unknown): StoreUnavailableError {
    return new StoreUnavailableError(
      `The Open311 rate limits (PostgreSQL at ${this.where}) cannot be counted: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
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
