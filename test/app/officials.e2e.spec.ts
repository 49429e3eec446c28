import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';

describe('officials over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    await http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'gia-loc', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  const register = (officialId: string) =>
    http.post('/api/v1/officials').send({
      officialId,
      fullName: 'Nguyễn Văn A',
      position: 'Huyện ủy viên',
      unitId: 'gia-loc',
      occurredAt: '2017-01-02T08:00:00+07:00',
    });

  it('registers an official, assigns a unit, ends the assignment, and shows it all', async () => {
    const created = await register('nguyen-van-a').expect(201);
    expect(created.headers.location).toBe('/api/v1/officials/nguyen-van-a');
    expect(created.headers.etag).toBe('"0"');
    expect(created.body).toMatchObject({ officialId: 'nguyen-van-a', status: 'active', unitId: 'gia-loc', assignments: [] });

    const assigned = await http
      .post('/api/v1/officials/nguyen-van-a/assignments')
      .send({ unitId: 'xa-a', role: 'committee-member-in-charge', from: '2017-01-05' })
      .expect(201);
    const { assignmentId } = assigned.body;
    expect(assigned.headers.location).toBe(`/api/v1/officials/nguyen-van-a/assignments/${assignmentId}`);
    expect((await http.get(assigned.headers.location).expect(200)).body).toMatchObject({
      assignmentId,
      unitId: 'xa-a',
      from: '2017-01-05',
      to: null,
      ended: null,
    });

    const ended = await http
      .post(`/api/v1/officials/nguyen-van-a/assignments/${assignmentId}/endings`)
      .send({ to: '2017-06-30', reason: 'Reassigned' })
      .expect(200);
    expect(ended.body.assignments).toEqual([expect.objectContaining({ assignmentId, ended: { to: '2017-06-30', reason: 'Reassigned' } })]);
    const again = await http
      .post(`/api/v1/officials/nguyen-van-a/assignments/${assignmentId}/endings`)
      .send({ to: '2017-06-30', reason: 'Again' })
      .expect(409);
    expect(again.body.code).toBe('ASSIGNMENT.ALREADY_ENDED');

    const read = await http.get('/api/v1/officials/nguyen-van-a').expect(200);
    expect(read.headers.etag).toBe('"2"');
    expect(read.body).toMatchObject({ fullName: 'Nguyễn Văn A', status: 'active' });
  });

  it('refuses an overlapping assignment with 409 and an unknown unit with 422', async () => {
    await register('tran-thi-b').expect(201);
    await http
      .post('/api/v1/officials/tran-thi-b/assignments')
      .send({ unitId: 'xa-a', role: 'leader', from: '2017-01-05', to: '2017-12-31' })
      .expect(201);
    const overlap = await http
      .post('/api/v1/officials/tran-thi-b/assignments')
      .send({ unitId: 'xa-a', role: 'leader', from: '2017-12-31' })
      .expect(409);
    expect(overlap.body.code).toBe('ASSIGNMENT.OVERLAPS');
    const unknownUnit = await http
      .post('/api/v1/officials/tran-thi-b/assignments')
      .send({ unitId: 'nowhere', role: 'leader', from: '2018-01-01' })
      .expect(422);
    expect(unknownUnit.body.code).toBe('ASSIGNMENT.UNIT_NOT_ACTIVE');
    const unknownAssignment = await http
      .post('/api/v1/officials/tran-thi-b/assignments/no-such/endings')
      .send({ to: '2017-06-30', reason: 'x' })
      .expect(409);
    expect(unknownAssignment.body.code).toBe('ASSIGNMENT.UNKNOWN');
  });

  it('changes position under If-Match (412 when stale), records a departure ending open assignments, then refuses new ones', async () => {
    await register('le-van-c').expect(201);
    await http.post('/api/v1/officials/le-van-c/assignments').send({ unitId: 'xa-a', role: 'other', from: '2017-01-05' }).expect(201);
    const stale = await http
      .post('/api/v1/officials/le-van-c/position-changes')
      .set('If-Match', '"0"')
      .send({ position: 'Phó Bí thư' })
      .expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const changed = await http
      .post('/api/v1/officials/le-van-c/position-changes')
      .set('If-Match', '"1"')
      .send({ position: 'Phó Bí thư' })
      .expect(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ position: 'Phó Bí thư', formerPositions: ['Huyện ủy viên'] });

    const left = await http.post('/api/v1/officials/le-van-c/departures').send({ reason: 'Retired', lastDay: '2017-08-31' }).expect(200);
    expect(left.body).toMatchObject({ status: 'left', departure: { lastDay: '2017-08-31', reason: 'Retired' } });
    expect(left.body.assignments[0].ended).toEqual({ to: '2017-08-31', reason: 'The official left: Retired' });
    const refused = await http
      .post('/api/v1/officials/le-van-c/assignments')
      .send({ unitId: 'xa-a', role: 'leader', from: '2018-01-01' })
      .expect(409);
    expect(refused.body.code).toBe('OFFICIAL.LEFT');
  });

  it('corrects a registration with a correcting event', async () => {
    await register('pham-van-d').expect(201);
    const [registration] = await subject.app.get<EventStore>(EVENT_STORE).readStream('official-pham-van-d');
    const corrected = await http
      .post('/api/v1/officials/pham-van-d/corrections')
      .send({ eventId: registration.eventId, reason: 'Typo', fields: { fullName: 'Phạm Văn Đ' } })
      .expect(200);
    expect(corrected.body).toMatchObject({ fullName: 'Phạm Văn Đ', correctedEventIds: [registration.eventId] });
    await http
      .post('/api/v1/officials/pham-van-d/corrections')
      .send({ eventId: registration.eventId, reason: 'x', fields: { unitId: 'xa-a' } })
      .expect(400);
  });

  it('answers 404 for an unknown official, also when acting on one', async () => {
    await http.get('/api/v1/officials/nobody').expect(404);
    await http.post('/api/v1/officials/nobody/position-changes').send({ position: 'X' }).expect(404);
    await http.post('/api/v1/officials/nobody/assignments').send({ unitId: 'xa-a', role: 'leader', from: '2018-01-01' }).expect(404);
  });

  it.each([
    ['an unknown home unit', { fullName: 'X', position: 'Y', unitId: 'nowhere' }, 422, 'OFFICIAL.UNIT_NOT_ACTIVE'],
    ['a missing name', { position: 'Y', unitId: 'gia-loc' }, 400, 'VALIDATION.FAILED'],
    ['an extra field', { fullName: 'X', position: 'Y', unitId: 'gia-loc', status: 'left' }, 400, 'VALIDATION.FAILED'],
  ])('refuses registering with %s', async (_, body, status, code) => {
    expect((await http.post('/api/v1/officials').send(body).expect(status)).body.code).toBe(code);
  });

  it.each([
    ['an unknown role', { unitId: 'xa-a', role: 'king', from: '2018-01-01' }],
    ['an impossible date', { unitId: 'xa-a', role: 'leader', from: '2018-02-30' }],
    ['a date-time for a day', { unitId: 'xa-a', role: 'leader', from: '2018-01-01T00:00:00Z' }],
  ])('refuses an assignment with %s', async (_, body) => {
    await register('vu-van-e');
    expect((await http.post('/api/v1/officials/vu-van-e/assignments').send(body).expect(400)).body.code).toBe('VALIDATION.FAILED');
  });
});
