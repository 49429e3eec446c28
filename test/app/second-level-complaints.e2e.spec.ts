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

  describe('naming the first-level complaint it appeals', () => {
    const appeal = (firstLevelCaseId: string, day: string, category = 'complaint-second-level') =>
      http
        .post('/api/v1/cases')
        .send({ unitId: 'huyen', category, channel: 'letter', summary: 'Appeal', firstLevelCaseId, occurredAt: at(day) });
    const caseOf = async (caseId: string) => (await http.get(`/api/v1/cases/${caseId}`).expect(200)).body;
    const stepsOf = async (caseId: string) =>
      (await http.get(`/api/v1/timelines/cases/${caseId}?minPosition=${writes.position}`).expect(200)).body.steps as {
        step: string;
        data: Record<string, unknown>;
      }[];

    it('links a second complaint to the resolved first one, on both cases and both timelines', async () => {
      const first = await receive('xa', 'complaint', '2015-01-05', '2015-01-06');
      await post(`/api/v1/cases/${first}/resolutions`, { outcome: 'Decision 3/QĐ-UBND', occurredAt: at('2015-02-02') }, 200);
      const answer = await appeal(first, '2015-02-20').expect(201);
      const second = answer.body.caseId as string;
      writes.position = Math.max(writes.position, Number(answer.headers['ledger-position']));
      expect(answer.body).toMatchObject({ firstLevelCaseId: first, firstLevelCase: { caseId: first, href: `/api/v1/cases/${first}` } });

      const firstNow = await caseOf(first);
      expect(firstNow.appeals).toEqual([
        expect.objectContaining({ secondLevelCaseId: second, at: at('2015-02-20'), href: `/api/v1/cases/${second}` }),
      ]);
      // The appeal is evidence about the first case, not a step of its handling: it stays resolved.
      expect(firstNow.status).toBe('resolved');
      // The link is written on the first case after the receipt: the timelines are read once they hold it.
      const history = (await http.get(`/api/v1/cases/${first}/history`).expect(200)).body as {
        steps: { type: string; globalPosition: number }[];
      };
      const appealed = history.steps.find((step) => step.type === 'CaseAppealed')!;
      writes.position = Math.max(writes.position, appealed.globalPosition);
      expect((await stepsOf(first)).map((step) => step.step)).toEqual(['received', 'acknowledged', 'resolved', 'appealed-to-second-level']);
      expect((await stepsOf(first)).at(-1)!.data).toMatchObject({ secondLevelCaseId: second });
      expect((await stepsOf(second))[0]).toMatchObject({ step: 'received', data: { firstLevelCaseId: first } });
    });

    it('accepts an appeal once the first level let its resolution deadline pass unresolved, and not before', async () => {
      // Accepted Monday 6 April 2015: 30 days, to Wednesday 6 May (art. 28).
      const first = await receive('xa', 'complaint', '2015-04-01', '2015-04-06');
      const early = await appeal(first, '2015-04-20').expect(409);
      expect(early.body.code).toBe('CASE.FIRST_LEVEL_PENDING');
      expect(early.body.detail).toContain('2015-05-06');
      expect((await caseOf(first)).appeals).toEqual([]);
      const late = await appeal(first, '2015-05-11').expect(201);
      expect(late.body.firstLevelCaseId).toBe(first);
    });

    it('refuses a case that is not a complaint, one never received, and a first level named by another category', async () => {
      const petition = await receive('xa', 'petition', '2015-06-01', '2015-06-02');
      await post(`/api/v1/cases/${petition}/resolutions`, { outcome: 'Answered', occurredAt: at('2015-06-10') }, 200);
      expect((await appeal(petition, '2015-06-20').expect(422)).body.code).toBe('CASE.FIRST_LEVEL_NOT_A_COMPLAINT');
      expect((await appeal('no-such-case', '2015-06-20').expect(422)).body.code).toBe('CASE.FIRST_LEVEL_NOT_FOUND');
      expect((await appeal(petition, '2015-06-20', 'complaint').expect(400)).body.code).toBe('CASE.FIRST_LEVEL_UNEXPECTED');
      expect((await appeal('not a case id', '2015-06-20').expect(400)).body.code).toBe('VALIDATION.FAILED');
    });
  });
});
