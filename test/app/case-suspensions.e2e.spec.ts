import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const ground = 'Law on Denunciations 25/2018/QH14 art. 34; Decision 15/QĐ-UBND';

/**
 * A suspension over HTTP, judged as the rule in force says (the rule's `pauses` in the rule book):
 *  - a denunciation of 2026 (denunciation-resolve-2019, art. 34): the suspended days are not counted;
 *  - a complaint accepted from 2026-07-01 (complaint-resolve-2026, Law 136/2025 art. 11a): the 30 days
 *    start again from the resumption;
 *  - a complaint of 2025 (complaint-resolve-2012): the law of 2011 names no suspension, so the pause
 *    moves nothing.
 */
describe('suspending and resuming a case', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;

  const post = (path: string, body: object, status = 200) => writes.post(path, body, status);
  /** Received, accepted, suspended and resumed at the given instants; answers the case id. */
  const suspendedCase = async (category: string, times: { received: string; accepted: string; suspended: string; resumed: string }) => {
    const received = await post(
      '/api/v1/cases',
      { unitId: 'xa-a', category, channel: 'letter', summary: 'Land', occurredAt: times.received },
      201,
    );
    const caseId = received.body.caseId as string;
    await post(`/api/v1/cases/${caseId}/acknowledgements`, { occurredAt: times.accepted });
    await post(`/api/v1/cases/${caseId}/suspensions`, {
      reason: 'Awaiting a court judgment',
      legalGround: ground,
      occurredAt: times.suspended,
    });
    await post(`/api/v1/cases/${caseId}/resumptions`, { reason: 'Judgment delivered', legalGround: ground, occurredAt: times.resumed });
    return caseId;
  };
  const timeline = async (caseId: string, asOf: string) =>
    (await http.get(`/api/v1/timelines/cases/${caseId}?minPosition=${writes.position}&asOf=${encodeURIComponent(asOf)}`).expect(200)).body;
  const resolution = async (caseId: string, asOf: string) =>
    (await timeline(caseId, asOf)).deadlines.find((deadline: { step: string }) => deadline.step === 'resolve');

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    const on = '2025-01-01T08:00:00+07:00';
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: on }, 201);
    await post('/api/v1/units', { unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'tinh', occurredAt: on }, 201);
  });

  afterAll(async () => {
    await subject?.close();
  });

  it('does not count the suspended days of a denunciation (30 days from acceptance: 2 April becomes 13 April)', async () => {
    const caseId = await suspendedCase('denunciation', {
      received: '2026-03-02T08:00:00+07:00',
      accepted: '2026-03-03T09:00:00+07:00',
      suspended: '2026-03-10T10:00:00+07:00',
      resumed: '2026-03-20T10:00:00+07:00',
    });
    // Accepted on 3 March: 30 days end on 2 April. Suspended on the 10th, resumed on the 20th: the 11th
    // to the 20th are not counted, so the 30th day is Sunday 12 April, and the limit ends on Monday 13.
    expect(await resolution(caseId, '2026-04-01T00:00:00+07:00')).toMatchObject({
      rule: { ruleId: 'denunciation-resolve-2019' },
      status: 'open',
      dueAt: '2026-04-13T23:59:59.999+07:00',
    });
    // While suspended the clock stands: nothing is due.
    expect(await resolution(caseId, '2026-03-15T00:00:00+07:00')).toMatchObject({ status: 'paused', dueAt: null });
    expect((await timeline(caseId, '2026-04-01T00:00:00+07:00')).steps.map((step: { step: string }) => step.step)).toEqual([
      'received',
      'acknowledged',
      'suspended',
      'resumed',
    ]);
  });

  it('restarts the 30 days of a complaint accepted after 2026-07-01 from its resumption', async () => {
    const caseId = await suspendedCase('complaint', {
      received: '2026-07-06T08:00:00+07:00',
      accepted: '2026-07-07T09:00:00+07:00',
      suspended: '2026-07-15T10:00:00+07:00',
      resumed: '2026-08-10T10:00:00+07:00',
    });
    // Without the pause: 6 August. Restarted on 10 August: the 30th day is Wednesday 9 September.
    expect(await resolution(caseId, '2026-08-20T00:00:00+07:00')).toMatchObject({
      rule: { ruleId: 'complaint-resolve-2026' },
      status: 'open',
      dueAt: '2026-09-09T23:59:59.999+07:00',
    });
    expect(await resolution(caseId, '2026-10-01T00:00:00+07:00')).toMatchObject({ status: 'overdue' });
  });

  it('moves nothing for a complaint of 2025, whose law names no suspension', async () => {
    const caseId = await suspendedCase('complaint', {
      received: '2025-03-03T08:00:00+07:00',
      accepted: '2025-03-04T09:00:00+07:00',
      suspended: '2025-03-10T10:00:00+07:00',
      resumed: '2025-03-20T10:00:00+07:00',
    });
    expect(await resolution(caseId, '2025-03-25T00:00:00+07:00')).toMatchObject({
      rule: { ruleId: 'complaint-resolve-2012' },
      dueAt: '2025-04-03T23:59:59.999+07:00',
    });
  });

  it("shows the suspension in the case and its history, refuses what a suspended case cannot do, and moves the handler's due date on resumption", async () => {
    const received = await post(
      '/api/v1/cases',
      {
        unitId: 'xa-a',
        category: 'denunciation',
        channel: 'letter',
        summary: 'Forged land records',
        occurredAt: '2026-03-02T08:00:00+07:00',
      },
      201,
    );
    const caseId = received.body.caseId as string;
    const path = `/api/v1/cases/${caseId}`;
    await post(`${path}/acknowledgements`, { occurredAt: '2026-03-03T09:00:00+07:00' });
    await post(`${path}/assignments`, { unitId: 'xa-a', dueAt: '2026-03-31T17:00:00+07:00', occurredAt: '2026-03-03T10:00:00+07:00' });
    const suspended = await post(`${path}/suspensions`, {
      reason: 'Awaiting a court judgment',
      legalGround: ground,
      occurredAt: '2026-03-10T10:00:00+07:00',
    });
    expect(suspended.body).toMatchObject({
      status: 'open',
      suspension: { at: '2026-03-10T10:00:00+07:00', reason: 'Awaiting a court judgment', legalGround: ground },
    });

    const refusals = await Promise.all([
      http.post(`${path}/suspensions`).send({ reason: 'Again', legalGround: ground, occurredAt: '2026-03-11T10:00:00+07:00' }),
      http.post(`${path}/resolutions`).send({ outcome: 'Founded', occurredAt: '2026-03-11T10:00:00+07:00' }),
      http.post(`${path}/suspensions`).send({ reason: 'No ground given', occurredAt: '2026-03-11T10:00:00+07:00' }),
    ]);
    expect(refusals.map((response) => [response.status, response.body.code])).toEqual([
      [409, 'CASE.ALREADY_SUSPENDED'],
      [409, 'CASE.SUSPENDED'],
      [400, 'VALIDATION.FAILED'],
    ]);
    expect((await timeline(caseId, '2026-04-05T00:00:00+07:00')).deadlines).toContainEqual(
      expect.objectContaining({ step: 'assigned-due', status: 'paused', dueAt: '2026-03-31T17:00:00+07:00' }),
    );

    const resumed = await post(`${path}/resumptions`, {
      reason: 'Judgment delivered',
      legalGround: ground,
      dueAt: '2026-04-10T17:00:00+07:00',
      occurredAt: '2026-03-20T10:00:00+07:00',
    });
    expect(resumed.body).toMatchObject({ suspension: null, dueAt: '2026-04-10T17:00:00+07:00', extensions: 0 });
    expect((await http.post(`${path}/resumptions`).send({ reason: 'x', legalGround: ground })).body.code).toBe('CASE.NOT_SUSPENDED');
    expect((await timeline(caseId, '2026-04-05T00:00:00+07:00')).deadlines).toContainEqual(
      expect.objectContaining({ step: 'assigned-due', status: 'open', dueAt: '2026-04-10T17:00:00+07:00' }),
    );

    const history = (await http.get(`${path}/history`).expect(200)).body;
    expect(history.steps.map((step: { type: string }) => step.type)).toEqual([
      'CaseReceived',
      'CaseAcknowledged',
      'CaseAssigned',
      'CaseSuspended',
      'CaseResumed',
    ]);
    expect(history.steps[3].data).toEqual({ reason: 'Awaiting a court judgment', legalGround: ground });
    expect(history.steps[3].stateAfter.suspension).toMatchObject({ legalGround: ground });
  });
});
