import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

/** GET /api/v1/cases: the suspended filter, and the list as a CSV table. */
describe('the case list: suspended cases, and CSV', () => {
  let subject: TestApp;
  let http: Http;
  let position = 0;
  const caseIds: Record<string, string> = {};
  const ground = 'Law on Denunciations 25/2018/QH14, art. 34';

  const post = async (path: string, body: object, expected = 200) => {
    const response = await http.post(path).send(body);
    if (response.status !== expected) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    position = Math.max(position, Number(response.headers['ledger-position'] ?? 0));
    return response;
  };
  const list = (query: string) => http.get(`/api/v1/cases?minPosition=${position}&${query}`);
  const idsOf = (body: { items: { caseId: string }[] }) => body.items.map((item) => item.caseId).sort();

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    const at = '2026-03-02T08:00:00+07:00';
    await post('/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }, 201);
    const receive = async (name: string, summary: string) => {
      caseIds[name] = (
        await post(
          '/api/v1/cases',
          {
            unitId: 'hai-duong',
            category: 'denunciation',
            channel: 'letter',
            summary,
            reporter: { name: 'Nguyễn Văn Bí Mật', phone: '0912 345 678' },
            occurredAt: '2026-03-02T09:00:00+07:00',
          },
          201,
        )
      ).body.caseId;
      await post(`/api/v1/cases/${caseIds[name]}/acknowledgements`, { occurredAt: '2026-03-02T10:00:00+07:00' });
    };
    await receive('suspended', 'Tranh chấp đất, chờ bản án');
    await receive('resumed', '=HYPERLINK("x"), "quoted", a, b');
    await receive('running', 'Ô nhiễm nguồn nước');
    for (const name of ['suspended', 'resumed'])
      await post(`/api/v1/cases/${caseIds[name]}/suspensions`, {
        reason: 'Chờ bản án',
        legalGround: ground,
        occurredAt: '2026-03-03T09:00:00+07:00',
      });
    await post(`/api/v1/cases/${caseIds.resumed}/resumptions`, {
      reason: 'Đã có bản án',
      legalGround: ground,
      occurredAt: '2026-03-04T09:00:00+07:00',
    });
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it('lists the cases suspended now, or those whose handling runs', async () => {
    const suspended = (await list('suspended=true').expect(200)).body;
    expect(idsOf(suspended)).toEqual([caseIds.suspended]);
    expect(suspended.items[0].suspendedAt).toBe('2026-03-03T09:00:00+07:00');
    const running = (await list('suspended=false').expect(200)).body;
    expect(idsOf(running)).toEqual([caseIds.resumed, caseIds.running].sort());
    expect(running.items.every((item: { suspendedAt: string | null }) => item.suspendedAt === null)).toBe(true);
    expect((await list('suspended=maybe')).status).toBe(400);
  });

  it('answers the page as CSV, with a byte-order mark unless bom=false, and never a reporter', async () => {
    const response = await list('format=csv&sort=received').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="cases.csv"');
    expect(response.text.startsWith('\uFEFFcaseId,status,category,channel,')).toBe(true);
    const lines = response.text.split('\r\n');
    expect(lines).toHaveLength(5);
    expect(response.text).toContain(caseIds.running);
    expect(response.text).toContain('Ô nhiễm nguồn nước');
    // RFC 4180 quoting, and a formula neutralised.
    expect(response.text).toContain(`"'=HYPERLINK(""x""), ""quoted"", a, b"`);
    expect(response.text).not.toContain('Bí Mật');
    expect(response.text).not.toContain('0912');
    const plain = await http.get(`/api/v1/cases?minPosition=${position}&suspended=true&bom=false`).set('Accept', 'text/csv').expect(200);
    expect(plain.text.startsWith('caseId,')).toBe(true);
    expect(plain.text.split('\r\n')[1]).toContain(caseIds.suspended);
  });

  it('exports every case the filters find whatever the page size, so no next page is linked', async () => {
    const all = await list('format=csv&limit=1').expect(200);
    expect(all.text.trim().split('\r\n').length).toBeGreaterThan(2);
    expect(all.headers.link).toBeUndefined();
    expect(all.headers['ledger-next-after']).toBeUndefined();
  });
});
