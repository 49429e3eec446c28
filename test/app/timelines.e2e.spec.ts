import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const at = (day: string, hour = '08') => `2025-03-${day}T${hour}:00:00+07:00`;
const endOf = (day: string) => `${day}T23:59:59.999+07:00`;

describe('response timelines over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let position: number;
  let complaint: string;
  let denunciation: string;

  /** Every write answers with Ledger-Position: the last one is what the queries wait for. */
  const post = async (path: string, body: object, status = 200) => {
    const response = await http.post(path).send(body).expect(status);
    position = Number(response.headers['ledger-position']);
    return response;
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    await post('/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at('01') }, 201);
    await post(
      '/api/v1/units',
      { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at('01') },
      201,
    );
    await post('/api/v1/units', { unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at('01') }, 201);
    await post(
      '/api/v1/officials',
      { officialId: 'o-1', fullName: 'Nguyễn Văn A', position: 'Chủ tịch UBND xã', unitId: 'gia-tan', occurredAt: at('01') },
      201,
    );
    const receipt = { unitId: 'gia-tan', channel: 'letter', summary: 'Dye works polluting the canal', reporter: {} };
    complaint = (await post('/api/v1/cases', { ...receipt, category: 'complaint', occurredAt: at('03') }, 201)).headers.location as string;
    denunciation = (await post('/api/v1/cases', { ...receipt, category: 'denunciation', occurredAt: at('05') }, 201)).headers
      .location as string;
    await post(`${complaint}/acknowledgements`, { occurredAt: at('10') });
    await post(`${complaint}/assignments`, { officialId: 'o-1', dueAt: at('20', '17'), occurredAt: at('10', '09') });
    await post(`${complaint}/resolutions`, { outcome: 'Works ordered to stop discharging', occurredAt: at('25') });
  });
  afterAll(async () => {
    await subject.close();
  });

  const idOf = (location: string) => location.split('/').pop()!;

  it("gives a case's steps and deadlines, reading its own write through minPosition", async () => {
    const response = await http
      .get(`/api/v1/timelines/cases/${idOf(complaint)}?minPosition=${position}&asOf=${encodeURIComponent(at('31'))}`)
      .expect(200);
    expect(response.headers['ledger-projection-position']).toBe(String(position));
    const timeline = response.body;
    expect(timeline).toMatchObject({
      caseId: idOf(complaint),
      category: 'complaint',
      receivedUnitId: 'gia-tan',
      currentUnitId: 'gia-tan',
      assignee: { officialId: 'o-1', unitId: null },
    });
    expect(timeline.steps.map((step: { step: string; hoursSincePrevious: number | null }) => [step.step, step.hoursSincePrevious])).toEqual(
      [
        ['received', null],
        ['acknowledged', 168],
        ['assigned', 1],
        ['resolved', 359],
      ],
    );
    const byStep = Object.fromEntries(timeline.deadlines.map((deadline: { step: string }) => [deadline.step, deadline]));
    expect(byStep.acknowledge).toMatchObject({
      rule: { ruleId: 'complaint-accept-2012' },
      dueAt: endOf('2025-03-13'),
      status: 'met',
      durationHours: 168,
    });
    expect(byStep.acknowledge.evidence.completedByEventId).toBe(timeline.steps[1].eventId);
    expect(byStep.resolve).toMatchObject({ rule: { ruleId: 'complaint-resolve-2012' }, status: 'met', officialId: 'o-1' });
    expect(byStep['assigned-due']).toMatchObject({ dueAt: at('20', '17'), status: 'missed', officialId: 'o-1' });
  });

  it('lists the overdue and breached items as of a date', async () => {
    const response = await http.get(`/api/v1/timelines/overdue?minPosition=${position}&asOf=${encodeURIComponent(at('31'))}`).expect(200);
    expect(
      response.body.items.map(
        (item: { caseId: string; step: string; status: string }) =>
          `${item.caseId === idOf(complaint) ? 'complaint' : 'denunciation'} ${item.step} ${item.status}`,
      ),
    ).toEqual([
      // Neither case is classified must-report: no upward report is owed, so none is overdue.
      'denunciation acknowledge overdue',
      'complaint assigned-due missed',
    ]);
    const before = await http
      .get(`/api/v1/timelines/overdue?minPosition=${position}&status=overdue&step=acknowledge&asOf=${encodeURIComponent(at('12'))}`)
      .expect(200);
    expect(before.body.items).toEqual([]);
    expect(idOf(denunciation)).toBeTruthy();
  });

  it('aggregates per official, unit and month with the cases behind each group', async () => {
    const byOfficial = await http
      .get(`/api/v1/timelines/aggregates?minPosition=${position}&groupBy=official&step=assigned-due&asOf=${encodeURIComponent(at('31'))}`)
      .expect(200);
    expect(byOfficial.body.groups).toEqual([
      {
        key: 'o-1',
        count: 1,
        onTimeRate: 0,
        cases: 1,
        deadlines: `/api/v1/timelines/deadlines?groupBy=official&asOf=${encodeURIComponent(at('31'))}&key=o-1&step=assigned-due`,
        steps: [
          {
            step: 'assigned-due',
            count: 1,
            byStatus: { missed: 1 },
            medianHours: 359,
            p90Hours: 359,
            onTimeRate: 0,
            cases: 1,
            deadlines: `/api/v1/timelines/deadlines?groupBy=official&asOf=${encodeURIComponent(at('31'))}&key=o-1&step=assigned-due`,
          },
        ],
      },
    ]);
    const byMonth = await http
      .get(
        `/api/v1/timelines/aggregates?minPosition=${position}&groupBy=month&step=acknowledge&category=complaint&from=2025-03-01T00:00:00%2B07:00&to=2025-04-01T00:00:00%2B07:00&asOf=${encodeURIComponent(at('31'))}`,
      )
      .expect(200);
    expect(byMonth.body.groups).toMatchObject([{ key: '2025-03', onTimeRate: 1, cases: 1 }]);
    // The group's link lists the deadlines it counted, with their evidence.
    const behind = await http.get(byMonth.body.groups[0].deadlines as string).expect(200);
    expect(behind.body).toMatchObject({ groupBy: 'month', key: '2025-03' });
    expect(
      behind.body.items.map((item: { caseId: string; step: string; status: string }) => [item.caseId, item.step, item.status]),
    ).toEqual([[idOf(complaint), 'acknowledge', 'met']]);
    expect(behind.body.eventLinks[behind.body.items[0].evidence.clockStartEventId]).toBeDefined();
    const byUnit = await http
      .get(`/api/v1/timelines/aggregates?minPosition=${position}&groupBy=unit&step=acknowledge&asOf=${encodeURIComponent(at('31'))}`)
      .expect(200);
    expect(byUnit.body.groups).toMatchObject([{ key: 'gia-tan', onTimeRate: 0.5, steps: [{ byStatus: { met: 1, overdue: 1 } }] }]);
  });

  it.each([
    ['aggregates without groupBy', '/api/v1/timelines/aggregates', 'VALIDATION.FAILED'],
    ['an unknown groupBy', '/api/v1/timelines/aggregates?groupBy=district', 'VALIDATION.FAILED'],
    ['an unknown step', '/api/v1/timelines/aggregates?groupBy=unit&step=sleep', 'VALIDATION.FAILED'],
    ['asOf without offset', '/api/v1/timelines/overdue?asOf=2025-03-31T08:00:00', 'VALIDATION.FAILED'],
    ['an unknown status', '/api/v1/timelines/overdue?status=late', 'VALIDATION.FAILED'],
    ['an unknown parameter', '/api/v1/timelines/overdue?colour=red', 'VALIDATION.FAILED'],
    ['a negative minPosition', '/api/v1/timelines/overdue?minPosition=-1', 'VALIDATION.FAILED'],
    [
      'from after to',
      '/api/v1/timelines/aggregates?groupBy=unit&from=2025-04-01T00:00:00Z&to=2025-03-01T00:00:00Z',
      'TIMELINE.EMPTY_RANGE',
    ],
    ['a malformed case id', '/api/v1/timelines/cases/%20bad', 'TIMELINE.CASE_ID_INVALID'],
  ])('400 for %s', async (_, path, code) => {
    expect((await http.get(path).expect(400)).body.code).toBe(code);
  });

  it('404 for a case not received, 503 for a position not reached', async () => {
    expect((await http.get('/api/v1/timelines/cases/no-such-case').expect(404)).body.code).toBe('TIMELINE.CASE_NOT_FOUND');
    expect((await http.get(`/api/v1/timelines/overdue?minPosition=${position + 1000}`).expect(503)).body.code).toBe('PROJECTION.BEHIND');
  }, 10_000);
});
