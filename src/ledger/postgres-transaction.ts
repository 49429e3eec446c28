import type pg from 'pg';

/**
 * One transaction on a pooled PostgreSQL client: BEGIN, the work, COMMIT, or ROLLBACK on any failure,
 * the client released either way. `failed` says what a failure (of the connection or of the work)
 * becomes for the caller: each store words its own "unavailable" and keeps its own refusals.
 */
export async function inPostgresTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  failed: (error: unknown) => unknown,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw failed(error);
  }
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw failed(error);
  } finally {
    client.release();
  }
}
