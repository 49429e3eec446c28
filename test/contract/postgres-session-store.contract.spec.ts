import { PostgresSessionStore } from '../../src/auth/sessions/postgres-session-store.js';
import { testPostgres, withoutPostgres } from '../support/test-postgres.js';
import { sessionStoreContract } from './session-store.contract.js';

/** The PostgreSQL session store against a real server (test/support/test-postgres.ts). */
const server = await testPostgres();

if (typeof server === 'string') withoutPostgres('the PostgreSQL session store', server);
else {
  const { url } = server;
  afterAll(() => server.dropSchema());

  sessionStoreContract('PostgreSQL', () => ({ open: () => PostgresSessionStore.open(url) }));

  describe('the PostgreSQL session store when the server is gone', () => {
    it('answers StoreUnavailableError (503, LEDGER.STORE_UNAVAILABLE) and never shows the password', async () => {
      const nowhere = await PostgresSessionStore.open('postgresql://ledger:hunter2@127.0.0.1:1/sessions', { connectTimeoutMs: 500 }).catch(
        (error: unknown) => error,
      );
      expect(nowhere).toMatchObject({
        code: 'LEDGER.STORE_UNAVAILABLE',
        message: expect.stringContaining('PostgreSQL at 127.0.0.1:1/sessions'),
      });
      expect((nowhere as Error).message).not.toContain('hunter2');
    });
  });
}
