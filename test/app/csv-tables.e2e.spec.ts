import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

const at = '2017-01-02T08:00:00+07:00';
const BOM = '\uFEFF';

/** Every read a person may want as a table answers CSV on format=csv or Accept: text/csv. */
describe('reads as CSV tables', () => {
  let subject: TestApp;
  let http: Http;
  let caseId: string;
  let minPosition: number;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    const unit = (unitId: string, name: string, kind: string, parentId?: string) =>
      http.post('/api/v1/units').send({ unitId, name, kind, parentId, occurredAt: at }).expect(201);
    await unit('hai-duong', 'Tỉnh Hải Dương', 'province');
    await unit('gia-tan', 'Xã Gia Tân', 'commune', 'hai-duong');
    await http
      .post('/api/v1/officials')
      .send({
        officialId: 'o-gia-tan',
        fullName: 'Phạm Quang "Hưởng", Chủ tịch',
        position: 'Chủ tịch UBND',
        unitId: 'gia-tan',
        occurredAt: at,
      })
      .expect(201);
    const received = await http
      .post('/api/v1/cases')
      .send({ unitId: 'gia-tan', category: 'complaint', channel: 'letter', summary: 'Ô nhiễm, "khói" bụi\nở chợ', occurredAt: at })
      .expect(201);
    caseId = received.body.caseId;
    const assigned = await http
      .post(`/api/v1/cases/${caseId}/assignments`)
      .send({ officialId: 'o-gia-tan', dueAt: '2017-01-20T17:00:00+07:00', occurredAt: '2017-01-03T08:00:00+07:00' })
      .expect(200);
    minPosition = Number(assigned.headers['ledger-position']);
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  const asOf = '2017-06-01T00:00:00+07:00';

  it.each([
    ['the overdue list', () => `/api/v1/timelines/overdue?asOf=${encodeURIComponent(asOf)}`, 'caseId,category,step,status,', 'overdue.csv'],
    [
      'a case timeline',
      () => `/api/v1/timelines/cases/${caseId}?asOf=${encodeURIComponent(asOf)}`,
      'caseId,step,status,ruleId,',
      'timeline-{caseId}.csv',
    ],
    ['the audit trail', () => `/api/v1/audit?caseId=${caseId}`, 'globalPosition,streamId,', 'audit.csv'],
    ['an evaluation', () => '/api/v1/evaluations/2017?officialId=o-gia-tan', 'officialId,fullName,', 'evaluation-2017.csv'],
    [
      'a responsibility review',
      () => '/api/v1/officials/o-gia-tan/review?from=2017-01-01&to=2017-12-31',
      'figure,count,evidence',
      'review-o-gia-tan-2017-01-01-2017-12-31.csv',
    ],
  ])('answers %s as CSV on format=csv and on Accept: text/csv, with a BOM unless bom=false', async (_, path, header, filename) => {
    const url = `${path()}&minPosition=${minPosition}`;
    const byFormat = await http.get(`${url}&format=csv`).expect(200);
    expect(byFormat.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byFormat.headers['content-disposition']).toBe(`attachment; filename="${filename.replace('{caseId}', caseId)}"`);
    expect(byFormat.text.startsWith(`${BOM}${header}`)).toBe(true);
    expect(byFormat.text.endsWith('\r\n')).toBe(true);
    const byAccept = await http.get(url).set('Accept', 'text/csv').expect(200);
    expect(byAccept.text).toBe(byFormat.text);
    const withoutBom = await http.get(`${url}&format=csv&bom=false`).expect(200);
    expect(withoutBom.text).toBe(byFormat.text.slice(1));
    const json = await http.get(url).set('Accept', 'text/csv').query({ format: 'json' }).expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  it('quotes text with commas and quotes, keeps its Vietnamese, and links every event of the audit trail', async () => {
    const evaluation = await http.get(`/api/v1/evaluations/2017?officialId=o-gia-tan&format=csv&minPosition=${minPosition}`).expect(200);
    expect(evaluation.text.split('\r\n')[1]).toMatch(/^o-gia-tan,"Phạm Quang ""Hưởng"", Chủ tịch",/);
    const page = await http.get(`/api/v1/audit?caseId=${caseId}&format=csv&minPosition=${minPosition}`).expect(200);
    const rows = page.text.slice(1).split('\r\n');
    expect(rows[0]!.split(',').at(-1)).toBe('eventLink');
    expect(rows[1]).toMatch(/,\/api\/v1\/events\/[0-9a-f-]{36}$/);
    const timeline = await http.get(`/api/v1/timelines/cases/${caseId}?format=csv&minPosition=${minPosition}`).expect(200);
    expect(timeline.text.split('\r\n').length).toBeGreaterThan(2);
  });

  it('refuses an unknown format or a bom that is not true or false, as problem details', async () => {
    for (const query of ['format=xlsx', 'format=csv&bom=maybe']) {
      const response = await http.get(`/api/v1/timelines/overdue?${query}`).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION.FAILED');
    }
  });
});
