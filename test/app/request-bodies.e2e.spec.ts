import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Bodies no client should send, read before any DTO sees them: nesting beyond the limit, bytes that
 * are not UTF-8, strings that are not well-formed UTF-16, nulls where objects go, and content types a
 * route does not read. Each gets a 4xx with a stable code, and nothing is written.
 */
describe('request bodies the service refuses to read', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let store: EventStore;
  const at = '2017-01-01T00:00:00+07:00';

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    store = subject.app.get(EVENT_STORE);
    await http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  const nested = (levels: number) => `{"description": ${'['.repeat(levels)}${']'.repeat(levels)}}`;
  const receipt = { unitId: 'hai-duong', category: 'complaint', channel: 'letter', summary: 'Ô nhiễm' };

  async function unchanged<T>(send: () => Promise<T>): Promise<T> {
    const before = await store.headPosition();
    const answer = await send();
    expect(await store.headPosition()).toBe(before);
    return answer;
  }

  describe('JSON nested beyond the limit', () => {
    it.each(['/api/v1/units', '/api/v1/cases', '/api/v1/cases/some-case/actions', '/api/v1/visits'])(
      'answers 400 REQUEST.TOO_DEEP on POST %s',
      async (path) => {
        const body = nested(1500);
        expect(body.length).toBeLessThan(4000);
        const response = await unchanged(() => http.post(path).set('Content-Type', 'application/json').send(body));
        expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'REQUEST.TOO_DEEP' });
        expect(response.body.detail).toContain('32');
      },
    );

    it('answers the anonymous Open311 intake in its own error shape', async () => {
      const response = await unchanged(() =>
        subject.anonymous.post('/open311/v2/requests.json').set('Content-Type', 'application/json').send(nested(1500)),
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual([{ code: 400, description: expect.any(String), error_code: 'REQUEST.TOO_DEEP' }]);
    });

    it('still reads 32 levels, and brackets inside strings do not count', async () => {
      const response = await http
        .post('/api/v1/units')
        .set('Content-Type', 'application/json')
        .send(`{"unitId": "deep", "name": "${'[{'.repeat(100)}", "kind": "province", "x": ${'['.repeat(31)}${']'.repeat(31)}}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION.FAILED' });
    });
  });

  it('refuses "location": null on POST /api/v1/cases, naming the field', async () => {
    const response = await unchanged(() => http.post('/api/v1/cases').send({ ...receipt, location: null }));
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION.FAILED' });
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'location' })]);
  });

  it('refuses "reporter": null like any other value that is not an object', async () => {
    const response = await unchanged(() => http.post('/api/v1/cases').send({ ...receipt, reporter: null }));
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reporter' })]);
  });

  describe('a lone UTF-16 surrogate', () => {
    it("refuses it in a reporter's email", async () => {
      const response = await unchanged(() =>
        http
          .post('/api/v1/cases')
          .set('Content-Type', 'application/json')
          .send(
            `{"unitId":"hai-duong","category":"complaint","channel":"letter","summary":"x","reporter":{"email":"a\\udfff@example.vn"}}`,
          ),
      );
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION.FAILED' });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reporter.email' })]);
    });

    it('refuses it in any text of a body, a summary say', async () => {
      const response = await unchanged(() =>
        http
          .post('/api/v1/cases')
          .set('Content-Type', 'application/json')
          .send(`{"unitId":"hai-duong","category":"complaint","channel":"letter","summary":"Ô nhiễm \\ud800"}`),
      );
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION.FAILED' });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'summary' })]);
    });

    it('refuses it in an Open311 email', async () => {
      const response = await unchanged(() =>
        subject.anonymous
          .post('/open311/v2/requests.json')
          .set('Content-Type', 'application/json')
          .send(
            `{"jurisdiction_id":"hai-duong","service_code":"incident","description":"x","address_string":"y","email":"a\\udfff@example.vn"}`,
          ),
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual([{ code: 400, description: expect.stringContaining('email'), error_code: 'VALIDATION.FAILED' }]);
    });
  });

  describe('bytes that are not UTF-8', () => {
    /** Sends the bytes as they are (supertest would otherwise encode a Buffer as JSON). */
    const raw = (bytes: unknown) => bytes as string;
    const invalid = Buffer.concat([
      Buffer.from('{"unitId":"hai-duong","category":"complaint","channel":"letter","summary":"a'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('"}'),
    ]);

    it('answers 400 REQUEST.INVALID_UTF8 rather than storing U+FFFD', async () => {
      const response = await unchanged(() =>
        http.post('/api/v1/cases').set('Content-Type', 'application/json').serialize(raw).send(invalid),
      );
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'REQUEST.INVALID_UTF8' });
    });

    it('answers so on the Open311 intake, for JSON and for percent-encoded form fields', async () => {
      const json = await unchanged(() =>
        subject.anonymous.post('/open311/v2/requests.json').set('Content-Type', 'application/json').serialize(raw).send(invalid),
      );
      expect(json.body).toEqual([{ code: 400, description: expect.any(String), error_code: 'REQUEST.INVALID_UTF8' }]);
      const form = await unchanged(() =>
        subject.anonymous
          .post('/open311/v2/requests.json')
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send('jurisdiction_id=hai-duong&service_code=incident&address_string=y&description=a%FF%FE%C3%28'),
      );
      expect(form.body).toEqual([{ code: 400, description: expect.any(String), error_code: 'REQUEST.INVALID_UTF8' }]);
    });

    it('takes well-formed UTF-8, percent-encoded or not', async () => {
      await http
        .post('/open311/v2/requests.json')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('jurisdiction_id=hai-duong&service_code=incident&address_string=y&description=Kh%C3%B3i+v%C3%A0+m%C3%B9i')
        .expect(201);
    });
  });

  describe('content types a route does not read', () => {
    it.each([
      ['application/x-www-form-urlencoded', 'unitId=x&name=X&kind=province'],
      ['text/plain', '{"unitId":"x","name":"X","kind":"province"}'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nX\r\n--b--\r\n'],
    ])('answers 415 REQUEST.UNSUPPORTED_MEDIA_TYPE for %s on a JSON route', async (type, body) => {
      const response = await unchanged(() => http.post('/api/v1/units').set('Content-Type', type).send(body));
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    });

    it('answers 415 for a body with no content type', async () => {
      const response = await unchanged(() => http.post('/api/v1/units').set('Content-Type', '').send('{"name":"X"}'));
      expect(response.status).toBe(415);
    });

    it('answers 415 for a JSON body in another charset', async () => {
      const response = await unchanged(() =>
        http.post('/api/v1/units').set('Content-Type', 'application/json; charset=iso-8859-1').send('{"name":"X"}'),
      );
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    });

    it('still takes a POST without a body where none is needed', async () => {
      await http.post('/api/v1/integrity/checkpoints').expect(201);
    });

    it('answers the Open311 intake in its own shape for a type it does not read', async () => {
      const response = await unchanged(() =>
        subject.anonymous.post('/open311/v2/requests.json').set('Content-Type', 'text/xml').send('<service_request/>'),
      );
      expect(response.status).toBe(415);
      expect(response.body).toEqual([{ code: 415, description: expect.any(String), error_code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' }]);
    });
  });
});
