import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SubjectErasedError } from '../../src/personal-data/key-stores/key-store.port.js';
import { LOCK_SPACE, PostgresKeyStore } from '../../src/personal-data/key-stores/postgres-key-store.js';
import { testPostgres, withoutPostgres } from '../support/test-postgres.js';
import { keyStoreContract } from './key-store.contract.js';

/** The PostgreSQL key store against a real server (test/support/test-postgres.ts). */
const server = await testPostgres();

if (typeof server === 'string') withoutPostgres('the PostgreSQL key store', server);
else {
  const { url } = server;
  afterAll(() => server.dropSchema());

  keyStoreContract('PostgreSQL', () => ({ open: () => PostgresKeyStore.open(url) }));

  describe('the PostgreSQL key store between two instances', () => {
    it("waits for another instance's erasure of the same subject, and then makes no key", async () => {
      const store = await PostgresKeyStore.open(url);
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        const subjectId = `reporter-${randomBytes(6).toString('hex')}`;
        // Another instance is erasing this subject: its transaction holds the subject's lock and has not committed yet.
        await other.query('BEGIN');
        await other.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, subjectId]);
        await other.query('INSERT INTO personal_data_erased_subjects (subject_id, erased_at) VALUES ($1, $2)', [
          subjectId,
          new Date('2026-03-05T00:00:00Z'),
        ]);
        let settled = false;
        const creating = store.keyFor(subjectId, new Date()).finally(() => (settled = true));
        creating.catch(() => undefined);
        await new Promise((later) => setTimeout(later, 300));
        expect(settled).toBe(false); // it waits for the erasure's lock
        await other.query('COMMIT');
        await expect(creating).rejects.toEqual(new SubjectErasedError(subjectId, '2026-03-05T00:00:00.000Z'));
        expect(await store.lookup(subjectId)).toEqual({ status: 'erased', erasedAt: '2026-03-05T00:00:00.000Z' });
      } finally {
        await other.end();
        await store.close();
      }
    });
  });

  describe('the PostgreSQL key store when the server is gone', () => {
    it('answers StoreUnavailableError (503, LEDGER.STORE_UNAVAILABLE) and never shows the password', async () => {
      const nowhere = await PostgresKeyStore.open('postgresql://ledger:hunter2@127.0.0.1:1/keys', { connectTimeoutMs: 500 }).catch(
        (error: unknown) => error,
      );
      expect(nowhere).toMatchObject({
        code: 'LEDGER.STORE_UNAVAILABLE',
        message: expect.stringContaining('PostgreSQL at 127.0.0.1:1/keys'),
      });
      expect((nowhere as Error).message).not.toContain('hunter2');
    });
  });
}
