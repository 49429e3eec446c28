import request from 'supertest';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

/**
 * The tree of the day. Given a commune under its district until 2025-07-01, when the district level
 * was abolished and the commune moved under the province: a 2024 matter of the commune has the
 * district (and the District Party Committee attached to it) as its upper levels, a 2026 matter has
 * the province, and the district can be named for the 2026 one neither as informed, nor as reported
 * to, nor as escalated to. The district's reach (its recorder's scope, its lists, the review of the
 * member in charge of it) covers the 2024 matter and not the 2026 one.
 */
describe('upper levels, scope, lists and reviews by the tree of the matter’s day', () => {
  let subject: TestApp;
  let http: Http;
  let writes: TrackedWrites;
  let recorderOfDistrict: Http;
  let recorderOfProvince: Http;
  const cases: Record<'of2024' | 'of2026' | 'escalated2024', string> = { of2024: '', of2026: '', escalated2024: '' };
  const post = (path: string, body: object, status = 201) => writes.post(path, body, status);
  const at = (day: string, time = '08:00') => `${day}T${time}:00+07:00`;
  const receive = async (day: string, summary: string) => {
    const caseId = (await post('/api/v1/cases', { unitId: 'xa', category: 'petition', channel: 'hotline', summary, occurredAt: at(day) }))
      .body.caseId as string;
    await post(
      `/api/v1/cases/${caseId}/classifications`,
      { classification: 'must-report', reason: 'Dyke', occurredAt: at(day, '09:00') },
      200,
    );
    return caseId;
  };
  const refusal = async (path: string, body: object) => {
    const answer = await http.post(path).send(body);
    return [answer.status, answer.body.code];
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    const unit = (unitId: string, kind: string, parentId?: string) =>
      post('/api/v1/units', { unitId, name: unitId, kind, ...(parentId ? { parentId } : {}), occurredAt: at('2020-01-01') });
    await unit('tinh', 'province');
    await unit('huyen', 'district', 'tinh');
    await unit('huyen-uy', 'party-committee', 'huyen');
    await unit('xa', 'commune', 'huyen');
    await post('/api/v1/officials', {
      officialId: 'binh',
      fullName: 'Trần Văn Bình',
      position: 'Huyện ủy viên',
      unitId: 'huyen',
      occurredAt: at('2020-01-01'),
    });
    await post('/api/v1/officials/binh/assignments', {
      unitId: 'huyen',
      role: 'committee-member-in-charge',
      from: '2020-01-01',
      occurredAt: at('2020-01-01'),
    });
    cases.of2024 = await receive('2024-03-04', 'Landslide near the dyke');
    cases.escalated2024 = await receive('2024-04-01', 'Broken sluice gate');
    await post(
      '/api/v1/units/xa/moves',
      { toParentId: 'tinh', effectiveOn: '2025-07-01', legalBasis: 'Nghị quyết 202/2025/QH15', occurredAt: at('2025-07-01') },
      200,
    );
    cases.of2026 = await receive('2026-03-04', 'Landslide again');
    recorderOfDistrict = subject.as('recorder-huyen', ['recorder'], ['huyen']);
    recorderOfProvince = subject.as('recorder-tinh', ['recorder'], ['tinh']);
  });

  afterAll(async () => {
    await subject?.close();
  });

  it('takes the District Party Committee as informed and the district as reported to for the 2024 matter', async () => {
    await post(
      `/api/v1/cases/${cases.of2024}/upper-level-notices`,
      { unitId: 'huyen-uy', channel: 'media', occurredAt: at('2024-03-05') },
      200,
    );
    await post(
      `/api/v1/cases/${cases.of2024}/upward-reports`,
      { officialId: 'binh', toUnitId: 'huyen', occurredAt: at('2024-03-06') },
      200,
    );
  });

  it('escalates a 2024 matter to the District Party Committee, a unit attached to the level above', async () => {
    const escalated = await post(
      `/api/v1/cases/${cases.escalated2024}/escalations`,
      { toUnitId: 'huyen-uy', reason: 'Beyond the commune', occurredAt: at('2024-04-02') },
      200,
    );
    expect(escalated.body.currentUnitId).toBe('huyen-uy');
  });

  it('refuses the district and its Party committee as upper levels of the 2026 matter, and takes the province', async () => {
    const path = `/api/v1/cases/${cases.of2026}`;
    expect(await refusal(`${path}/upper-level-notices`, { unitId: 'huyen', channel: 'media', occurredAt: at('2026-03-05') })).toEqual([
      409,
      'CASE.NOT_UPPER_LEVEL',
    ]);
    expect(await refusal(`${path}/upper-level-notices`, { unitId: 'huyen-uy', channel: 'media', occurredAt: at('2026-03-05') })).toEqual([
      409,
      'CASE.NOT_UPPER_LEVEL',
    ]);
    expect(await refusal(`${path}/upward-reports`, { officialId: 'binh', toUnitId: 'huyen', occurredAt: at('2026-03-05') })).toEqual([
      409,
      'CASE.REPORT_NOT_UPWARD',
    ]);
    expect(await refusal(`${path}/escalations`, { toUnitId: 'huyen', reason: 'x', occurredAt: at('2026-03-05') })).toEqual([
      409,
      'CASE.ESCALATION_NOT_UPWARD',
    ]);
    await post(`${path}/upper-level-notices`, { unitId: 'tinh', channel: 'media', occurredAt: at('2026-03-05') }, 200);
    await post(`${path}/upward-reports`, { officialId: 'binh', toUnitId: 'tinh', occurredAt: at('2026-03-06') }, 200);
  });

  it("lets the district's recorder read the commune's 2024 matter and not its 2026 one; the province's reads both", async () => {
    await recorderOfDistrict.get(`/api/v1/cases/${cases.of2024}`).expect(200);
    expect((await recorderOfDistrict.get(`/api/v1/cases/${cases.of2026}`).expect(403)).body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    await recorderOfProvince.get(`/api/v1/cases/${cases.of2024}`).expect(200);
    await recorderOfProvince.get(`/api/v1/cases/${cases.of2026}`).expect(200);
  });

  it('lists under the district the 2024 matters of the commune, not the 2026 one, for a filter and for a scope', async () => {
    const ids = (answer: request.Response) => (answer.body.items as { caseId: string }[]).map((item) => item.caseId).sort();
    const filtered = await http.get(`/api/v1/cases?minPosition=${writes.position}&unitId=huyen&below=true`).expect(200);
    expect(ids(filtered)).toEqual([cases.of2024, cases.escalated2024].sort());
    const scoped = await recorderOfDistrict.get(`/api/v1/cases?minPosition=${writes.position}`).expect(200);
    expect(ids(scoped)).toEqual([cases.of2024, cases.escalated2024].sort());
    const underProvince = await http.get(`/api/v1/cases?minPosition=${writes.position}&unitId=tinh&below=true`).expect(200);
    expect(ids(underProvince)).toEqual([cases.of2024, cases.of2026, cases.escalated2024].sort());
  });

  it("counts the 2024 pre-emption in the district member's review, and not the 2026 one", async () => {
    const review = async (from: string, to: string) =>
      (await http.get(`/api/v1/officials/binh/review?minPosition=${writes.position}&from=${from}&to=${to}`).expect(200)).body;
    const of2024 = await review('2024-01-01', '2024-12-31');
    expect(of2024.preemptions.matters).toEqual([expect.objectContaining({ caseId: cases.of2024 })]);
    const of2026 = await review('2026-01-01', '2026-12-31');
    expect(of2026.preemptions.total.count).toBe(0);
  });
});
