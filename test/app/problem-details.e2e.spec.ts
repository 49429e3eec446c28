import { startTestApp, type TestApp } from '../support/start-test-app.js';

const PROBLEM = 'application/problem+json; charset=utf-8';
const typeOf = (code: string) => `tag:accountability-ledger,2026:problem:${code}`;

/** Every error of the API as RFC 9457 problem details; Open311 keeps its GeoReport v2 list. */
describe('errors as problem details', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.close();
  });

  it('answers invalid input with the per-field errors beside the problem members', async () => {
    const response = await subject.http.post('/api/v1/units').send({ unitId: 'x', kind: 'planet' }).expect(400);
    expect(response.headers['content-type']).toBe(PROBLEM);
    expect(response.body).toMatchObject({
      type: typeOf('VALIDATION.FAILED'),
      title: 'Bad Request',
      status: 400,
      detail: expect.any(String),
      instance: '/api/v1/units',
      code: 'VALIDATION.FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'kind', messages: expect.any(Array) })]),
    });
    expect(response.body).not.toHaveProperty('statusCode');
    expect(response.body).not.toHaveProperty('message');
  });

  it.each([
    ['a domain refusal', () => subject.http.get('/api/v1/units/no-such-unit'), 404, 'Not Found', 'NOT_FOUND', '/api/v1/units/no-such-unit'],
    [
      'a missing token',
      () => subject.anonymous.get('/api/v1/units/gia-tan'),
      401,
      'Unauthorized',
      'AUTH.TOKEN_MISSING',
      '/api/v1/units/gia-tan',
    ],
    [
      'a role the route does not grant',
      () => subject.as('r-1', ['recorder']).post('/api/v1/units').send({}),
      403,
      'Forbidden',
      'AUTH.ROLE_REQUIRED',
      '/api/v1/units',
    ],
    [
      'malformed JSON',
      () => subject.http.post('/api/v1/units').set('Content-Type', 'application/json').send('{"unitId": '),
      400,
      'Bad Request',
      'REQUEST.MALFORMED_JSON',
      '/api/v1/units',
    ],
    [
      'a CSV route refusing its query',
      () => subject.http.get('/api/v1/audit.csv?limit=0'),
      400,
      'Bad Request',
      'VALIDATION.FAILED',
      '/api/v1/audit.csv',
    ],
  ])('answers %s as problem details', async (_, send, status, title, code, instance) => {
    const response = await send();
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: PROBLEM });
    expect(response.body).toMatchObject({ type: typeOf(code), title, status, detail: expect.any(String), instance, code });
  });

  it('keeps the GeoReport v2 error list under /open311/', async () => {
    const response = await subject.anonymous.get('/open311/v2/requests/no-such-case.json').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual([{ code: 401, description: expect.any(String), error_code: expect.any(String) }]);
  });
});
