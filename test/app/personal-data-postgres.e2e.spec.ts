import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../../src/personal-data/personal-data-vault.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { testPostgres, withoutPostgres } from '../support/test-postgres.js';

/** The service with its personal-data keys in PostgreSQL (PERSONAL_DATA_KEY_STORE=postgresql), as instances sharing them run. */
const server = await testPostgres();

if (typeof server === 'string') withoutPostgres('the service on the PostgreSQL key store', server);
else {
  describe('the service on the PostgreSQL key store', () => {
    let first: TestApp;
    let second: TestApp;
    const reporter = { name: 'Đỗ Thị Postgres', phone: '0909 444 555' };

    beforeAll(async () => {
      const env = { PERSONAL_DATA_KEY_STORE: 'postgresql', PERSONAL_DATA_KEY_STORE_URL: server.url };
      first = await startTestApp(env);
      second = await startTestApp(env);
    }, 60_000);
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await server.dropSchema();
    });

    it('seals with a key kept in PostgreSQL, shows it to those who may read it, and erases it for every instance', async () => {
      await first.http.post('/api/v1/units').send({ unitId: 'tinh', name: 'Tỉnh', kind: 'province' }).expect(201);
      const received = await first.http
        .post('/api/v1/cases')
        .send({ unitId: 'tinh', category: 'complaint', channel: 'letter', summary: 'Flooded road', reporter })
        .expect(201);
      const caseId = received.body.caseId as string;
      const inspector = first.as('inspector-1', ['inspector']);
      expect((await inspector.get(`/api/v1/cases/${caseId}`).expect(200)).body.reporter).toEqual({
        subjectId: `reporter-${caseId}`,
        ...reporter,
      });
      expect(existsSync(join(first.dataDir, 'keys.db'))).toBe(false);

      const elsewhere = second.app.get<PersonalDataVault>(PERSONAL_DATA_VAULT); // another instance on the same key store
      expect(await elsewhere.erasedAt(`reporter-${caseId}`)).toBeNull();
      await first.as('admin-1', ['admin']).post(`/api/v1/personal-data/subjects/reporter-${caseId}/erasure`).expect(201);
      expect(await elsewhere.erasedAt(`reporter-${caseId}`)).toEqual(expect.any(String));
      expect((await inspector.get(`/api/v1/cases/${caseId}`).expect(200)).body.reporter).toEqual({
        redacted: true,
        reason: 'erased',
        subjectId: `reporter-${caseId}`,
      });
    });
  });
}
