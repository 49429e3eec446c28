import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('visits over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let store: EventStore;

  const plan = (overrides: Record<string, unknown> = {}) => ({
    kind: 'periodic',
    purpose: 'Check the recovery of land for the industrial park',
    unitId: 'gia-loc',
    participants: ['nguyen-van-a', 'tran-thi-b'],
    plannedFor: '2017-03-09T08:00:00+07:00',
    publishedInCalendar: true,
    occurredAt: '2017-03-01T08:00:00+07:00',
    ...overrides,
  });
  const conduct = {
    startedAt: '2017-03-09T08:00:00+07:00',
    endedAt: '2017-03-09T11:30:00+07:00',
    presentParticipants: ['nguyen-van-a'],
    others: 'Chủ tịch UBND xã Gia Tân',
  };
  const scheduleVisit = async (visitId: string, overrides: Record<string, unknown> = {}) =>
    http
      .post('/api/v1/visits')
      .send(plan({ visitId, ...overrides }))
      .expect(201);

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    store = subject.app.get<EventStore>(EVENT_STORE);
    const at = '2017-01-01T00:00:00+07:00';
    await http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at })
      .expect(201);
    for (const [officialId, fullName] of [
      ['nguyen-van-a', 'Nguyễn Văn A'],
      ['tran-thi-b', 'Trần Thị B'],
    ]) {
      await http
        .post('/api/v1/officials')
        .send({ officialId, fullName, position: 'Ủy viên Ban Thường vụ Huyện ủy', unitId: 'gia-loc', occurredAt: at })
        .expect(201);
    }
  });
  afterAll(async () => {
    await subject.close();
  });

  it('schedules a visit (201, Location, ETag), conducts it, and a finding opens a case that names the visit', async () => {
    const scheduled = await scheduleVisit('land-2017-03');
    expect(scheduled.headers.location).toBe('/api/v1/visits/land-2017-03');
    expect(scheduled.headers.etag).toBe('"0"');
    expect(scheduled.body).toMatchObject({
      visitId: 'land-2017-03',
      status: 'scheduled',
      kind: 'periodic',
      unitId: 'gia-loc',
      publishedInCalendar: true,
    });

    const conducted = await http.post('/api/v1/visits/land-2017-03/conduct').send(conduct).expect(200);
    expect(conducted.headers.etag).toBe('"1"');
    expect(conducted.body).toMatchObject({
      status: 'conducted',
      conduct: { presentParticipants: ['nguyen-van-a'], others: 'Chủ tịch UBND xã Gia Tân' },
    });

    const found = await http
      .post('/api/v1/visits/land-2017-03/findings')
      .send({
        text: 'Land of 12 households recovered without notice',
        severity: 'high',
        openCase: { category: 'reflection', summary: 'Households were not told before the land was recovered', unitId: 'gia-tan' },
      })
      .expect(200);
    expect(found.headers.etag).toBe('"2"');
    expect(found.body.caseId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(found.body.findings).toEqual([
      expect.objectContaining({ findingId: found.body.findingId, caseId: found.body.caseId, severity: 'high' }),
    ]);

    const opened = await http.get(`/api/v1/cases/${found.body.caseId}`).expect(200);
    expect(opened.body).toMatchObject({
      sourceVisitId: 'land-2017-03',
      channel: 'visit',
      receivedUnitId: 'gia-tan',
      category: 'reflection',
    });

    const read = await http.get('/api/v1/visits/land-2017-03').expect(200);
    expect(read.headers.etag).toBe('"2"');
    expect(read.body.findings).toHaveLength(1);
  });

  it("opens the finding's case in the visit's unit when none is given", async () => {
    await scheduleVisit('default-unit');
    await http.post('/api/v1/visits/default-unit/conduct').send(conduct).expect(200);
    const found = await http
      .post('/api/v1/visits/default-unit/findings')
      .send({ text: 'Investment project stalled', openCase: { category: 'proposal', summary: 'Restart the road works' } })
      .expect(200);
    expect((await http.get(`/api/v1/cases/${found.body.caseId}`).expect(200)).body).toMatchObject({
      receivedUnitId: 'gia-loc',
      sourceVisitId: 'default-unit',
    });
  });

  it('replays a finding with the same Idempotency-Key without recording it twice or opening a second case', async () => {
    await scheduleVisit('replayed');
    await http.post('/api/v1/visits/replayed/conduct').send(conduct).expect(200);
    const body = {
      text: 'Wastewater released into the canal',
      openCase: { category: 'reflection', summary: 'Wastewater in the canal', reporter: { name: 'Phạm Văn C' } },
    };
    const first = await http.post('/api/v1/visits/replayed/findings').set('Idempotency-Key', 'finding-canal').send(body).expect(200);
    const again = await http.post('/api/v1/visits/replayed/findings').set('Idempotency-Key', 'finding-canal').send(body).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.body).toMatchObject({ findingId: first.body.findingId, caseId: first.body.caseId });
    expect((await http.get('/api/v1/visits/replayed').expect(200)).body.findings).toHaveLength(1);
    expect(await store.readStream(`case-${first.body.caseId}`)).toHaveLength(1);

    const other = await http
      .post('/api/v1/visits/replayed/findings')
      .set('Idempotency-Key', 'finding-canal')
      .send({ ...body, text: 'Something else' })
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY.REUSED');
  });

  it('repeats a finding with the same findingId and content as a no-op, and refuses the id for other content', async () => {
    await scheduleVisit('same-finding');
    await http.post('/api/v1/visits/same-finding/conduct').send(conduct).expect(200);
    const body = { findingId: 'f-1', text: 'School roof leaking', openCase: { category: 'proposal', summary: 'Repair the roof' } };
    const first = await http.post('/api/v1/visits/same-finding/findings').send(body).expect(200);
    const again = await http.post('/api/v1/visits/same-finding/findings').send(body).expect(200);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(await store.readStream(`case-${first.body.caseId}`)).toHaveLength(1);
    const reused = await http
      .post('/api/v1/visits/same-finding/findings')
      .send({ ...body, text: 'Other' })
      .expect(409);
    expect(reused.body.code).toBe('VISIT.FINDING_ID_REUSED');
  });

  it('refuses a finding whose case goes to an unknown unit, writing nothing', async () => {
    await scheduleVisit('bad-case-unit');
    await http.post('/api/v1/visits/bad-case-unit/conduct').send(conduct).expect(200);
    const refused = await http
      .post('/api/v1/visits/bad-case-unit/findings')
      .send({ text: 'x', openCase: { category: 'reflection', summary: 'x', unitId: 'nowhere' } })
      .expect(422);
    expect(refused.body.code).toBe('VISIT.CASE_UNIT_NOT_ACTIVE');
    expect(await store.readStream('visit-bad-case-unit')).toHaveLength(2);
  });

  it('refuses findings before the visit was conducted', async () => {
    await scheduleVisit('not-yet');
    const refused = await http.post('/api/v1/visits/not-yet/findings').send({ text: 'Too early' }).expect(409);
    expect(refused.body.code).toBe('VISIT.NOT_CONDUCTED');
  });

  it('refuses conducting a cancelled visit, and rescheduling or cancelling it again', async () => {
    await scheduleVisit('cancelled');
    const cancelled = await http.post('/api/v1/visits/cancelled/cancellations').send({ reason: 'Typhoon warning' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { reason: 'Typhoon warning' } });
    expect((await http.post('/api/v1/visits/cancelled/conduct').send(conduct).expect(409)).body.code).toBe('VISIT.CANCELLED');
    expect(
      (await http.post('/api/v1/visits/cancelled/reschedulings').send({ plannedFor: '2017-03-20T08:00:00+07:00', reason: 'x' }).expect(409))
        .body.code,
    ).toBe('VISIT.CANCELLED');
    expect((await http.post('/api/v1/visits/cancelled/cancellations').send({ reason: 'again' }).expect(409)).body.code).toBe(
      'VISIT.CANCELLED',
    );
  });

  it('refuses conducting twice, and cancelling or rescheduling a conducted visit', async () => {
    await scheduleVisit('done');
    await http.post('/api/v1/visits/done/conduct').send(conduct).expect(200);
    expect((await http.post('/api/v1/visits/done/conduct').send(conduct).expect(409)).body.code).toBe('VISIT.ALREADY_CONDUCTED');
    expect((await http.post('/api/v1/visits/done/cancellations').send({ reason: 'x' }).expect(409)).body.code).toBe(
      'VISIT.ALREADY_CONDUCTED',
    );
  });

  it('honours If-Match on a rescheduling: 412 when stale, 200 with the next ETag when current', async () => {
    await scheduleVisit('moved');
    const stale = await http
      .post('/api/v1/visits/moved/reschedulings')
      .set('If-Match', '"3"')
      .send({ plannedFor: '2017-03-10T08:00:00+07:00', reason: 'Flood' })
      .expect(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', details: { expected: 3, actual: 0 } });
    const moved = await http
      .post('/api/v1/visits/moved/reschedulings')
      .set('If-Match', '"0"')
      .send({ plannedFor: '2017-03-10T08:00:00+07:00', reason: 'Flood' })
      .expect(200);
    expect(moved.headers.etag).toBe('"1"');
    expect(moved.body).toMatchObject({
      plannedFor: '2017-03-10T08:00:00+07:00',
      reschedulings: [{ previousPlannedFor: '2017-03-09T08:00:00+07:00', reason: 'Flood' }],
    });
  });

  it('accepts a plan for the future but not a scheduling fact dated in the future', async () => {
    await http
      .post('/api/v1/visits')
      .send(plan({ plannedFor: '2999-01-01T08:00:00+07:00', occurredAt: undefined }))
      .expect(201);
    const refused = await http
      .post('/api/v1/visits')
      .send(plan({ occurredAt: '2999-01-01T08:00:00+07:00' }))
      .expect(400);
    expect(refused.body.code).toBe('OCCURRED_AT.IN_FUTURE');
  });

  it('corrects the purpose, and refuses present participants the ledger does not know', async () => {
    await scheduleVisit('corrected');
    await http.post('/api/v1/visits/corrected/conduct').send(conduct).expect(200);
    const [scheduledEvent, conductedEvent] = await store.readStream('visit-corrected');
    const corrected = await http
      .post('/api/v1/visits/corrected/corrections')
      .send({ eventId: scheduledEvent.eventId, reason: 'Wrong purpose', fields: { purpose: 'Inspect production' } })
      .expect(200);
    expect(corrected.body).toMatchObject({ purpose: 'Inspect production', correctedEventIds: [scheduledEvent.eventId] });
    const unknown = await http
      .post('/api/v1/visits/corrected/corrections')
      .send({ eventId: conductedEvent.eventId, reason: 'x', fields: { presentParticipants: ['ghost'] } })
      .expect(422);
    expect(unknown.body.code).toBe('VISIT.PARTICIPANT_UNKNOWN');
  });

  it('answers 404 for a visit that does not exist', async () => {
    expect((await http.get('/api/v1/visits/nowhere').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await http.post('/api/v1/visits/nowhere/cancellations').send({ reason: 'x' }).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a missing purpose', plan({ purpose: undefined }), 400, 'VALIDATION.FAILED'],
    ['an unknown kind', plan({ kind: 'occasional' }), 400, 'VALIDATION.FAILED'],
    ['no participants', plan({ participants: [] }), 400, 'VALIDATION.FAILED'],
    ['a participant twice', plan({ participants: ['nguyen-van-a', 'nguyen-van-a'] }), 400, 'VALIDATION.FAILED'],
    ['51 participants', plan({ participants: Array.from({ length: 51 }, (_, i) => `official-${i}`) }), 400, 'VALIDATION.FAILED'],
    ['a malformed official id', plan({ participants: ['Nguyễn Văn A'] }), 400, 'VALIDATION.FAILED'],
    ['a plan without offset', plan({ plannedFor: '2017-03-09T08:00:00' }), 400, 'VALIDATION.FAILED'],
    ['an impossible plan', plan({ plannedFor: '2017-13-40T08:00:00+07:00' }), 400, 'VALIDATION.FAILED'],
    ['an extra field', plan({ recordedBy: 'someone-else' }), 400, 'VALIDATION.FAILED'],
    ['a huge purpose', plan({ purpose: 'x'.repeat(10_000) }), 400, 'VALIDATION.FAILED'],
    ['an unknown unit', plan({ unitId: 'nowhere' }), 422, 'VISIT.UNIT_NOT_ACTIVE'],
    ['an unknown official', plan({ participants: ['nguyen-van-a', 'ghost'] }), 422, 'VISIT.PARTICIPANT_UNKNOWN'],
  ])('refuses scheduling with %s', async (_, body, status, code) => {
    const response = await http.post('/api/v1/visits').send(body).expect(status);
    expect(response.body.code).toBe(code);
    expect(response.body.detail).toEqual(expect.any(String));
  });

  it.each([
    ['an end before the start', { ...conduct, endedAt: '2017-03-09T07:00:00+07:00' }, 400, 'VISIT.ENDS_BEFORE_START'],
    ['nobody present', { ...conduct, presentParticipants: [] }, 400, 'VALIDATION.FAILED'],
    ['an unknown official present', { ...conduct, presentParticipants: ['ghost'] }, 422, 'VISIT.PARTICIPANT_UNKNOWN'],
    [
      'an end after the record of it',
      { ...conduct, endedAt: '2017-03-09T12:00:00+07:00', occurredAt: '2017-03-09T11:45:00+07:00' },
      400,
      'VISIT.ENDS_AFTER_RECORD',
    ],
  ])('refuses conducting with %s', async (what, body, status, code) => {
    const visitId = `conduct-${what.replaceAll(' ', '-')}`;
    await scheduleVisit(visitId);
    const response = await http.post(`/api/v1/visits/${visitId}/conduct`).send(body).expect(status);
    expect(response.body.code).toBe(code);
    expect(await store.readStream(`visit-${visitId}`)).toHaveLength(1);
  });

  it.each([
    ['an unknown case category', { text: 'x', openCase: { category: 'gossip', summary: 'x' } }],
    ['a case without summary', { text: 'x', openCase: { category: 'reflection' } }],
    ['an unknown field in the case', { text: 'x', openCase: { category: 'reflection', summary: 'x', channel: 'hotline' } }],
    ['an unknown severity', { text: 'x', severity: 'apocalyptic' }],
  ])('refuses a finding with %s', async (what, body) => {
    const visitId = `finding-${what.replaceAll(' ', '-')}`;
    await scheduleVisit(visitId);
    await http.post(`/api/v1/visits/${visitId}/conduct`).send(conduct).expect(200);
    const response = await http.post(`/api/v1/visits/${visitId}/findings`).send(body).expect(400);
    expect(response.body.code).toBe('VALIDATION.FAILED');
  });
});
