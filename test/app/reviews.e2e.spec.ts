import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('responsibility reviews over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  const evidence = ['00000000-0000-4000-8000-00000000abcd'];

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'province', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
    await http
      .post('/api/v1/officials')
      .send({
        officialId: 'nguyen-van-a',
        fullName: 'Nguyễn Văn A',
        position: 'Huyện ủy viên',
        unitId: 'gia-loc',
        occurredAt: '2017-01-01T00:00:00+07:00',
      })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  it('opens a review (201 + Location) and concludes it once (200, then 409)', async () => {
    const opened = await http
      .post('/api/v1/reviews')
      .send({
        reviewId: 'r-2017-1',
        officialId: 'nguyen-van-a',
        grounds: 'The upper level learned first',
        evidenceEventIds: evidence,
        occurredAt: '2017-03-01T08:00:00+07:00',
      })
      .expect(201);
    expect(opened.headers.location).toBe('/api/v1/reviews/r-2017-1');
    expect(opened.body).toMatchObject({ reviewId: 'r-2017-1', status: 'open', officialId: 'nguyen-van-a', evidenceEventIds: evidence });

    const stale = await http
      .post('/api/v1/reviews/r-2017-1/conclusions')
      .set('If-Match', '"1"')
      .send({ outcome: 'reminded', conclusion: 'Report promptly' })
      .expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const concluded = await http
      .post('/api/v1/reviews/r-2017-1/conclusions')
      .set('If-Match', '"0"')
      .send({ outcome: 'reminded', conclusion: 'Report promptly' })
      .expect(200);
    expect(concluded.headers.etag).toBe('"1"');
    expect(concluded.body).toMatchObject({ status: 'concluded', conclusion: { outcome: 'reminded', conclusion: 'Report promptly' } });
    const twice = await http.post('/api/v1/reviews/r-2017-1/conclusions').send({ outcome: 'no-fault', conclusion: 'x' }).expect(409);
    expect(twice.body.code).toBe('REVIEW.ALREADY_CONCLUDED');
    expect((await http.get('/api/v1/reviews/r-2017-1').expect(200)).body.status).toBe('concluded');
  });

  it('answers 404 for an unknown review, also when concluding it', async () => {
    await http.get('/api/v1/reviews/none').expect(404);
    await http.post('/api/v1/reviews/none/conclusions').send({ outcome: 'no-fault', conclusion: 'x' }).expect(404);
  });

  it.each([
    ['an unknown official', { officialId: 'ghost' }, 422, 'REVIEW.UNKNOWN_OFFICIAL'],
    ['no evidence', { evidenceEventIds: [] }, 400, 'VALIDATION.FAILED'],
    ['evidence that is not an event id', { evidenceEventIds: ['case-1'] }, 400, 'VALIDATION.FAILED'],
    ['missing grounds', { grounds: undefined }, 400, 'VALIDATION.FAILED'],
  ])('refuses opening with %s', async (_, change, status, code) => {
    const body = { officialId: 'nguyen-van-a', grounds: 'x', evidenceEventIds: evidence, ...change };
    expect((await http.post('/api/v1/reviews').send(body).expect(status)).body.code).toBe(code);
  });

  it('refuses an unknown outcome with 400', async () => {
    await http
      .post('/api/v1/reviews')
      .send({ reviewId: 'r-2', officialId: 'nguyen-van-a', grounds: 'x', evidenceEventIds: evidence })
      .expect(201);
    expect((await http.post('/api/v1/reviews/r-2/conclusions').send({ outcome: 'expelled', conclusion: 'x' }).expect(400)).body.code).toBe(
      'VALIDATION.FAILED',
    );
  });
});
