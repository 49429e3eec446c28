import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Given a province, a district under it and a commune under the district, when the commune is moved
 * under the province with effect from 2025-07-01 (the district level abolished), then the unit and the
 * units list show both stretches of its parents, and moves that would break the tree are refused.
 */
describe('unit moves over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  const at = '2017-01-02T08:00:00+07:00';

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    for (const unit of [
      { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' },
      { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong' },
      { unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc' },
      { unitId: 'tu-ky', name: 'Huyện Tứ Kỳ', kind: 'district', parentId: 'hai-duong' },
    ])
      await http
        .post('/api/v1/units')
        .send({ ...unit, occurredAt: at })
        .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  it('moves the commune under the province from 2025-07-01 and shows both stretches of its parents', async () => {
    const moved = await http
      .post('/api/v1/units/gia-tan/moves')
      .send({
        toParentId: 'hai-duong',
        effectiveOn: '2025-07-01',
        legalBasis: 'Nghị quyết 202/2025/QH15',
        occurredAt: '2025-07-01T08:00:00+07:00',
      })
      .expect(200);
    expect(moved.headers.etag).toBe('"1"');
    const moveEventId = moved.body.events[1].eventId as string;
    expect(moved.body).toMatchObject({
      parentId: 'hai-duong',
      parents: [
        { parentId: 'gia-loc', from: null, to: '2025-07-01', eventId: null },
        { parentId: 'hai-duong', from: '2025-07-01', to: null, eventId: moveEventId },
      ],
      events: [{ type: 'UnitRegistered' }, { type: 'UnitMoved' }],
    });
    const listed = await http.get('/api/v1/units').query({ q: 'Gia Tân' }).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ unitId: 'gia-tan', parentId: 'hai-duong', parents: moved.body.parents })]);
  });

  it.each([
    ['under itself', 'gia-tan', { toParentId: 'gia-tan' }, 400, 'UNIT.MOVE_UNDER_ITSELF'],
    ['the province under its own district (a cycle)', 'hai-duong', { toParentId: 'gia-loc' }, 409, 'UNIT.MOVE_MAKES_CYCLE'],
    ['under an unknown unit', 'tu-ky', { toParentId: 'nowhere' }, 422, 'UNIT.MOVE_TARGET_NOT_ACTIVE'],
    ['with effect before an earlier move', 'gia-tan', { toParentId: 'tu-ky', effectiveOn: '2025-06-01' }, 409, 'UNIT.MOVE_OUT_OF_ORDER'],
    ['with effect after the day it is recorded', 'tu-ky', { effectiveOn: '2025-07-02' }, 422, 'UNIT.MOVE_NOT_YET_EFFECTIVE'],
    ['without a legal basis', 'tu-ky', { legalBasis: '' }, 400, 'VALIDATION.FAILED'],
    ['with an effective day that is no date', 'tu-ky', { effectiveOn: '2025-13-01' }, 400, 'VALIDATION.FAILED'],
  ])('refuses moving %s, writing nothing', async (_, unitId, change, status, code) => {
    const before = await http.get(`/api/v1/units/${unitId}`).expect(200);
    const body = {
      toParentId: 'hai-duong',
      effectiveOn: '2025-07-01',
      legalBasis: 'Nghị quyết 202/2025/QH15',
      occurredAt: '2025-07-01T09:00:00+07:00',
      ...change,
    };
    const refused = await http.post(`/api/v1/units/${unitId}/moves`).send(body).expect(status);
    expect(refused.body.code).toBe(code);
    expect((await http.get(`/api/v1/units/${unitId}`).expect(200)).headers.etag).toBe(before.headers.etag);
  });

  it('refuses a move under an abolished unit', async () => {
    await http
      .post('/api/v1/units/gia-loc/abolitions')
      .send({ reason: 'district level abolished', occurredAt: '2025-07-01T10:00:00+07:00' })
      .expect(200);
    const refused = await http
      .post('/api/v1/units/tu-ky/moves')
      .send({ toParentId: 'gia-loc', effectiveOn: '2025-07-01', legalBasis: 'x', occurredAt: '2025-07-01T11:00:00+07:00' })
      .expect(422);
    expect(refused.body.code).toBe('UNIT.MOVE_TARGET_NOT_ACTIVE');
  });
});
