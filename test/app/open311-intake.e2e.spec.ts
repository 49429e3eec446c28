import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const BOUNDARY = '4f9a1c2e8b7d4a6f9e3c1b2a5d8e7f60'; // as python-requests makes them: 32 hex digits
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(600, 7)]);
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(300, 1)]);

/** A multipart/form-data body as Code for America's `three` (python-requests) sends `post(..., media=<photo>)`. */
function multipart(fields: Record<string, string>, file?: { name?: string; filename: string; type: string; bytes: Buffer }): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.name ?? 'media'}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

const report = {
  jurisdiction_id: 'gia-loc',
  service_code: 'reflection',
  description: 'Khói và mùi từ xưởng nhuộm gần trường học',
  lat: '20.8697',
  long: '106.2319',
  first_name: 'Nguyễn',
  last_name: 'Văn A',
  email: 'a@example.vn',
};

describe('the Open311 intake, as existing clients use it', () => {
  let subject: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    subject = await startTestApp({ OPEN311_MEDIA_MAX_BYTES: '4096', OPEN311_RATE_LIMIT_PER_MINUTE: '1000' });
    store = subject.app.get(EVENT_STORE);
    for (const unit of [
      { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' },
      { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong' },
    ])
      await subject.http
        .post('/api/v1/units')
        .send({ ...unit, occurredAt: '2017-01-01T00:00:00+07:00' })
        .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  const send = (body: Buffer, boundary = BOUNDARY) =>
    subject.anonymous
      .post('/open311/v2/requests.json')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .serialize((bytes: unknown) => bytes as string)
      .send(body as unknown as string);
  const mediaFiles = () => (existsSync(join(subject.dataDir, 'media')) ? readdirSync(join(subject.dataDir, 'media')) : []);

  async function refusedWithoutTrace(response: { status: number; body: unknown }, status: number, code: string, before: number) {
    expect(response.status).toBe(status);
    expect(response.body).toEqual([{ code: status, description: expect.any(String), error_code: code }]);
    expect(await store.headPosition()).toBe(before);
  }

  it('serves GeoReport v2 discovery without a token', async () => {
    const response = await subject.anonymous.get('/open311/v2/discovery.json').expect(200);
    expect(response.body).toEqual({
      changeset: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/open311\/v2$/),
          changeset: expect.any(String),
          type: 'production',
          formats: ['application/json'],
        },
      ],
    });
  });

  it('takes a multipart submission with a photo, keeps the photo by its hash and serves it to those who may read the case', async () => {
    const created = await send(multipart(report, { filename: 'IMG_0042.JPG', type: 'image/jpeg', bytes: JPEG })).expect(201);
    const [{ service_request_id: caseId }] = created.body;
    const sha256 = createHash('sha256').update(JPEG).digest('hex');

    const [received] = await store.readStream(`case-${caseId}`);
    expect(received!.data).toMatchObject({ media: { sha256, size: JPEG.length, mediaType: 'image/jpeg' }, channel: 'online' });
    expect(JSON.stringify(received!.data)).not.toContain('a@example.vn'); // the reporter is sealed as ever
    expect((statSync(join(subject.dataDir, 'media', sha256)).mode & 0o777).toString(8)).toBe('600');

    const [view] = (await subject.http.get(`/open311/v2/requests/${caseId}.json`).expect(200)).body;
    expect(view.media_url).toBe(`/api/v1/cases/${caseId}/media/${sha256}`);
    const caseView = (await subject.http.get(`/api/v1/cases/${caseId}`).expect(200)).body;
    expect(caseView.media).toEqual({ sha256, size: JPEG.length, mediaType: 'image/jpeg', url: view.media_url });

    const photo = await subject.as('thanh-tra-1', ['inspector']).get(view.media_url).buffer(true).expect(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(photo.body as Buffer, JPEG)).toBe(0);
    expect((await subject.as('admin-1', ['admin']).get(view.media_url)).status).toBe(403);
    expect((await subject.as('van-thu-tu-ky', ['recorder'], ['tu-ky']).get(view.media_url)).status).toBe(403);
    expect((await subject.anonymous.get(view.media_url)).status).toBe(401);
    expect((await subject.http.get(`/api/v1/cases/${caseId}/media/${'a'.repeat(64)}`)).status).toBe(404);
  });

  it('types a photo by its bytes, not by what the client claims', async () => {
    const created = await send(multipart(report, { filename: 'photo.jpg', type: 'image/jpeg', bytes: PNG })).expect(201);
    const [received] = await store.readStream(`case-${created.body[0].service_request_id}`);
    expect(received!.data.media).toMatchObject({ mediaType: 'image/png' });
  });

  it('reads a multipart submission without a photo like a form-encoded one', async () => {
    const created = await send(multipart(report)).expect(201);
    const [received] = await store.readStream(`case-${created.body[0].service_request_id}`);
    expect(received!.data).not.toHaveProperty('media');
    expect(received!.data).toMatchObject({ summary: report.description, location: { lat: 20.8697, long: 106.2319 } });
  });

  it.each([
    [
      'a file that is not a photo',
      () => multipart(report, { filename: 'x.jpg', type: 'image/jpeg', bytes: Buffer.from('%PDF-1.7 ...') }),
      415,
      'OPEN311.MEDIA_TYPE_UNSUPPORTED',
    ],
    [
      'a photo over the size limit',
      () => multipart(report, { filename: 'big.jpg', type: 'image/jpeg', bytes: Buffer.concat([JPEG, Buffer.alloc(8000)]) }),
      413,
      'OPEN311.MEDIA_TOO_LARGE',
    ],
    [
      'a file in another field',
      () => multipart(report, { name: 'attachment', filename: 'x.jpg', type: 'image/jpeg', bytes: JPEG }),
      400,
      'REQUEST.MALFORMED_MULTIPART',
    ],
    [
      'a field that is not UTF-8',
      () =>
        Buffer.concat([
          multipart(report).subarray(0, -`--${BOUNDARY}--\r\n`.length),
          Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="address_string"\r\n\r\n`),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
          Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
        ]),
      400,
      'REQUEST.INVALID_UTF8',
    ],
    [
      'a body cut short',
      () => multipart(report, { filename: 'a.jpg', type: 'image/jpeg', bytes: JPEG }).subarray(0, 400),
      400,
      'REQUEST.MALFORMED_MULTIPART',
    ],
    [
      'a missing description, with a photo',
      () => multipart({ ...report, description: '' }, { filename: 'a.jpg', type: 'image/jpeg', bytes: JPEG }),
      400,
      'VALIDATION.FAILED',
    ],
    [
      'an unknown jurisdiction, with a photo',
      () =>
        multipart(
          { ...report, jurisdiction_id: 'atlantis' },
          { filename: 'b.jpg', type: 'image/jpeg', bytes: Buffer.concat([JPEG, Buffer.from('other')]) },
        ),
      422,
      'CASE.UNIT_NOT_ACTIVE',
    ],
  ])('refuses %s in the specification shape, writing nothing and keeping no file', async (_, body, status, code) => {
    const before = await store.headPosition();
    const filesBefore = mediaFiles();
    await refusedWithoutTrace(await send(body()), status, code, before);
    expect(mediaFiles()).toEqual(filesBefore);
  });

  it('names the fields a submission got wrong, and only those', async () => {
    const response = await send(multipart({ ...report, email: 'not-an-email' })).expect(400);
    expect(response.body).toHaveLength(1);
    expect(response.body[0].description).toContain('email');
    expect(response.body[0].description).not.toContain('jurisdiction_id');
  });

  it('refuses a multipart body without a boundary', async () => {
    const before = await store.headPosition();
    const response = await subject.anonymous.post('/open311/v2/requests.json').set('Content-Type', 'multipart/form-data').send('x=1');
    await refusedWithoutTrace(response, 400, 'REQUEST.MALFORMED_MULTIPART', before);
  });

  it('keeps a media_url a reporter gives and answers it back', async () => {
    const mediaUrl = 'https://photos.example.vn/p/123.jpg';
    const created = await subject.anonymous
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ ...report, media_url: mediaUrl })
      .expect(201);
    const caseId = created.body[0].service_request_id;
    const [view] = (await subject.http.get(`/open311/v2/requests/${caseId}.json`).expect(200)).body;
    expect(view.media_url).toBe(mediaUrl);
    expect((await subject.http.get(`/api/v1/cases/${caseId}`).expect(200)).body).toMatchObject({ mediaUrl, media: null });
  });

  it.each(['javascript:alert(1)', 'ftp://photos.example.vn/1.jpg', 'not a url'])('refuses media_url %p', async (mediaUrl) => {
    const response = await subject.anonymous
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ ...report, media_url: mediaUrl });
    expect(response.status).toBe(400);
    expect(response.body[0]).toMatchObject({ error_code: 'VALIDATION.FAILED' });
  });
});

describe('the Open311 intake, given a multipart body that ends inside its photo', () => {
  it('refuses it and goes on serving', async () => {
    const subject = await startTestApp();
    try {
      const cut = multipart(report, { filename: 'a.jpg', type: 'image/jpeg', bytes: JPEG });
      const response = await subject.anonymous
        .post('/open311/v2/requests.json')
        .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
        .serialize((bytes: unknown) => bytes as string)
        .send(cut.subarray(0, cut.length - 300) as unknown as string);
      expect(response.status).toBe(400);
      expect(response.body[0]).toMatchObject({ error_code: 'REQUEST.MALFORMED_MULTIPART' });
      await subject.anonymous.get('/health').expect(200);
    } finally {
      await subject.close();
    }
  });
});
