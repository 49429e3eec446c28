import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `${day}T${time}:00+07:00`;

/**
 * Nothing sinks a whole answer. A province recorded its own upward-report rule from 1990 (3 working
 * days). An is in charge of commune A from 1990. Two must-report complaints, neither reported: one of
 * Monday 1990-03-05, whose 3 working days cannot be counted (the working-day calendar starts in 1995),
 * and one of Monday 1995-01-09, due at the end of Thursday 12 January 1995 (no holiday that week; Tết
 * 1995 fell on 31 January). The review of 1990-03-01 to 1995-02-28 answers 200: the first matter is
 * unjudged with its reason, the second is "never", and the timeline of the first says the same.
 */
describe('an item in a year outside the calendar', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  let old: string;
  let covered: string;

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);
  const mustReportComplaint = async (day: string) => {
    const received = await post('/api/v1/cases', {
      unitId: 'xa-a',
      category: 'complaint',
      channel: 'letter',
      summary: `Complaint of ${day}`,
      occurredAt: at(day),
    });
    const caseId = (received.headers.location as string).split('/').pop()!;
    await post(
      `/api/v1/cases/${caseId}/classifications`,
      { classification: 'must-report', reason: 'Land recovery', occurredAt: at(day, '09:00') },
      200,
    );
    return caseId;
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Hải Hưng', kind: 'province', occurredAt: at('1990-01-01') });
    await post('/api/v1/units', {
      unitId: 'huyen',
      name: 'Huyện Gia Lộc',
      kind: 'district',
      parentId: 'tinh',
      occurredAt: at('1990-01-01'),
    });
    await post('/api/v1/units', { unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'huyen', occurredAt: at('1990-01-01') });
    await post('/api/v1/officials', {
      officialId: 'an',
      fullName: 'Nguyễn Văn An',
      position: 'Huyện ủy viên',
      unitId: 'huyen',
      occurredAt: at('1990-01-01'),
    });
    await post('/api/v1/officials/an/assignments', {
      unitId: 'xa-a',
      role: 'committee-member-in-charge',
      from: '1990-01-01',
      occurredAt: at('1990-01-01'),
    });
    await post('/api/v1/policies', {
      ruleId: 'province-complaint-report-upward-1990',
      category: 'complaint',
      step: 'report-upward',
      limit: 3,
      unit: 'working-days',
      clockStartsAt: 'CaseReceived',
      pauses: [],
      effectiveFrom: '1990-01-01',
      effectiveTo: '2017-01-01',
      legalReference: 'Provincial working rules of 1990 (as recorded by the province)',
      needsCheck: false,
    });
    old = await mustReportComplaint('1990-03-05');
    covered = await mustReportComplaint('1995-01-09');
  });
  afterAll(async () => {
    await subject.close();
  });

  it('answers the review with the uncovered matter unjudged, with its reason, and every other figure', async () => {
    const { body } = await http.get(`/api/v1/officials/an/review?minPosition=${writes.position}&from=1990-03-01&to=1995-02-28`).expect(200);
    expect(body.mustReport.matters).toEqual([
      expect.objectContaining({
        caseId: old,
        status: 'no-calendar',
        ruleId: 'province-complaint-report-upward-1990',
        dueAt: null,
        unjudged: { reason: 'no-calendar', sentence: expect.stringContaining('1990 is outside it') },
      }),
      expect.objectContaining({ caseId: covered, status: 'never', dueAt: '1995-01-12T23:59:59.999+07:00', unjudged: null }),
    ]);
    expect(body.mustReport.never.count).toBe(1);
    expect(body.mustReport.unjudged.count).toBe(1);
    expect(body.assignments).toHaveLength(1);
  });

  it('answers the timeline of the uncovered matter with that step unjudged and a step no rule covers unjudged too', async () => {
    const { body } = await http
      .get(`/api/v1/timelines/cases/${old}?minPosition=${writes.position}&asOf=${encodeURIComponent(at('1995-07-01'))}`)
      .expect(200);
    expect(body.deadlines.find((deadline: { step: string }) => deadline.step === 'report-upward')).toMatchObject({
      status: 'no-calendar',
      unjudged: { reason: 'no-calendar', sentence: expect.stringContaining('1990') },
    });
    expect(body.deadlines.find((deadline: { step: string }) => deadline.step === 'acknowledge')).toMatchObject({
      status: 'no-rule',
      unjudged: { reason: 'no-rule', sentence: expect.stringContaining('1990-03') },
    });
  });
});
