import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A PostgreSQL server for tests: LEDGER_TEST_POSTGRES_URL (scripts/start-test-postgres.sh prints it;
 * .ci/run starts one), or the default port of this machine. Each test file gets a schema of its own,
 * dropped at the end. Without a server the tests are skipped saying why, except in CI, where they fail.
 */
export const TEST_POSTGRES_URL = process.env.LEDGER_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestPostgres {
  /** The server's URL with the test file's own schema as search_path. */
  readonly url: string;
  dropSchema(): Promise<void>;
}

/** Connects and makes a fresh schema; resolves the reason instead when no server answers. */
export async function testPostgres(): Promise<TestPostgres | string> {
  const schema = `ledger_test_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    return `no PostgreSQL server answers at ${TEST_POSTGRES_URL} (${(error as Error).message || String((error as { code?: unknown }).code)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async dropSchema() {
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** What a test file does without a server: skip with the reason, or fail in CI, where .ci/run starts one. */
export function withoutPostgres(what: string, reason: string): void {
  if (process.env.CI === 'true') {
    describe(what, () => {
      it('has a PostgreSQL server to run against (.ci/run starts one)', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  process.stderr.write(`${what}: skipped, ${reason}; set LEDGER_TEST_POSTGRES_URL, or eval "$(scripts/start-test-postgres.sh)".\n`);
  describe(what, () => {
    it.skip(`is skipped: ${reason}`, () => undefined);
  });
}
