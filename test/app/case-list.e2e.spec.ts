import { ledgerWriter, recordProvince, type LedgerWriter } from '../support/province-fixture.js';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

/**
 * GET /api/v1/cases: the case list and its search, read from the lists read model. A Hải Dương
 * district with two communes; a recorder of one commune must never see the other's matters, in a
 * list or a search, whatever the filter.
 */
describe('the case list and search', () => {
  let subject: TestApp;
  let http: Http;
  let writer: LedgerWriter;
  const caseIds: Record<string, string> = {};

  const post = (path: string, body: object, expected?: number) => writer.post(path, body, expected);
  const list = (as: Http, query: string) => writer.get(as, `/api/v1/cases?${query}`);
  const idsOf = (body: { items: { caseId: string }[] }) => body.items.map((item) => item.caseId).sort();

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writer = ledgerWriter(http);
    const at = '2026-03-02T08:00:00+07:00';
    await recordProvince(writer, at);
    const receive = async (name: string, unitId: string, summary: string, category = 'reflection', occurredAt = at) => {
      caseIds[name] = (
        await post('/api/v1/cases', {
          unitId,
          category,
          channel: 'citizen-reception',
          summary,
          reporter: { name: 'Nguyễn Văn Bí Mật', phone: '0912 345 678' },
          occurredAt,
        })
      ).body.caseId;
    };
    await receive('pollution', 'gia-tan', 'Ô nhiễm môi trường ở thôn Đông', 'reflection', '2026-03-02T09:00:00+07:00');
    await receive('dyke', 'gia-tan', 'Đê bị sạt lở, ông Phạm Quang Hưởng đã báo', 'incident', '2026-03-03T09:00:00+07:00');
    await receive('elsewhere', 'gia-xuyen', 'Ô nhiễm nguồn nước ở Gia Xuyên', 'denunciation', '2026-03-04T09:00:00+07:00');
    await receive('merged', 'gia-hoa', 'Đường làng hỏng', 'petition', '2026-03-05T09:00:00+07:00');
    const dyke = `/api/v1/cases/${caseIds.dyke}`;
    await post(`${dyke}/acknowledgements`, { occurredAt: '2026-03-03T10:00:00+07:00' }, 200);
    await post(`${dyke}/classifications`, { classification: 'must-report', reason: 'Dyke', occurredAt: '2026-03-03T10:05:00+07:00' }, 200);
    await post(
      `${dyke}/assignments`,
      { officialId: 'o-huong', dueAt: '2026-03-06T17:00:00+07:00', occurredAt: '2026-03-03T10:10:00+07:00' },
      200,
    );
    await post(`${dyke}/actions`, { description: 'Đã gia cố tạm bằng bao cát', occurredAt: '2026-03-03T11:00:00+07:00' }, 200);
    const pollution = `/api/v1/cases/${caseIds.pollution}`;
    await post(
      `${pollution}/assignments`,
      { officialId: 'o-huong', dueAt: '2026-03-20T17:00:00+07:00', occurredAt: '2026-03-02T10:00:00+07:00' },
      200,
    );
    await post('/api/v1/units/gia-hoa/mergers', { intoUnitId: 'gia-tan', occurredAt: '2026-03-06T08:00:00+07:00' }, 200);
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it('finds Vietnamese text with or without its diacritics, and keeps the original for display', async () => {
    for (const q of ['o nhiem', 'ô nhiễm', 'Ô NHIỄM', 'o nhi']) {
      const found = (await list(http, `q=${encodeURIComponent(q)}`).expect(200)).body;
      expect([q, idsOf(found)]).toEqual([q, [caseIds.pollution, caseIds.elsewhere].sort()]);
    }
    const huong = (await list(http, 'q=Huong').expect(200)).body;
    expect(idsOf(huong)).toEqual([caseIds.dyke]);
    expect(huong.items[0]).toMatchObject({
      summary: 'Đê bị sạt lở, ông Phạm Quang Hưởng đã báo',
      actionCount: 1,
      classification: 'must-report',
      assignee: { officialId: 'o-huong', unitId: null },
    });
    expect(idsOf((await list(http, 'q=de').expect(200)).body)).toEqual([caseIds.dyke]);
    expect(idsOf((await list(http, `q=${encodeURIComponent('đê')}`).expect(200)).body)).toEqual([caseIds.dyke]);
    // Actions are searched too.
    expect(idsOf((await list(http, 'q=bao%20cat').expect(200)).body)).toEqual([caseIds.dyke]);
    expect((await list(http, 'q=%22%29%28*').expect(200)).body.items).toEqual([]);
  });

  it('shows a recorder of one commune only its matters, in the list and in a search', async () => {
    const recorder = subject.as('recorder-gia-tan', ['recorder'], ['gia-tan']);
    const all = (await list(recorder, '').expect(200)).body;
    expect(idsOf(all)).toEqual([caseIds.pollution, caseIds.dyke].sort());
    const searched = (await list(recorder, 'q=o%20nhiem').expect(200)).body;
    expect(idsOf(searched)).toEqual([caseIds.pollution]);
    // A filter naming the other commune does not widen the scope.
    expect((await list(recorder, 'unitId=gia-xuyen').expect(200)).body.items).toEqual([]);
    const other = subject.as('recorder-gia-xuyen', ['recorder'], ['gia-xuyen']);
    expect(idsOf((await list(other, 'q=o%20nhiem').expect(200)).body)).toEqual([caseIds.elsewhere]);
    // The district's recorder sees the communes under it.
    const district = subject.as('recorder-gia-loc', ['recorder'], ['gia-loc']);
    expect((await list(district, '').expect(200)).body.items).toHaveLength(4);
  });

  it('lets an official see what is assigned to them outside the units they serve', async () => {
    const official = subject.as('o-huong', ['official'], ['gia-xuyen']);
    expect(idsOf((await list(official, 'assignedOfficialId=o-huong').expect(200)).body)).toEqual([caseIds.pollution, caseIds.dyke].sort());
  });

  it('never shows a reporter in a list', async () => {
    const body = (await list(http, '').expect(200)).body;
    expect(body.items).toHaveLength(4);
    expect(JSON.stringify(body)).not.toContain('Bí Mật');
    expect(JSON.stringify(body)).not.toContain('0912');
    for (const item of body.items) expect(item).not.toHaveProperty('reporter');
  });

  it('filters by unit, following merged units, with or without the units below', async () => {
    expect(idsOf((await list(http, 'unitId=gia-tan').expect(200)).body)).toEqual([caseIds.pollution, caseIds.dyke, caseIds.merged].sort());
    expect((await list(http, 'unitId=gia-loc').expect(200)).body.items).toEqual([]);
    expect((await list(http, 'unitId=gia-loc&below=true').expect(200)).body.items).toHaveLength(4);
  });

  it('filters by category, classification, status, channel and received period', async () => {
    expect(idsOf((await list(http, 'category=incident').expect(200)).body)).toEqual([caseIds.dyke]);
    expect(idsOf((await list(http, 'classification=must-report').expect(200)).body)).toEqual([caseIds.dyke]);
    expect((await list(http, 'classification=unclassified').expect(200)).body.items).toHaveLength(3);
    expect((await list(http, 'status=resolved').expect(200)).body.items).toEqual([]);
    expect((await list(http, 'channel=letter').expect(200)).body.items).toEqual([]);
    const period = 'receivedFrom=2026-03-03T00:00:00%2B07:00&receivedTo=2026-03-05T00:00:00%2B07:00';
    expect(idsOf((await list(http, period).expect(200)).body)).toEqual([caseIds.dyke, caseIds.elsewhere].sort());
    expect(idsOf((await list(http, 'notReportedUpward=true').expect(200)).body)).toEqual([caseIds.dyke]);
  });

  it('judges overdue and due within N working days as of a moment, by the working-day calendar', async () => {
    // Friday 6 March 2026, 18:00: the dyke (due 6 March 17:00) is overdue; the pollution (due 20 March) is not.
    const friday = encodeURIComponent('2026-03-06T18:00:00+07:00');
    expect(idsOf((await list(http, `overdue=true&asOf=${friday}`).expect(200)).body)).toEqual([caseIds.dyke]);
    // Wednesday 4 March: 2 working days reach Friday 6 March (the dyke), not Friday 20 March.
    const wednesday = encodeURIComponent('2026-03-04T08:00:00+07:00');
    expect(idsOf((await list(http, `dueWithinWorkingDays=2&asOf=${wednesday}`).expect(200)).body)).toEqual([caseIds.dyke]);
    // 12 working days from Wednesday 4 March reach Friday 20 March: the weekends are not counted.
    expect((await list(http, `dueWithinWorkingDays=11&asOf=${wednesday}`).expect(200)).body.items).toHaveLength(1);
    expect((await list(http, `dueWithinWorkingDays=12&asOf=${wednesday}`).expect(200)).body.items).toHaveLength(2);
  });

  it('pages with a stable cursor and a next link, in the order asked', async () => {
    const seen: string[] = [];
    let next: string | null = `/api/v1/cases?minPosition=${writer.position()}&sort=received&limit=1`;
    while (next !== null) {
      const page: { items: { caseId: string }[]; next: string | null } = (await http.get(next).expect(200)).body;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((item) => item.caseId));
      next = page.next;
    }
    expect(seen).toEqual([caseIds.pollution, caseIds.dyke, caseIds.elsewhere, caseIds.merged]);
    const newest = (await list(http, 'limit=2').expect(200)).body;
    expect(newest.items.map((item: { caseId: string }) => item.caseId)).toEqual([caseIds.merged, caseIds.elsewhere]);
    const byDue = (await list(http, 'sort=due').expect(200)).body;
    expect(byDue.items.slice(0, 2).map((item: { caseId: string }) => item.caseId)).toEqual([caseIds.dyke, caseIds.pollution]);
  });

  it('counts the whole filtered list when asked, whichever page it answers', async () => {
    const first = (await list(http, 'unitId=gia-loc&below=true&limit=1&count=true').expect(200)).body;
    expect(first).toMatchObject({ total: 4 });
    expect(first.items).toHaveLength(1);
    expect((await http.get(first.next).expect(200)).body).toMatchObject({ total: 4 });
    expect((await list(http, 'q=o%20nhiem&count=true').expect(200)).body.total).toBe(2);
    expect((await list(http, 'notReportedUpward=true&count=true').expect(200)).body.total).toBe(1);
    expect((await list(http, 'q=%21%21&count=true').expect(200)).body.total).toBe(0);
    expect((await list(http, 'limit=1').expect(200)).body).not.toHaveProperty('total');
  });

  it('exports the whole filtered list as CSV, whatever the page size, never a reporter', async () => {
    const response = await list(http, 'unitId=gia-loc&below=true&sort=received&limit=1&format=csv').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="cases.csv"');
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(
      /^caseId,status,category,channel,classification,complexity,summary,receivedUnitId,currentUnitId,assignedOfficialId,/,
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([caseIds.pollution, caseIds.dyke, caseIds.elsewhere, caseIds.merged]);
    expect(response.text).toContain('Ô nhiễm môi trường ở thôn Đông');
    expect(response.text).not.toContain('Bí Mật');
    const searched = await list(http, 'q=o%20nhiem&format=csv&bom=false').expect(200);
    expect(searched.text.trim().split('\r\n')).toHaveLength(3);
  });

  it('refuses a cursor it did not give, a limit over 200 and a malformed filter with 400', async () => {
    const newest = (await list(http, 'limit=1').expect(200)).body;
    expect((await list(http, `sort=due&after=${newest.nextAfter}`).expect(400)).body.code).toBe('LIST.CURSOR_INVALID');
    expect((await list(http, 'after=bm9wZQ').expect(400)).body.code).toBe('LIST.CURSOR_INVALID');
    expect((await list(http, 'limit=201').expect(400)).body.code).toBe('VALIDATION.FAILED');
    expect((await list(http, 'overdue=maybe').expect(400)).body.code).toBe('VALIDATION.FAILED');
    expect((await list(http, 'receivedFrom=yesterday').expect(400)).body.code).toBe('VALIDATION.FAILED');
  });
});
