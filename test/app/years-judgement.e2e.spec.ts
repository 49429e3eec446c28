import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `${day}T${time}:00+07:00`;
const endOf = (day: string) => `${day}T23:59:59.999+07:00`;

type Deadline = { step: string; status: string; dueAt: string | null; rule: { ruleId: string } | null; unjudged: unknown };

/**
 * Each matter is judged by the rule in force on its own date, counted in the working days of its own
 * year (Civil Code arts. 147-148: the day of the event is not counted; a limit in calendar days ending
 * on a day off ends on the next working day):
 *
 * - A complaint received Monday 2014-01-20: complaint-accept-2012 (Law 02/2011/QH13 art. 27, 10 days)
 *   ends Thursday 30 January, inside Tết 2014 (28 January to 5 February off, vn-2014.json): due at the
 *   end of Thursday 6 February. Acknowledged on 6 February, complaint-resolve-2012 (art. 28, 30 days)
 *   ends Saturday 8 March: due Monday 10 March. No upward-report setting existed in 2014: no-rule.
 * - A denunciation received Friday 2017-04-21: denunciation-accept-2012 (Law 03/2011/QH13 art. 20,
 *   10 days) ends Monday 1 May, Labour Day; Tuesday 2 May is taken for 30 April, a Sunday (Labour Code
 *   2012 art. 115(3)): due Wednesday 3 May (the 2019 law's 7 working days would give 4 May).
 *   Acknowledged Friday 28 April, denunciation-resolve-2012 (art. 21, 60 days): Tuesday 27 June. As a
 *   must-report matter, denunciation-report-upward-2017 (3 working days): Wednesday 26 April.
 * - A denunciation received Thursday 2026-02-12: denunciation-accept-2019 (Law 25/2018/QH14 art. 24,
 *   7 working days): Friday 13 February is the first; 16-20 February are Tết (vn-2026.json); then
 *   23-27 February and Monday 2 March, the seventh (the 2012 law's 10 days would end on Sunday 22
 *   February, so Monday 23). Acknowledged Friday 13 February, denunciation-resolve-2019 (art. 30,
 *   30 days) ends Sunday 15 March: due Monday 16 March.
 */
describe('matters of 2014, 2017 and 2026, each by the rule and the working days of its own date', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  const cases: Record<string, string> = {};

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);
  const receive = async (name: string, category: string, day: string, acknowledged: string) => {
    const received = await post('/api/v1/cases', { unitId: 'xa-a', category, channel: 'letter', summary: name, occurredAt: at(day) });
    const caseId = (received.headers.location as string).split('/').pop()!;
    await post(
      `/api/v1/cases/${caseId}/classifications`,
      { classification: 'must-report', reason: 'Land', occurredAt: at(day, '09:00') },
      200,
    );
    await post(`/api/v1/cases/${caseId}/acknowledgements`, { occurredAt: at(acknowledged, '10:00') }, 200);
    cases[name] = caseId;
  };
  const deadlines = async (name: string): Promise<Record<string, Deadline>> => {
    const { body } = await http.get(`/api/v1/timelines/cases/${cases[name]}?minPosition=${writes.position}`).expect(200);
    return Object.fromEntries((body.deadlines as Deadline[]).map((deadline) => [deadline.step, deadline]));
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at('2014-01-01') });
    await post('/api/v1/units', { unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'tinh', occurredAt: at('2014-01-01') });
    await receive('complaint-2014', 'complaint', '2014-01-20', '2014-02-06');
    await receive('denunciation-2017', 'denunciation', '2017-04-21', '2017-04-28');
    await receive('denunciation-2026', 'denunciation', '2026-02-12', '2026-02-13');
  });
  afterAll(async () => {
    await subject.close();
  });

  const judged = (deadline: Deadline) => ({ ruleId: deadline.rule?.ruleId ?? null, dueAt: deadline.dueAt, status: deadline.status });

  it('judges the 2014 complaint by the Law on Complaints of 2011, in the working days of 2014', async () => {
    const steps = await deadlines('complaint-2014');
    expect(judged(steps.acknowledge)).toEqual({ ruleId: 'complaint-accept-2012', dueAt: endOf('2014-02-06'), status: 'met' });
    expect(judged(steps.resolve)).toEqual({ ruleId: 'complaint-resolve-2012', dueAt: endOf('2014-03-10'), status: 'overdue' });
    expect(steps['report-upward']).toMatchObject({ status: 'no-rule', unjudged: { reason: 'no-rule' } });
  });

  it('judges the 2017 denunciation by the Law on Denunciations of 2011, in the working days of 2017', async () => {
    const steps = await deadlines('denunciation-2017');
    expect(judged(steps.acknowledge)).toEqual({ ruleId: 'denunciation-accept-2012', dueAt: endOf('2017-05-03'), status: 'met' });
    expect(judged(steps.resolve)).toEqual({ ruleId: 'denunciation-resolve-2012', dueAt: endOf('2017-06-27'), status: 'overdue' });
    expect(judged(steps['report-upward'])).toEqual({
      ruleId: 'denunciation-report-upward-2017',
      dueAt: endOf('2017-04-26'),
      status: 'overdue',
    });
  });

  it('judges the 2026 denunciation by the Law on Denunciations of 2018, in the working days of 2026', async () => {
    const steps = await deadlines('denunciation-2026');
    expect(judged(steps.acknowledge)).toEqual({ ruleId: 'denunciation-accept-2019', dueAt: endOf('2026-03-02'), status: 'met' });
    expect(judged(steps.resolve)).toEqual({ ruleId: 'denunciation-resolve-2019', dueAt: endOf('2026-03-16'), status: 'overdue' });
  });
});
