import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

interface AlertItem {
  alertId: string;
  kind: string;
  caseId: string;
  step: string;
  dueAt: string;
  hoursLeft: number;
  unitId: string;
  officialId: string | null;
  evidenceEventIds: string[];
  links: { case: string; timeline: string; evidence: string[] };
}

/**
 * GET /api/v1/alerts: deadlines approaching and breached, judged as of an instant. Two communes of a
 * district; a recorder of one commune never sees the other's alert, whatever the filter.
 */
describe('the alerts', () => {
  let subject: TestApp;
  let http: Http;
  let position = 0;
  const caseIds: Record<string, string> = {};

  const post = async (path: string, body: object, expected = 201) => {
    const response = await http.post(path).send(body);
    if (response.status !== expected) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    position = Math.max(position, Number(response.headers['ledger-position'] ?? 0));
    return response;
  };
  const alerts = (as: Http, query: string) => as.get(`/api/v1/alerts?minPosition=${position}&${query}`);
  const assignedDue = (items: AlertItem[]) => items.filter((item) => item.step === 'assigned-due');

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    const at = '2026-03-02T08:00:00+07:00';
    await post('/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-xuyen', name: 'Xã Gia Xuyên', kind: 'commune', parentId: 'gia-loc', occurredAt: at });
    for (const [officialId, unitId] of [
      ['o-huong', 'gia-tan'],
      ['o-lan', 'gia-xuyen'],
    ])
      await post('/api/v1/officials', { officialId, fullName: officialId, position: 'Chủ tịch UBND', unitId, occurredAt: at });
    const receive = async (name: string, unitId: string, officialId: string, dueAt: string) => {
      caseIds[name] = (
        await post('/api/v1/cases', {
          unitId,
          category: 'reflection',
          channel: 'citizen-reception',
          summary: `Vụ việc ${name}`,
          reporter: { name: 'Nguyễn Văn B' },
          occurredAt: '2026-03-02T09:00:00+07:00',
        })
      ).body.caseId;
      await post(`/api/v1/cases/${caseIds[name]}/acknowledgements`, { occurredAt: '2026-03-02T09:30:00+07:00' }, 200);
      await post(`/api/v1/cases/${caseIds[name]}/assignments`, { officialId, dueAt, occurredAt: '2026-03-02T10:00:00+07:00' }, 200);
    };
    // Due on Friday 6 March; due on Friday 20 March; in the other commune, due on Friday 6 March too.
    await receive('soon', 'gia-tan', 'o-huong', '2026-03-06T17:00:00+07:00');
    await receive('later', 'gia-tan', 'o-huong', '2026-03-20T17:00:00+07:00');
    await receive('elsewhere', 'gia-xuyen', 'o-lan', '2026-03-06T17:00:00+07:00');
    await receive('resolved', 'gia-tan', 'o-huong', '2026-03-06T17:00:00+07:00');
    await post(`/api/v1/cases/${caseIds.resolved}/resolutions`, { outcome: 'Đã giải quyết', occurredAt: '2026-03-03T09:00:00+07:00' }, 200);
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it('announces a due date within N working days as approaching, and one past as breached', async () => {
    // Wednesday 4 March, 3 working days: up to the end of Monday 9 March.
    const approaching = (await alerts(http, 'asOf=2026-03-04T09:00:00%2B07:00&withinDays=3').expect(200)).body;
    expect(approaching).toMatchObject({ asOf: '2026-03-04T09:00:00+07:00', withinDays: 3 });
    expect(assignedDue(approaching.items).map((item) => [item.caseId, item.kind, item.dueAt, item.unitId, item.officialId])).toEqual(
      [
        [caseIds.soon, 'approaching', '2026-03-06T17:00:00+07:00', 'gia-tan', 'o-huong'],
        [caseIds.elsewhere, 'approaching', '2026-03-06T17:00:00+07:00', 'gia-xuyen', 'o-lan'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    // One working day ahead reaches only Thursday 5 March: nothing of the assigned dates yet.
    expect(assignedDue((await alerts(http, 'asOf=2026-03-04T09:00:00%2B07:00&withinDays=1').expect(200)).body.items)).toEqual([]);
    // Monday 9 March: the Friday dates are past; the 20 March one is not yet within 3 working days.
    const breached = (await alerts(http, 'asOf=2026-03-09T09:00:00%2B07:00&kind=breached').expect(200)).body;
    const late = assignedDue(breached.items);
    expect(late.map((item) => item.caseId).sort()).toEqual([caseIds.soon, caseIds.elsewhere].sort());
    expect(late.every((item) => item.kind === 'breached' && item.hoursLeft < 0)).toBe(true);
    // A resolved case raises none.
    expect(breached.items.some((item: AlertItem) => item.caseId === caseIds.resolved)).toBe(false);
  });

  it('judges the deadlines as the case timeline does, with the rule book', async () => {
    const asOf = '2026-03-12T09:00:00+07:00';
    const timeline = (await http.get(`/api/v1/timelines/cases/${caseIds.later}?asOf=${encodeURIComponent(asOf)}`).expect(200)).body;
    const answer = timeline.deadlines.find((deadline: { step: string }) => deadline.step === 'answer');
    const found = (await alerts(http, `asOf=${encodeURIComponent(asOf)}&withinDays=3`).expect(200)).body.items as AlertItem[];
    expect(found.find((item) => item.caseId === caseIds.later && item.step === 'answer')).toMatchObject({
      kind: 'approaching',
      dueAt: answer.dueAt,
    });
  });

  it('links each alert to its case and to the events behind it', async () => {
    const body = (await alerts(http, 'asOf=2026-03-04T09:00:00%2B07:00').expect(200)).body;
    const alert = assignedDue(body.items).find((item) => item.caseId === caseIds.soon)!;
    expect(alert.links.case).toBe(`/api/v1/cases/${caseIds.soon}`);
    expect(alert.evidenceEventIds.length).toBeGreaterThan(0);
    expect(alert.links.evidence).toEqual(alert.evidenceEventIds.map((eventId) => `/api/v1/events/${eventId}`));
    for (const link of alert.links.evidence) expect((await http.get(link)).status).toBe(200);
    expect((await http.get(alert.links.case)).status).toBe(200);
    expect(body.eventLinks[alert.evidenceEventIds[0]]).toBe(alert.links.evidence[0]);
  });

  it('shows a recorder of one commune only its own alerts, whatever the filter', async () => {
    const asOf = 'asOf=2026-03-09T09:00:00%2B07:00&withinDays=10';
    const recorder = subject.as('recorder-gia-tan', ['recorder'], ['gia-tan']);
    const own = (await alerts(recorder, asOf).expect(200)).body.items as AlertItem[];
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((item) => item.caseId))).toEqual(new Set([caseIds.soon, caseIds.later]));
    expect((await alerts(recorder, `${asOf}&unitId=gia-xuyen`).expect(200)).body.items).toEqual([]);
    expect((await alerts(recorder, `${asOf}&officialId=o-lan`).expect(200)).body.items).toEqual([]);
    const other = subject.as('recorder-gia-xuyen', ['recorder'], ['gia-xuyen']);
    expect(new Set(((await alerts(other, asOf).expect(200)).body.items as AlertItem[]).map((item) => item.caseId))).toEqual(
      new Set([caseIds.elsewhere]),
    );
    const district = subject.as('recorder-gia-loc', ['recorder'], ['gia-loc']);
    expect(new Set(((await alerts(district, asOf).expect(200)).body.items as AlertItem[]).map((item) => item.caseId))).toEqual(
      new Set([caseIds.soon, caseIds.later, caseIds.elsewhere]),
    );
  });

  it('filters by unit and by official', async () => {
    const asOf = 'asOf=2026-03-09T09:00:00%2B07:00&withinDays=10';
    const ids = async (query: string) =>
      new Set(((await alerts(http, `${asOf}&${query}`).expect(200)).body.items as AlertItem[]).map((item) => item.caseId));
    expect(await ids('unitId=gia-xuyen')).toEqual(new Set([caseIds.elsewhere]));
    expect(await ids('unitId=gia-loc&below=true')).toEqual(new Set([caseIds.soon, caseIds.later, caseIds.elsewhere]));
    expect(await ids('officialId=o-huong')).toEqual(new Set([caseIds.soon, caseIds.later]));
  });

  it('pages with a cursor, earliest due first, without repeats', async () => {
    const first = (await alerts(http, 'asOf=2026-03-09T09:00:00%2B07:00&limit=1').expect(200)).body;
    expect(first.items).toHaveLength(1);
    expect(first.next).toContain('after=');
    const seen: AlertItem[] = [...first.items];
    let next: string | null = first.next;
    while (next) {
      const page = (await http.get(next).expect(200)).body;
      seen.push(...page.items);
      next = page.next;
    }
    const all = (await alerts(http, 'asOf=2026-03-09T09:00:00%2B07:00&limit=200').expect(200)).body.items as AlertItem[];
    expect(seen.map((item) => item.alertId)).toEqual(all.map((item) => item.alertId));
    expect(new Set(seen.map((item) => item.alertId)).size).toBe(seen.length);
    const dues = all.map((item) => Date.parse(item.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect((await alerts(http, 'after=bm90LWEtY3Vyc29y').expect(400)).body.code).toBe('LIST.CURSOR_INVALID');
  });

  it('answers CSV like the other tables', async () => {
    const response = await alerts(http, 'asOf=2026-03-09T09:00:00%2B07:00&kind=breached&format=csv').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = response.text;
    expect(text.startsWith('\uFEFFalertId,kind,caseId,')).toBe(true);
    expect(text).toContain(caseIds.soon);
    expect(
      text
        .split('\r\n')
        .slice(1, -1)
        .every((line) => line.split(',')[1] === 'breached'),
    ).toBe(true);
  });

  it('refuses a bad filter with a clear error', async () => {
    for (const query of ['kind=late', 'withinDays=-1', 'withinDays=61', 'asOf=yesterday', 'unitId=%20'])
      expect([query, (await alerts(http, query)).status]).toEqual([query, 400]);
  });
});
