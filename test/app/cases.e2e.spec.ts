import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const time = (day: string, hour = '08') => `2017-03-${day}T${hour}:00:00+07:00`;
const receipt = {
  unitId: 'gia-tan',
  category: 'denunciation',
  channel: 'hotline',
  summary: 'The dye works discharges into the canal at night',
  reporter: { name: 'Nguyễn Văn A', phone: '0912 345 678', email: 'a@example.vn' },
  occurredAt: time('01'),
};

describe('cases over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    const at = '2017-01-01T00:00:00+07:00';
    await http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'tu-ky', name: 'Huyện Tứ Kỳ', kind: 'district', parentId: 'hai-duong', occurredAt: at })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at })
      .expect(201);
    for (const officialId of ['official-chu-tich-xa', 'o-1']) {
      await http
        .post('/api/v1/officials')
        .send({ officialId, fullName: `Official ${officialId}`, position: 'Chủ tịch UBND xã', unitId: 'gia-tan', occurredAt: at })
        .expect(201);
    }
  });
  afterAll(async () => {
    await subject.close();
  });

  const receive = async (body: object = receipt) => (await http.post('/api/v1/cases').send(body).expect(201)).headers.location as string;

  it('follows one case from receipt to closure', async () => {
    const created = await http.post('/api/v1/cases').set('Idempotency-Key', 'receive-dye-works').send(receipt).expect(201);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/api\/v1\/cases\/[0-9a-f-]{36}$/);
    expect(created.headers.etag).toBe('"0"');
    const subjectId = `reporter-${location.split('/').pop()}`;
    // A command's answer omits personal data; reading the case shows it (to the roles allowed, recorded).
    expect(created.body).toMatchObject({
      status: 'open',
      currentUnitId: 'gia-tan',
      receivedAt: time('01'),
      reporter: { redacted: true, reason: 'omitted', subjectId },
    });

    const read = await http.get(location).expect(200);
    expect(read.headers.etag).toBe('"0-plain"'); // the revision, and which view of the reporter this reader got
    expect(read.body.reporter).toEqual({ subjectId, ...receipt.reporter });

    const steps: [string, object, string][] = [
      ['acknowledgements', { occurredAt: time('01', '09') }, '"1"'],
      [
        'classifications',
        { classification: 'must-report', reason: 'Pollution of a canal used for irrigation', occurredAt: time('01', '10') },
        '"2"',
      ],
      ['assignments', { officialId: 'official-chu-tich-xa', dueAt: time('31', '17'), occurredAt: time('01', '11') }, '"3"'],
      [
        'upper-level-notices',
        { unitId: 'hai-duong', channel: 'media', note: 'In the provincial newspaper', occurredAt: time('02') },
        '"4"',
      ],
      ['upward-reports', { officialId: 'official-chu-tich-xa', toUnitId: 'gia-loc', occurredAt: time('03') }, '"5"'],
      ['escalations', { toUnitId: 'hai-duong', reason: 'Beyond the district: a provincial licence', occurredAt: time('04') }, '"6"'],
      ['assignments', { unitId: 'hai-duong', dueAt: '2017-04-03T17:00:00+07:00', occurredAt: time('04', '10') }, '"7"'],
      // Complex (two communes' canals): the law allows a complex matter's resolution one extension.
      ['complexity-markings', { complexity: 'complex', reason: 'The canal crosses two communes', occurredAt: time('04', '11') }, '"8"'],
      [
        'deadline-extensions',
        { newDueAt: '2017-05-03T17:00:00+07:00', reason: 'Decision 12/QĐ: water samples to analyse', occurredAt: time('05') },
        '"9"',
      ],
      ['actions', { description: 'Samples taken from the canal', occurredAt: time('06') }, '"10"'],
      ['resolutions', { outcome: 'Works fined; discharge permit suspended', occurredAt: time('20') }, '"11"'],
      ['closures', { occurredAt: time('21') }, '"12"'],
    ];
    for (const [action, body, etag] of steps) {
      const response = await http.post(`${location}/${action}`).send(body);
      expect({ action, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({
        action,
        status: 200,
        body: undefined,
      });
      expect(response.headers.etag).toBe(etag);
    }

    const closed = await http.get(location).expect(200);
    expect(closed.headers.etag).toBe('"12-plain"');
    expect(closed.body).toMatchObject({
      status: 'closed',
      receivedUnitId: 'gia-tan',
      currentUnitId: 'hai-duong',
      unitHistory: [
        { unitId: 'gia-tan', since: time('01') },
        { unitId: 'hai-duong', since: time('04') },
      ],
      acknowledgedAt: time('01', '09'),
      classification: 'must-report',
      classifiedAt: time('01', '10'),
      upperLevelInformedAt: time('02'),
      reportedUpwardAt: time('03'),
      assignee: { officialId: null, unitId: 'hai-duong' },
      dueAt: '2017-05-03T17:00:00+07:00',
      extensions: 1,
      firstActionAt: time('06'),
      resolvedAt: time('20'),
      closedAt: time('21'),
    });

    const resolveAgain = await http.post(`${location}/resolutions`).send({ outcome: 'Again' }).expect(409);
    expect(resolveAgain.body.code).toBe('CASE.CLOSED');
  });

  it('replays a repeated Idempotency-Key and refuses the key with another body', async () => {
    const first = await http.post('/api/v1/cases').set('Idempotency-Key', 'receive-once').send(receipt).expect(201);
    const again = await http.post('/api/v1/cases').set('Idempotency-Key', 'receive-once').send(receipt).expect(201);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await http
      .post('/api/v1/cases')
      .set('Idempotency-Key', 'receive-once')
      .send({ ...receipt, summary: 'Another matter' })
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY.REUSED');

    const acknowledged = await http
      .post(`${first.headers.location}/acknowledgements`)
      .set('Idempotency-Key', 'ack-once')
      .send({ occurredAt: time('02') })
      .expect(200);
    const ackAgain = await http
      .post(`${first.headers.location}/acknowledgements`)
      .set('Idempotency-Key', 'ack-once')
      .send({ occurredAt: time('02') })
      .expect(200);
    expect(ackAgain.headers.etag).toBe(acknowledged.headers.etag);
    expect(ackAgain.headers['idempotent-replayed']).toBe('true');
  });

  it('honours If-Match: 412 when stale, 200 when current', async () => {
    const location = await receive();
    const stale = await http.post(`${location}/acknowledgements`).set('If-Match', '"5"').send({}).expect(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', details: { expected: 5, actual: 0 } });
    const current = await http.post(`${location}/acknowledgements`).set('If-Match', '"0"').send({}).expect(200);
    expect(current.headers.etag).toBe('"1"');
  });

  it('answers 404 for an unknown case', async () => {
    expect((await http.get('/api/v1/cases/00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('NOT_FOUND');
    await http.post('/api/v1/cases/00000000-0000-4000-8000-000000000000/acknowledgements').send({}).expect(404);
    await http.get(`/api/v1/cases/${'x'.repeat(200)}`).expect(404);
  });

  it('refuses illegal transitions with 409 and a stable code', async () => {
    const location = await receive();
    await http
      .post(`${location}/acknowledgements`)
      .send({ occurredAt: time('02') })
      .expect(200);
    expect(
      (
        await http
          .post(`${location}/acknowledgements`)
          .send({ occurredAt: time('03') })
          .expect(409)
      ).body.code,
    ).toBe('CASE.ALREADY_ACKNOWLEDGED');
    expect((await http.post(`${location}/escalations`).send({ toUnitId: 'tu-ky', reason: 'Wrong district' }).expect(409)).body.code).toBe(
      'CASE.ESCALATION_NOT_UPWARD',
    );
    expect((await http.post(`${location}/upward-reports`).send({ officialId: 'o-1', toUnitId: 'gia-tan' }).expect(409)).body.code).toBe(
      'CASE.REPORT_NOT_UPWARD',
    );
    expect((await http.post(`${location}/upward-reports`).send({ officialId: 'nobody', toUnitId: 'gia-loc' }).expect(422)).body.code).toBe(
      'CASE.OFFICIAL_UNKNOWN',
    );
    expect(
      (await http.post(`${location}/assignments`).send({ officialId: 'nobody', dueAt: '2030-01-01T00:00:00Z' }).expect(422)).body.code,
    ).toBe('CASE.OFFICIAL_UNKNOWN');
    expect((await http.post(`${location}/closures`).send({}).expect(409)).body.code).toBe('CASE.NOT_RESOLVED');
    expect(
      (
        await http
          .post(`${location}/actions`)
          .send({ description: 'Back-dated', occurredAt: time('01', '07') })
          .expect(409)
      ).body.code,
    ).toBe('OCCURRED_AT.BEFORE_PREVIOUS');
  });

  it('refuses an extension the rule in force does not allow, and allows the one it does (the timeline counts it)', async () => {
    const at = (day: string, hour = '08') => `2025-03-${day}T${hour}:00:00+07:00`;
    const complaint = await receive({ ...receipt, category: 'complaint', occurredAt: at('03') });
    await http
      .post(`${complaint}/acknowledgements`)
      .send({ occurredAt: at('04') })
      .expect(200);
    await http
      .post(`${complaint}/assignments`)
      .send({ officialId: 'o-1', dueAt: at('31', '17'), occurredAt: at('04', '09') })
      .expect(200);
    const refused = await http
      .post(`${complaint}/deadline-extensions`)
      .send({ newDueAt: '2025-04-15T17:00:00+07:00', reason: 'More time', occurredAt: at('10') })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'CASE.EXTENSIONS_EXHAUSTED',
      details: { ruleId: 'complaint-resolve-2012', step: 'resolve', allowed: 0, extensions: 0 },
    });
    await http
      .post(`${complaint}/complexity-markings`)
      .send({ complexity: 'complex', reason: 'Two communes', occurredAt: at('11') })
      .expect(200);
    const extended = await http
      .post(`${complaint}/deadline-extensions`)
      .send({ newDueAt: '2025-04-15T17:00:00+07:00', reason: 'Decision 3/QĐ', occurredAt: at('12') })
      .expect(200);
    expect(
      (
        await http
          .post(`${complaint}/deadline-extensions`)
          .send({ newDueAt: '2025-04-30T17:00:00+07:00', reason: 'Even more', occurredAt: at('13') })
          .expect(409)
      ).body.code,
    ).toBe('CASE.EXTENSIONS_EXHAUSTED');
    const timeline = await http
      .get(
        `/api/v1/timelines/cases/${complaint.split('/').pop()}?minPosition=${extended.headers['ledger-position']}&asOf=${encodeURIComponent(at('20'))}`,
      )
      .expect(200);
    const resolve = timeline.body.deadlines.find((deadline: { step: string }) => deadline.step === 'resolve');
    // 30 days from the acceptance on 4 March and the one extension of 15 days: Friday 18 April.
    expect(resolve).toMatchObject({
      rule: { ruleId: 'complaint-resolve-2012' },
      extensionsAllowed: 1,
      dueAt: '2025-04-18T23:59:59.999+07:00',
    });
    expect(resolve.evidence.extensionEventIds).toHaveLength(1);
  });

  it('refuses units that cannot take part with 422', async () => {
    expect(
      (
        await http
          .post('/api/v1/cases')
          .send({ ...receipt, unitId: 'nowhere' })
          .expect(422)
      ).body.code,
    ).toBe('CASE.UNIT_NOT_ACTIVE');
    const location = await receive();
    expect(
      (await http.post(`${location}/assignments`).send({ unitId: 'nowhere', dueAt: '2999-01-01T00:00:00Z' }).expect(422)).body.code,
    ).toBe('CASE.UNIT_NOT_ACTIVE');
  });

  it('corrects the receipt with a correcting event, keeping both', async () => {
    const location = await receive();
    const caseId = location.split('/').pop()!;
    const [receivedEvent] = await subject.app.get<EventStore>(EVENT_STORE).readStream(`case-${caseId}`);
    const corrected = await http
      .post(`${location}/corrections`)
      .send({ eventId: receivedEvent.eventId, reason: 'Misheard on the phone', fields: { category: 'reflection' } })
      .expect(200);
    expect(corrected.body).toMatchObject({ category: 'reflection', correctedEventIds: [receivedEvent.eventId] });
    await http
      .post(`${location}/corrections`)
      .send({ eventId: receivedEvent.eventId, reason: 'x', fields: { unitId: 'tu-ky' } })
      .expect(400);
  });

  it.each([
    ['an unknown category', { ...receipt, category: 'gossip' }, 'VALIDATION.FAILED'],
    ['a missing summary', { ...receipt, summary: undefined }, 'VALIDATION.FAILED'],
    ['an extra field', { ...receipt, caseId: 'mine' }, 'VALIDATION.FAILED'],
    ['an extra reporter field', { ...receipt, reporter: { name: 'A', age: 40 } }, 'VALIDATION.FAILED'],
    ['a huge reporter address', { ...receipt, reporter: { address: 'x'.repeat(10_000) } }, 'VALIDATION.FAILED'],
    ['a date without offset', { ...receipt, occurredAt: '2017-03-01T08:00:00' }, 'VALIDATION.FAILED'],
    ['a future date', { ...receipt, occurredAt: '2999-01-01T00:00:00Z' }, 'OCCURRED_AT.IN_FUTURE'],
    ['a referral without its referring unit', { ...receipt, channel: 'referral' }, 'CASE.REFERRING_UNIT_REQUIRED'],
  ])('refuses receiving %s with 400', async (_, body, code) => {
    const response = await http.post('/api/v1/cases').send(body).expect(400);
    expect(response.body.code).toBe(code);
  });

  it('refuses an assignment due before it happened with 400', async () => {
    const location = await receive();
    const response = await http
      .post(`${location}/assignments`)
      .send({ officialId: 'o-1', dueAt: time('01', '07'), occurredAt: time('02') })
      .expect(400);
    expect(response.body.code).toBe('CASE.DUE_NOT_AFTER_OCCURRED_AT');
  });
});
