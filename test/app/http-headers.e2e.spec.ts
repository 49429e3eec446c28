import { startTestApp, type TestApp } from '../support/start-test-app.js';

/** What every answer says to browsers and caches: a strict content policy, no storing of personal data, and by what it varies. */
describe('security and caching headers', () => {
  let subject: TestApp;
  const at = '2017-01-01T00:00:00+07:00';

  beforeAll(async () => {
    subject = await startTestApp();
    await subject.http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  const policy = (header: string | undefined) =>
    Object.fromEntries(
      (header ?? '')
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter(([name]) => name)
        .map(([name, ...sources]) => [name, sources]),
    );

  it.each([
    ['the API', () => subject.http.get('/api/v1/units/hai-duong')],
    ['an Open311 read', () => subject.http.get('/open311/v2/requests.json')],
    ['the Open311 service list', () => subject.anonymous.get('/open311/v2/services.json')],
    ['an error', () => subject.anonymous.get('/api/v1/units/hai-duong')],
    ['/health', () => subject.anonymous.get('/health')],
  ])('answers %s with no-store, Vary: Authorization and a strict content policy', async (_, send) => {
    const response = await send();
    expect(response.headers['cache-control']).toMatch(/\bno-store\b/);
    expect(response.headers.vary).toMatch(/\bAuthorization\b/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(policy(response.headers['content-security-policy'])).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('lets Swagger UI at /docs work: its scripts are files of this origin, only its styles may be inline', async () => {
    const page = await subject.anonymous.get('/docs/').expect(200);
    const csp = policy(page.headers['content-security-policy']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline.trim()).toBe(''); // no inline script, which script-src 'self' would block
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toMatch(/^\.\//); // same origin
      const script = await subject.anonymous.get(`/docs/${src!.slice(2)}`).expect(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
    }
    for (const [, href] of page.text.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g))
      await subject.anonymous.get(`/docs/${href.replace(/^\.\//, '')}`).expect(200);
  });

  describe("a case's ETag", () => {
    let location: string;
    beforeAll(async () => {
      const received = await subject
        .as('van-thu-1', ['recorder'], ['hai-duong'])
        .post('/api/v1/cases')
        .send({ unitId: 'hai-duong', category: 'denunciation', channel: 'letter', summary: 'Tố cáo', reporter: { name: 'Người tố cáo' } })
        .expect(201);
      location = received.headers.location;
    });

    it('differs between the plaintext and the redacted view of the same revision', async () => {
      const plain = await subject.as('thanh-tra-1', ['inspector']).get(location).expect(200);
      const redacted = await subject.as('can-bo-1', ['official'], ['hai-duong']).get(location).expect(200);
      expect(plain.body.reporter).toMatchObject({ name: 'Người tố cáo' });
      expect(redacted.body.reporter).toMatchObject({ redacted: true, reason: 'role' });
      expect(plain.headers.etag).toBe('"0-plain"');
      expect(redacted.headers.etag).toBe('"0-redacted-role"');
      expect(plain.headers.vary).toMatch(/\bAuthorization\b/);
    });

    it('is taken back in If-Match, by its revision', async () => {
      const official = subject.as('can-bo-1', ['official'], ['hai-duong']);
      const read = await official.get(location).expect(200);
      const acknowledged = await official.post(`${location}/acknowledgements`).set('If-Match', read.headers.etag).send({}).expect(200);
      expect(acknowledged.headers.etag).toBe('"1"');
      const stale = await official.post(`${location}/actions`).set('If-Match', read.headers.etag).send({ description: 'Xác minh' });
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    });
  });
});
