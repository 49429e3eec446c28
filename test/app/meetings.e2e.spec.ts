import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';

describe('meetings over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  const heldAt = '2017-03-09T08:00:00+07:00';

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    const earlier = '2017-01-01T00:00:00+07:00';
    await http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: earlier })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'hai-duong', occurredAt: earlier })
      .expect(201);
    for (const officialId of ['nguyen-van-a', 'tran-thi-b', 'le-van-c']) {
      await http
        .post('/api/v1/officials')
        .send({ officialId, fullName: officialId, position: 'Đảng ủy viên', unitId: 'xa-a', occurredAt: earlier })
        .expect(201);
    }
    await http
      .post('/api/v1/officials/le-van-c/departures')
      .send({ reason: 'Retired', occurredAt: '2017-02-01T00:00:00+07:00' })
      .expect(200);
  });
  afterAll(async () => {
    await subject.close();
  });

  it('records a party cell meeting once: 201 with Location, then 409 for the same id', async () => {
    const body = {
      meetingId: 'xa-a-2017-03',
      unitId: 'xa-a',
      kind: 'party-cell',
      heldAt,
      attendees: ['nguyen-van-a', 'tran-thi-b'],
      agendaSummary: 'Tình hình an ninh trật tự',
    };
    const created = await http.post('/api/v1/meetings').send(body).expect(201);
    expect(created.headers.location).toBe('/api/v1/meetings/xa-a-2017-03');
    expect(created.headers.etag).toBe('"0"');
    const read = await http.get('/api/v1/meetings/xa-a-2017-03').expect(200);
    expect(read.body).toMatchObject({
      status: 'held',
      unitId: 'xa-a',
      kind: 'party-cell',
      heldAt,
      attendees: ['nguyen-van-a', 'tran-thi-b'],
    });
    const again = await http.post('/api/v1/meetings').send(body).expect(409);
    expect(again.body.code).toBe('MEETING.ALREADY_RECORDED');
  });

  it('corrects the attendance with a correcting event, checking the new attendees', async () => {
    const created = await http
      .post('/api/v1/meetings')
      .send({ unitId: 'xa-a', kind: 'party-committee', heldAt, attendees: ['nguyen-van-a'] })
      .expect(201);
    const meetingId = created.body.meetingId as string;
    const [heldEvent] = await subject.app.get<EventStore>(EVENT_STORE).readStream(`meeting-${meetingId}`);
    const stale = await http
      .post(`/api/v1/meetings/${meetingId}/corrections`)
      .set('If-Match', '"3"')
      .send({ eventId: heldEvent.eventId, reason: 'x', fields: { attendees: ['tran-thi-b'] } })
      .expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const corrected = await http
      .post(`/api/v1/meetings/${meetingId}/corrections`)
      .set('If-Match', '"0"')
      .send({ eventId: heldEvent.eventId, reason: 'Minutes re-read', fields: { attendees: ['nguyen-van-a', 'tran-thi-b'] } })
      .expect(200);
    expect(corrected.body).toMatchObject({ attendees: ['nguyen-van-a', 'tran-thi-b'], correctedEventIds: [heldEvent.eventId] });
    const unknown = await http
      .post(`/api/v1/meetings/${meetingId}/corrections`)
      .send({ eventId: heldEvent.eventId, reason: 'x', fields: { attendees: ['ghost'] } })
      .expect(422);
    expect(unknown.body.code).toBe('MEETING.UNKNOWN_ATTENDEE');
  });

  it.each([
    ['an unknown attendee', { attendees: ['nguyen-van-a', 'ghost'] }, 422, 'MEETING.UNKNOWN_ATTENDEE'],
    ['an attendee who had left', { attendees: ['le-van-c'] }, 422, 'MEETING.ATTENDEE_LEFT'],
    ['an unknown unit', { unitId: 'nowhere' }, 422, 'MEETING.UNIT_NOT_ACTIVE'],
    ['no attendees', { attendees: [] }, 400, 'VALIDATION.FAILED'],
    ['a duplicate attendee', { attendees: ['nguyen-van-a', 'nguyen-van-a'] }, 400, 'VALIDATION.FAILED'],
    ['an unknown kind', { kind: 'party-congress' }, 400, 'VALIDATION.FAILED'],
    ['a missing time', { heldAt: undefined }, 400, 'VALIDATION.FAILED'],
    ['a time in the future', { heldAt: '2999-01-01T00:00:00Z' }, 400, 'OCCURRED_AT.IN_FUTURE'],
    ['a separate occurredAt', { occurredAt: heldAt }, 400, 'VALIDATION.FAILED'],
  ])('refuses a meeting with %s', async (_, change, status, code) => {
    const body = { unitId: 'xa-a', kind: 'party-cell', heldAt, attendees: ['nguyen-van-a'], ...change };
    expect((await http.post('/api/v1/meetings').send(body).expect(status)).body.code).toBe(code);
  });

  it('answers 404 for an unknown meeting', async () => {
    await http.get('/api/v1/meetings/none').expect(404);
    await http
      .post('/api/v1/meetings/none/corrections')
      .send({ eventId: '00000000-0000-4000-8000-000000000001', reason: 'x', fields: { agendaSummary: 'x' } })
      .expect(404);
  });
});
