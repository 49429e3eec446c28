import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

/**
 * GET /api/v1/worklists/mine (the official the token's subject names) and /worklists/units/{unitId}:
 * what is assigned, due soon, overdue, not reported upward and planned, within the caller's scope.
 */
describe('worklists', () => {
  let subject: TestApp;
  let http: Http;
  let position = 0;
  const caseIds: Record<string, string> = {};
  // Wednesday 4 March 2026: three working days reach Monday 9 March.
  const asOf = encodeURIComponent('2026-03-04T08:00:00+07:00');

  const post = async (path: string, body: object, expected = 201) => {
    const response = await http.post(path).send(body);
    if (response.status !== expected) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    position = Math.max(position, Number(response.headers['ledger-position'] ?? 0));
    return response;
  };
  const worklist = (as: Http, path: string) => as.get(`/api/v1/worklists/${path}?asOf=${asOf}&minPosition=${position}`);
  const idsOf = (section: { items: { caseId?: string; visitId?: string }[] }) => section.items.map((item) => item.caseId ?? item.visitId);

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    const at = '2026-03-02T08:00:00+07:00';
    await post('/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-xuyen', name: 'Xã Gia Xuyên', kind: 'commune', parentId: 'gia-loc', occurredAt: at });
    await post('/api/v1/officials', {
      officialId: 'o-huong',
      fullName: 'Phạm Quang Hưởng',
      position: 'Ủy viên',
      unitId: 'gia-loc',
      occurredAt: at,
    });
    await post('/api/v1/officials/o-huong/assignments', { unitId: 'gia-tan', role: 'committee-member-in-charge', from: '2026-01-01' });
    const receive = async (name: string, unitId: string, summary: string) => {
      caseIds[name] = (
        await post('/api/v1/cases', { unitId, category: 'reflection', channel: 'letter', summary, occurredAt: at })
      ).body.caseId;
    };
    await receive('soon', 'gia-tan', 'Đê sạt lở');
    await receive('late', 'gia-tan', 'Cống hỏng');
    await receive('later', 'gia-tan', 'Đường hỏng');
    await receive('unreported', 'gia-tan', 'Cháy rừng');
    await receive('elsewhere', 'gia-xuyen', 'Ô nhiễm ở Gia Xuyên');
    const assign = (name: string, dueAt: string) =>
      post(`/api/v1/cases/${caseIds[name]}/assignments`, { officialId: 'o-huong', dueAt, occurredAt: '2026-03-02T09:00:00+07:00' }, 200);
    await assign('soon', '2026-03-09T17:00:00+07:00');
    await assign('late', '2026-03-03T17:00:00+07:00');
    await assign('later', '2026-03-20T17:00:00+07:00');
    await post(
      `/api/v1/cases/${caseIds.unreported}/classifications`,
      { classification: 'must-report', reason: 'Fire', occurredAt: '2026-03-02T09:00:00+07:00' },
      200,
    );
    await post(
      `/api/v1/cases/${caseIds.elsewhere}/classifications`,
      { classification: 'must-report', reason: 'x', occurredAt: '2026-03-02T09:00:00+07:00' },
      200,
    );
    await post('/api/v1/visits', {
      visitId: 'v-1',
      kind: 'periodic',
      purpose: 'Kiểm tra đê',
      unitId: 'gia-tan',
      participants: ['o-huong'],
      plannedFor: '2026-03-10T08:00:00+07:00',
      publishedInCalendar: true,
      occurredAt: at,
    });
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it("answers the official's own worklist: assigned, due soon, overdue, not reported upward, visits planned", async () => {
    const mine = (await worklist(subject.as('o-huong', ['official']), 'mine').expect(200)).body;
    expect(mine.officialId).toBe('o-huong');
    expect(idsOf(mine.assigned)).toEqual([caseIds.late, caseIds.soon, caseIds.later]);
    expect(idsOf(mine.dueSoon)).toEqual([caseIds.soon]);
    expect(idsOf(mine.overdue)).toEqual([caseIds.late]);
    // Of the unit in charge of only: the must-report matter of Gia Xuyên is not theirs.
    expect(idsOf(mine.notReportedUpward)).toEqual([caseIds.unreported]);
    expect(idsOf(mine.visitsPlanned)).toEqual(['v-1']);
    // Each section links to its whole list, which answers the same.
    const whole = (await http.get(`${mine.notReportedUpward.list}&minPosition=${position}`).expect(200)).body;
    expect(whole.items.map((item: { caseId: string }) => item.caseId)).toEqual([caseIds.unreported]);
    expect((await http.get(mine.visitsPlanned.list).expect(200)).body.items).toHaveLength(1);
  });

  it("answers a unit's worklist, with the units below, to those who may read its cases", async () => {
    const district = (await worklist(http, 'units/gia-loc').expect(200)).body;
    expect(idsOf(district.notReportedUpward).sort()).toEqual([caseIds.unreported, caseIds.elsewhere].sort());
    expect(idsOf(district.overdue)).toEqual([caseIds.late]);
    const recorder = subject.as('recorder-gia-xuyen', ['recorder'], ['gia-xuyen']);
    const own = (await worklist(recorder, 'units/gia-xuyen').expect(200)).body;
    expect(idsOf(own.notReportedUpward)).toEqual([caseIds.elsewhere]);
    expect((await worklist(recorder, 'units/gia-tan').expect(403)).body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    expect((await worklist(recorder, 'units/gia-loc').expect(403)).body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
  });

  it("never shows a recorder another commune's matter in their own worklist", async () => {
    const recorder = subject.as('recorder-gia-xuyen', ['recorder'], ['gia-xuyen']);
    const mine = (await worklist(recorder, 'mine').expect(200)).body;
    for (const section of ['assigned', 'dueSoon', 'overdue', 'notReportedUpward'])
      expect(JSON.stringify(mine[section].items)).not.toContain(caseIds.soon);
  });

  it('answers 404 for an unknown unit and 400 for a malformed one', async () => {
    expect((await worklist(http, 'units/nowhere').expect(404)).body.code).toBe('WORKLIST.UNIT_NOT_FOUND');
    expect((await worklist(http, 'units/%20bad').expect(400)).body.code).toBe('WORKLIST.UNIT_ID_INVALID');
  });
});
