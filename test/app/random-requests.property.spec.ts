import fc from 'fast-check';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Every POST endpoint of the API, found in its own OpenAPI document, gets random JSON bodies and
 * random path ids: the service never answers 5xx, and a refused request writes nothing.
 */
describe('random requests to every POST endpoint', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let store: EventStore;
  let postPaths: string[];

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    store = subject.app.get(EVENT_STORE);
    const document = (await http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    postPaths = Object.entries(document.paths)
      .filter(([, operations]) => 'post' in operations)
      .map(([path]) => path);
    // Something to act on, so that some random requests reach the deciders rather than a 404.
    await http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  it('finds the POST endpoints', () => {
    expect(postPaths).toContain('/api/v1/units');
    expect(postPaths.length).toBeGreaterThanOrEqual(5);
  });

  const pathId = fc.oneof(
    fc.constant('hai-duong'),
    fc.uuid(),
    fc
      .string({ maxLength: 20 })
      .map(encodeURIComponent)
      .filter((id) => id.length > 0),
  );
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(
      fc.constantFrom(
        'name',
        'kind',
        'unitId',
        'parentId',
        'occurredAt',
        'category',
        'channel',
        'summary',
        'reason',
        'eventId',
        'fields',
        'attendees',
        'participants',
        'dueAt',
        'toUnitId',
        'officialId',
      ),
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom('province', 'complaint', 'hai-duong', '2017-03-09T08:00:00+07:00', '2999-01-01T00:00:00Z', 'x'.repeat(5000)),
      ),
    ),
  );

  it('never answers 5xx, and writes nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), pathId, body, async (pick, id, payload) => {
        const template = postPaths[pick % postPaths.length];
        const path = template.replace(/\{[^}]+\}/g, id);
        const before = await store.headPosition();
        const response = await http.post(path).set('Content-Type', 'application/json').send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(await store.headPosition()).toBe(before);
          expect(typeof response.body.code === 'string' || Array.isArray(response.body)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
