import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `${day}T${time}:00+07:00`;
const endOf = (day: string) => `${day}T23:59:59.999+07:00`;

interface Deadline {
  readonly step: string;
  readonly dueAt: string | null;
  readonly rule: { readonly ruleId: string } | null;
}

/**
 * Given a 2014 complaint resolved at the commune, when the complainant complains again to the district
 * (khiếu nại lần hai), then the second complaint is its own case, judged by art. 36 (10 days to accept)
 * and art. 37 (45 days to resolve), not by the first level's 30 days.
 */
describe('a complaint at the second level', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh', kind: 'province', occurredAt: at('2014-01-01') });
    await post('/api/v1/units', { unitId: 'huyen', name: 'Huyện', kind: 'district', parentId: 'tinh', occurredAt: at('2014-01-01') });
    await post('/api/v1/units', { unitId: 'xa', name: 'Xã', kind: 'commune', parentId: 'huyen', occurredAt: at('2014-01-01') });
  });
  afterAll(async () => {
    await subject.close();
  });

  const deadlinesOf = async (caseId: string): Promise<Record<string, Deadline>> => {
    const { body } = await http.get(`/api/v1/timelines/cases/${caseId}?minPosition=${writes.position}`).expect(200);
    return Object.fromEntries((body.deadlines as Deadline[]).map((deadline) => [deadline.step, deadline]));
  };
  const receive = async (unitId: string, category: string, day: string, acknowledged: string) => {
    const received = await post('/api/v1/cases', { unitId, category, channel: 'letter', summary: 'Land recovery', occurredAt: at(day) });
    const caseId = received.body.caseId as string;
    await post(`/api/v1/cases/${caseId}/acknowledgements`, { occurredAt: at(acknowledged, '10:00') }, 200);
    return caseId;
  };

  it('judges the second complaint by arts. 36 and 37, the first by arts. 27 and 28', async () => {
    const first = await receive('xa', 'complaint', '2014-01-20', '2014-02-05');
    await post(
      `/api/v1/cases/${first}/resolutions`,
      { outcome: 'Decision 12/QĐ-UBND upholds the recovery', occurredAt: at('2014-03-03') },
      200,
    );
    const second = await receive('huyen', 'complaint-second-level', '2014-03-20', '2014-03-24');

    const firstSteps = await deadlinesOf(first);
    expect(firstSteps.resolve).toMatchObject({ rule: { ruleId: 'complaint-resolve-2012' }, dueAt: endOf('2014-03-07') });
    const secondSteps = await deadlinesOf(second);
    // 10 days from Thursday 20 March: Sunday 30 March, so Monday 31 March.
    expect(secondSteps.acknowledge).toMatchObject({ rule: { ruleId: 'complaint-second-level-accept-2012' }, dueAt: endOf('2014-03-31') });
    // 45 days from Monday 24 March: Thursday 8 May.
    expect(secondSteps.resolve).toMatchObject({ rule: { ruleId: 'complaint-second-level-resolve-2012' }, dueAt: endOf('2014-05-08') });
  });
});
