import request from 'supertest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('the service on the embedded store', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.close();
  });

  it('answers GET /health with 200 and the store up', async () => {
    const response = await request(subject.app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', headPosition: 0 } } });
  });

  it('keeps its events in LEDGER_DATA_DIR', () => {
    expect(existsSync(join(subject.dataDir, 'events.db'))).toBe(true);
  });

  it('serves the OpenAPI document at /docs-json and Swagger UI at /docs', async () => {
    const document = await request(subject.app.getHttpServer()).get('/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toContain('/health');
    await request(subject.app.getHttpServer()).get('/docs').expect(200);
  });

  it('answers an unknown route with 404 as RFC 9457 problem details, with a stable code', async () => {
    const response = await request(subject.app.getHttpServer()).get('/no-such-thing?x=1').expect(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'tag:accountability-ledger,2026:problem:HTTP.NOT_FOUND',
      title: 'Not Found',
      status: 404,
      detail: expect.stringContaining('/no-such-thing'),
      instance: '/no-such-thing',
      code: 'HTTP.NOT_FOUND',
    });
  });
});
