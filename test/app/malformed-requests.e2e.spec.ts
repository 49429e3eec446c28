import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * One table of bad requests across the API: wrong types, missing and extra fields, huge strings, bad
 * and future dates, unknown ids, illegal transitions. Each gets its status and stable code, and
 * nothing is written.
 */
describe('malformed requests', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let store: EventStore;
  let openCase: string;
  let closedCase: string;
  const at = '2017-01-01T00:00:00+07:00';

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    store = subject.app.get(EVENT_STORE);
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
      .post('/api/v1/officials')
      .send({ officialId: 'o-1', fullName: 'Trần Văn Minh', position: 'Huyện ủy viên', unitId: 'gia-loc', occurredAt: at })
      .expect(201);
    const receipt = {
      unitId: 'gia-loc',
      category: 'complaint',
      channel: 'letter',
      summary: 'Ô nhiễm',
      occurredAt: '2017-03-01T08:00:00+07:00',
    };
    openCase = (await http.post('/api/v1/cases').send(receipt).expect(201)).headers.location;
    closedCase = (await http.post('/api/v1/cases').send(receipt).expect(201)).headers.location;
    await http.post(`${closedCase}/resolutions`).send({ outcome: 'Done', occurredAt: '2017-03-02T08:00:00+07:00' }).expect(200);
    await http.post(`${closedCase}/closures`).send({ occurredAt: '2017-03-03T08:00:00+07:00' }).expect(200);
  });
  afterAll(async () => {
    await subject.close();
  });

  const huge = 'x'.repeat(200_000); // beyond the 100 kB body limit
  const rows: [string, string, () => string, unknown, number, string][] = [
    ['a unit name of the wrong type', 'POST', () => '/api/v1/units', { name: 12, kind: 'province' }, 400, 'VALIDATION.FAILED'],
    ['a unit without its kind', 'POST', () => '/api/v1/units', { name: 'X' }, 400, 'VALIDATION.FAILED'],
    ['an extra field', 'POST', () => '/api/v1/units', { name: 'X', kind: 'province', recordedBy: 'admin' }, 400, 'VALIDATION.FAILED'],
    [
      'a huge summary',
      'POST',
      () => '/api/v1/cases',
      { unitId: 'gia-loc', category: 'complaint', channel: 'letter', summary: huge },
      413,
      'REQUEST.TOO_LARGE',
    ],
    [
      'a long summary within the body limit',
      'POST',
      () => '/api/v1/cases',
      { unitId: 'gia-loc', category: 'complaint', channel: 'letter', summary: 'x'.repeat(5000) },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'an unknown category',
      'POST',
      () => '/api/v1/cases',
      { unitId: 'gia-loc', category: 'gossip', channel: 'letter', summary: 'x' },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a date without an offset',
      'POST',
      () => '/api/v1/cases',
      { unitId: 'gia-loc', category: 'complaint', channel: 'letter', summary: 'x', occurredAt: '2017-03-01 08:00' },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'an impossible date',
      'POST',
      () => '/api/v1/cases',
      { unitId: 'gia-loc', category: 'complaint', channel: 'letter', summary: 'x', occurredAt: '2017-02-30T08:00:00+07:00' },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a future date',
      'POST',
      () => '/api/v1/cases',
      { unitId: 'gia-loc', category: 'complaint', channel: 'letter', summary: 'x', occurredAt: '2999-01-01T00:00:00Z' },
      400,
      'OCCURRED_AT.IN_FUTURE',
    ],
    [
      'a date before the receipt',
      'POST',
      () => `${openCase}/acknowledgements`,
      { occurredAt: '2017-02-01T00:00:00+07:00' },
      409,
      'OCCURRED_AT.BEFORE_PREVIOUS',
    ],
    [
      'an unknown unit in the body',
      'POST',
      () => '/api/v1/cases',
      { unitId: 'atlantis', category: 'complaint', channel: 'letter', summary: 'x' },
      422,
      'CASE.UNIT_NOT_ACTIVE',
    ],
    [
      'an unknown official in the body',
      'POST',
      () => `${openCase}/assignments`,
      { officialId: 'nobody', dueAt: '2030-01-01T00:00:00Z' },
      422,
      'CASE.OFFICIAL_UNKNOWN',
    ],
    [
      'an unknown case in the path',
      'POST',
      () => '/api/v1/cases/3f1c2a7e-3b9d-4c41-9a51-0d7e5b2f8c10/acknowledgements',
      {},
      404,
      'NOT_FOUND',
    ],
    ['an unknown unit in the path', 'GET', () => '/api/v1/units/atlantis', undefined, 404, 'NOT_FOUND'],
    ['resolving a closed case', 'POST', () => `${closedCase}/resolutions`, { outcome: 'Again' }, 409, 'CASE.CLOSED'],
    [
      'escalating to a unit that is not higher',
      'POST',
      () => `${openCase}/escalations`,
      { toUnitId: 'tu-ky', reason: 'sideways' },
      409,
      'CASE.ESCALATION_NOT_UPWARD',
    ],
    [
      'a meeting with an unknown attendee',
      'POST',
      () => '/api/v1/meetings',
      { unitId: 'gia-loc', kind: 'party-committee', heldAt: '2017-03-05T14:00:00+07:00', attendees: ['nobody'] },
      422,
      'MEETING.UNKNOWN_ATTENDEE',
    ],
    [
      'a meeting with no attendees',
      'POST',
      () => '/api/v1/meetings',
      { unitId: 'gia-loc', kind: 'party-committee', heldAt: '2017-03-05T14:00:00+07:00', attendees: [] },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a meeting held on an impossible date',
      'POST',
      () => '/api/v1/meetings',
      { unitId: 'gia-loc', kind: 'party-committee', heldAt: '2017-02-30T14:00:00+07:00', attendees: ['o-1'] },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a review citing something that is not an event id',
      'POST',
      () => '/api/v1/reviews',
      { officialId: 'o-1', grounds: 'x', evidenceEventIds: ['not-an-id'] },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a visit with a participant of the wrong type',
      'POST',
      () => '/api/v1/visits',
      { kind: 'periodic', purpose: 'x', unitId: 'gia-loc', participants: [42], plannedFor: '2017-03-09T08:00:00+07:00' },
      400,
      'VALIDATION.FAILED',
    ],
    ['a stale If-Match', 'POST', () => `${openCase}/acknowledgements`, { note: 'x' }, 412, 'PRECONDITION_FAILED'],
    ['malformed JSON', 'POST', () => '/api/v1/units', '{"name": "X", ', 400, 'REQUEST.MALFORMED_JSON'],
    ['an array instead of an object', 'POST', () => '/api/v1/units', [1, 2, 3], 400, 'VALIDATION.FAILED'],
    ['a bad Idempotency-Key', 'POST', () => '/api/v1/units', { name: 'X', kind: 'province' }, 400, 'IDEMPOTENCY_KEY.INVALID'],
  ];

  it.each(rows)('refuses %s', async (name, method, path, body, status, code) => {
    const before = await store.headPosition();
    let call = method === 'GET' ? http.get(path()) : http.post(path());
    if (name === 'a stale If-Match') call = call.set('If-Match', '"99"');
    if (name === 'a bad Idempotency-Key') call = call.set('Idempotency-Key', 'has spaces in it');
    if (typeof body === 'string') call = call.set('Content-Type', 'application/json');
    const response = body === undefined ? await call : await call.send(body as object);
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body.detail).toEqual(expect.any(String));
    expect(await store.headPosition()).toBe(before);
  });
});
