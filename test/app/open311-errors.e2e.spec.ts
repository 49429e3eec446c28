import { startTestApp, type TestApp } from '../support/start-test-app.js';

/** Every error under /open311/ comes as GeoReport v2's list [{ code, description }] (plus the ledger's error_code). */
describe('Open311 errors in the specification shape', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ OPEN311_RATE_LIMIT_PER_MINUTE: '3' });
    await subject.http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  const intake = () => subject.anonymous.post('/open311/v2/requests.json');
  const shaped = (status: number, errorCode: string) => [{ code: status, description: expect.any(String), error_code: errorCode }];

  it.each([
    ['malformed JSON', () => intake().set('Content-Type', 'application/json').send('{"description": '), 400, 'REQUEST.MALFORMED_JSON'],
    [
      'a body over the limit',
      () =>
        intake()
          .type('form')
          .send(`description=${'x'.repeat(200_000)}`),
      413,
      'REQUEST.TOO_LARGE',
    ],
    ['an unsupported content type', () => intake().set('Content-Type', 'text/csv').send('a,b'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    ['a malformed path', () => subject.http.get('/open311/v2/requests/%E0%A4%A.json'), 400, 'REQUEST.MALFORMED_PATH'],
    ['an unknown route', () => subject.anonymous.get('/open311/v2/nothing-here.json'), 404, 'HTTP.NOT_FOUND'],
    ['a missing token on a read', () => subject.anonymous.get('/open311/v2/requests.json'), 401, 'AUTH.TOKEN_MISSING'],
  ])('answers %s', async (_, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body).toEqual(shaped(status, code));
  });

  it('answers too many submissions with 429 and Retry-After, in the same shape', async () => {
    // Each refused submission above counted too, but the rate limit runs after the body is read: send valid ones.
    const submit = () =>
      intake().type('form').send({ jurisdiction_id: 'hai-duong', service_code: 'incident', description: 'x', address_string: 'y' });
    let last = await submit();
    for (let attempt = 0; attempt < 5 && last.status !== 429; attempt++) last = await submit();
    expect(last.status).toBe(429);
    expect(last.headers['retry-after']).toMatch(/^\d+$/);
    expect(last.body).toEqual(shaped(429, 'RATE_LIMITED'));
  });
});
