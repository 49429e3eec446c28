import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `2025-${day}T${time}:00+07:00`;

/**
 * One rule book for every judgement, over HTTP. Five complaints received in commune A on Monday
 * 3 March 2025, whose member in charge is An; the shipped complaint-report-upward-2017 rule gives an
 * upward report 3 working days: the end of Thursday 6 March. Only a matter classified must-report owes
 * it, and the timelines, the review and the evaluation say the same of each.
 */
describe('the rule book over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  const cases: Record<string, string> = {};

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);
  const receive = async (name: string) => {
    const received = await post('/api/v1/cases', {
      unitId: 'xa-a',
      category: 'complaint',
      channel: 'letter',
      summary: `Matter ${name}`,
      occurredAt: at('03-03'),
    });
    cases[name] = (received.headers.location as string).split('/').pop()!;
    return cases[name];
  };
  const classify = (caseId: string, classification: string) =>
    post(`/api/v1/cases/${caseId}/classifications`, { classification, reason: 'By the rules', occurredAt: at('03-03', '09:00') }, 200);
  const report = (caseId: string, day: string) =>
    post(`/api/v1/cases/${caseId}/upward-reports`, { officialId: 'an', toUnitId: 'huyen', occurredAt: at(day) }, 200);
  const timelineStatus = async (name: string) =>
    (
      await http
        .get(`/api/v1/timelines/cases/${cases[name]}?minPosition=${writes.position}&asOf=${encodeURIComponent(at('03-31'))}`)
        .expect(200)
    ).body.deadlines.find((deadline: { step: string }) => deadline.step === 'report-upward').status;
  const nameOf = (caseId: string) => Object.keys(cases).find((name) => cases[name] === caseId);

  const overdueReports = async () =>
    (
      await http
        .get(`/api/v1/timelines/overdue?minPosition=${writes.position}&step=report-upward&asOf=${encodeURIComponent(at('03-31'))}`)
        .expect(200)
    ).body.items.map((item: { caseId: string; status: string }) => `${nameOf(item.caseId)} ${item.status}`);
  const reviewedMatters = async () =>
    (
      await http.get(`/api/v1/officials/an/review?minPosition=${writes.position}&from=2025-03-01&to=2025-03-31`).expect(200)
    ).body.mustReport.matters.map((matter: { caseId: string; status: string }) => `${nameOf(matter.caseId)} ${matter.status}`);
  const evaluated = async () => {
    const { body } = await http.get(`/api/v1/evaluations/2025?minPosition=${writes.position}&officialId=an`).expect(200);
    const { mustReportLate, mustReportNever } = body.officials[0].indicators;
    return { late: mustReportLate.count, never: mustReportNever.count };
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at('01-01') });
    await post('/api/v1/units', { unitId: 'huyen', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'tinh', occurredAt: at('01-01') });
    await post('/api/v1/units', { unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'huyen', occurredAt: at('01-01') });
    await post('/api/v1/officials', {
      officialId: 'an',
      fullName: 'Nguyễn Văn An',
      position: 'Huyện ủy viên',
      unitId: 'huyen',
      occurredAt: at('01-01'),
    });
    await post('/api/v1/officials/an/assignments', {
      unitId: 'xa-a',
      role: 'committee-member-in-charge',
      from: '2025-01-01',
      occurredAt: at('01-01'),
    });
    await classify(await receive('within-authority'), 'within-authority');
    await receive('unclassified');
    const late = await receive('late');
    await classify(late, 'must-report');
    await report(late, '03-10');
    const inTime = await receive('in-time');
    await classify(inTime, 'must-report');
    await report(inTime, '03-05');
    await classify(await receive('corrected'), 'within-authority');
  });
  afterAll(async () => {
    await subject.close();
  });

  it('owes an upward report only for matters classified must-report: the overdue list, the review and the evaluation agree', async () => {
    expect(await overdueReports()).toEqual(['late missed']);
    expect((await reviewedMatters()).sort()).toEqual(['in-time on-time', 'late late']);
    expect(await evaluated()).toEqual({ late: 1, never: 0 });
    const timelines = await Promise.all(['within-authority', 'unclassified', 'late', 'in-time', 'corrected'].map(timelineStatus));
    expect(timelines).toEqual(['not-required', 'unclassified', 'missed', 'met', 'not-required']);
  });

  it('re-judges a matter whose classification is corrected to must-report, everywhere', async () => {
    const { body } = await http
      .get(`/api/v1/audit?minPosition=${writes.position}&caseId=${cases.corrected}&type=CaseClassified`)
      .expect(200);
    await post(
      `/api/v1/cases/${cases.corrected}/corrections`,
      {
        eventId: body.entries[0].eventId,
        reason: 'A serious matter after all',
        fields: { classification: 'must-report' },
        occurredAt: at('03-12'),
      },
      200,
    );
    // Both fall due on the same day: the list then orders them by case id, which is random here.
    expect((await overdueReports()).sort()).toEqual(['corrected overdue', 'late missed']);
    expect((await reviewedMatters()).sort()).toEqual(['corrected never', 'in-time on-time', 'late late']);
    expect(await evaluated()).toEqual({ late: 1, never: 1 });
    expect(await timelineStatus('corrected')).toBe('overdue');
  });

  it('bounds extensions by a recorded rule once it is in force, as the timeline then counts them', async () => {
    const policy = await post('/api/v1/policies', {
      ruleId: 'local-complaint-resolve-2025',
      category: 'complaint',
      step: 'resolve',
      limit: 20,
      unit: 'working-days',
      clockStartsAt: 'CaseAcknowledged',
      pauses: [],
      extensions: { max: 2, lengthDays: 5 },
      effectiveFrom: '2025-01-01',
      legalReference: 'Provincial instruction 7/2025 (a test rule)',
      needsCheck: false,
      occurredAt: at('01-02'),
    });
    const caseId = await receive('extended');
    await post(`/api/v1/cases/${caseId}/acknowledgements`, { occurredAt: at('03-04') }, 200);
    await post(
      `/api/v1/cases/${caseId}/assignments`,
      { officialId: 'an', dueAt: at('03-28', '17:00'), occurredAt: at('03-04', '09:00') },
      200,
    );
    // The recorded rule reaches the rule book through its read model: wait until it is applied there.
    await http.get(`/api/v1/timelines/cases/${caseId}?minPosition=${policy.headers['ledger-position']}`).expect(200);
    const extend = (day: string, newDueAt: string) =>
      http.post(`/api/v1/cases/${caseId}/deadline-extensions`).send({ newDueAt, reason: 'Verification', occurredAt: at(day) });
    expect((await extend('03-10', at('04-04', '17:00'))).status).toBe(200);
    const second = await extend('03-11', at('04-11', '17:00'));
    expect(second.status).toBe(200);
    const third = await extend('03-12', at('04-18', '17:00'));
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({
      code: 'CASE.EXTENSIONS_EXHAUSTED',
      details: { ruleId: 'local-complaint-resolve-2025', allowed: 2 },
    });
    const { body } = await http
      .get(`/api/v1/timelines/cases/${caseId}?minPosition=${second.headers['ledger-position']}&asOf=${encodeURIComponent(at('03-20'))}`)
      .expect(200);
    expect(body.deadlines.find((deadline: { step: string }) => deadline.step === 'resolve')).toMatchObject({
      rule: { ruleId: 'local-complaint-resolve-2025', source: 'recorded' },
      extensionsAllowed: 2,
      evidence: { extensionEventIds: [expect.any(String), expect.any(String)] },
    });
  });
});
