import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('units over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
  });
  afterAll(async () => {
    await subject.close();
  });

  it('registers a province and a district under it, answering 201 with Location and ETag', async () => {
    const province = await http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
    expect(province.headers.location).toBe('/api/v1/units/hai-duong');
    expect(province.headers.etag).toBe('"0"');
    const district = await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong' })
      .expect(201);
    expect(district.body).toMatchObject({ unitId: 'gia-loc', status: 'active', parentId: 'hai-duong' });

    const read = await http.get('/api/v1/units/gia-loc').expect(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toMatchObject({ name: 'Huyện Gia Lộc', kind: 'district' });
  });

  it('refuses a district under an unknown parent with 422 and writes nothing', async () => {
    const refused = await http
      .post('/api/v1/units')
      .send({ unitId: 'orphan', name: 'Orphan', kind: 'district', parentId: 'nowhere' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'UNIT.PARENT_NOT_ACTIVE' });
    await http.get('/api/v1/units/orphan').expect(404);
  });

  it('honours If-Match: 412 when stale, 200 with the next ETag when current', async () => {
    await http.post('/api/v1/units').send({ unitId: 'tu-ky', name: 'Huyện Tứ Kỳ', kind: 'district', parentId: 'hai-duong' }).expect(201);
    const stale = await http.post('/api/v1/units/tu-ky/renamings').set('If-Match', '"7"').send({ name: 'Tứ Kỳ' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', details: { expected: 7, actual: 0 } });
    const renamed = await http.post('/api/v1/units/tu-ky/renamings').set('If-Match', '"0"').send({ name: 'Tứ Kỳ' }).expect(200);
    expect(renamed.headers.etag).toBe('"1"');
    expect(renamed.body).toMatchObject({ name: 'Tứ Kỳ', formerNames: ['Huyện Tứ Kỳ'] });
  });

  it('returns the first answer to a repeated Idempotency-Key and refuses the key with another body', async () => {
    const first = await http
      .post('/api/v1/units')
      .set('Idempotency-Key', 'register-ninh-giang')
      .send({ name: 'Huyện Ninh Giang', kind: 'district', parentId: 'hai-duong' })
      .expect(201);
    const again = await http
      .post('/api/v1/units')
      .set('Idempotency-Key', 'register-ninh-giang')
      .send({ name: 'Huyện Ninh Giang', kind: 'district', parentId: 'hai-duong' })
      .expect(201);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await http
      .post('/api/v1/units')
      .set('Idempotency-Key', 'register-ninh-giang')
      .send({ name: 'Huyện Thanh Hà', kind: 'district', parentId: 'hai-duong' })
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY.REUSED');
  });

  it('merges a unit into another, keeping both histories linked', async () => {
    await http.post('/api/v1/units').send({ unitId: 'commune-a', name: 'Xã A', kind: 'commune', parentId: 'gia-loc' }).expect(201);
    await http.post('/api/v1/units').send({ unitId: 'commune-b', name: 'Xã B', kind: 'commune', parentId: 'gia-loc' }).expect(201);
    const merged = await http.post('/api/v1/units/commune-a/mergers').send({ intoUnitId: 'commune-b' }).expect(200);
    expect(merged.body).toMatchObject({ status: 'merged', mergedIntoUnitId: 'commune-b' });
    expect((await http.get('/api/v1/units/commune-b').expect(200)).body.absorbedUnitIds).toEqual(['commune-a']);
    const again = await http.post('/api/v1/units/commune-a/renamings').send({ name: 'Xã A mới' }).expect(409);
    expect(again.body.code).toBe('UNIT.MERGED');
  });

  it('corrects a mistaken registration with a correcting event, keeping both', async () => {
    const created = await http
      .post('/api/v1/units')
      .send({ unitId: 'thanh-ha', name: 'Huyện Thanh Hà (sai)', kind: 'district', parentId: 'hai-duong' })
      .expect(201);
    expect(created.headers.etag).toBe('"0"');
    const audit = await subject.app
      .get(await import('../../src/ledger/event-store.port.js').then((m) => m.EVENT_STORE))
      .readStream('unit-thanh-ha');
    const corrected = await http
      .post('/api/v1/units/thanh-ha/corrections')
      .send({ eventId: audit[0].eventId, reason: 'Typo in the name', fields: { name: 'Huyện Thanh Hà' } })
      .expect(200);
    expect(corrected.body).toMatchObject({ name: 'Huyện Thanh Hà', correctedEventIds: [audit[0].eventId] });
    await http
      .post('/api/v1/units/thanh-ha/corrections')
      .send({ eventId: audit[0].eventId, reason: 'x', fields: { parentId: 'elsewhere' } })
      .expect(400);
  });

  it.each([
    ['a missing name', { kind: 'province' }, 400, 'VALIDATION.FAILED'],
    ['an unknown kind', { name: 'X', kind: 'kingdom' }, 400, 'VALIDATION.FAILED'],
    ['an extra field', { name: 'X', kind: 'province', recordedBy: 'someone-else' }, 400, 'VALIDATION.FAILED'],
    ['a huge name', { name: 'x'.repeat(10_000), kind: 'province' }, 400, 'VALIDATION.FAILED'],
    ['a date without offset', { name: 'X', kind: 'province', occurredAt: '2017-03-09T08:00:00' }, 400, 'VALIDATION.FAILED'],
    ['a future date', { name: 'X', kind: 'province', occurredAt: '2999-01-01T00:00:00Z' }, 400, 'OCCURRED_AT.IN_FUTURE'],
    ['a number for a name', { name: 42, kind: 'province' }, 400, 'VALIDATION.FAILED'],
  ])('refuses %s', async (_, body, status, code) => {
    const response = await http.post('/api/v1/units').send(body).expect(status);
    expect(response.body.code).toBe(code);
    expect(response.body.detail).toEqual(expect.any(String));
  });

  it('refuses malformed JSON with 400 REQUEST.MALFORMED_JSON', async () => {
    const response = await http.post('/api/v1/units').set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(response.body.code).toBe('REQUEST.MALFORMED_JSON');
  });
});
