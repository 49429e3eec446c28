import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `2024-${day}T${time}:00+07:00`;

/**
 * The seed's central case: "nếu Ban Thường vụ Huyện ủy nắm được thông tin trước cấp ủy viên phụ trách
 * sẽ kiểm điểm trách nhiệm cá nhân". The District Standing Committee, under the District Party
 * Committee, attached to the district above the commune, is an upper level of the commune's matter:
 * it may be named as having learned first, An may report to the District Party Committee, and the
 * review counts the pre-emption. The commune's own Party committee is not above the commune.
 */
describe('upper levels include the Party line of the level above', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  let caseId: string;
  const post = (path: string, body: object, status = 201) => writes.post(path, body, status);

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    const unit = (unitId: string, kind: string, parentId?: string) =>
      post('/api/v1/units', { unitId, name: unitId, kind, ...(parentId ? { parentId } : {}), occurredAt: at('01-01') });
    await unit('tinh', 'province');
    await unit('huyen', 'district', 'tinh');
    await unit('huyen-uy', 'party-committee', 'huyen');
    await unit('btv-huyen-uy', 'standing-committee', 'huyen-uy');
    await unit('xa-a', 'commune', 'huyen');
    await unit('dang-uy-xa-a', 'party-committee', 'xa-a');
    await post('/api/v1/officials', {
      officialId: 'an',
      fullName: 'Nguyễn Văn An',
      position: 'Huyện ủy viên',
      unitId: 'huyen',
      occurredAt: at('01-01'),
    });
    await post('/api/v1/officials/an/assignments', {
      unitId: 'xa-a',
      role: 'committee-member-in-charge',
      from: '2024-01-01',
      occurredAt: at('01-01'),
    });
    caseId = (
      await post('/api/v1/cases', {
        unitId: 'xa-a',
        category: 'petition',
        channel: 'hotline',
        summary: 'Landslide near the dyke',
        occurredAt: at('03-04'),
      })
    ).body.caseId;
    await post(
      `/api/v1/cases/${caseId}/classifications`,
      { classification: 'must-report', reason: 'Threatens the dyke', occurredAt: at('03-04', '09:00') },
      200,
    );
  });

  afterAll(async () => {
    await subject?.close();
  });

  it("refuses the commune's own Party committee as an upper level, and a standing committee anywhere but under its committee", async () => {
    const own = await http
      .post(`/api/v1/cases/${caseId}/upper-level-notices`)
      .send({ unitId: 'dang-uy-xa-a', channel: 'media', occurredAt: at('03-05') });
    expect([own.status, own.body.code]).toEqual([409, 'CASE.NOT_UPPER_LEVEL']);
    const misplaced = await http
      .post('/api/v1/units')
      .send({ unitId: 'btv-x', name: 'BTV', kind: 'standing-committee', parentId: 'huyen', occurredAt: at('01-02') });
    expect([misplaced.status, misplaced.body.code]).toEqual([422, 'UNIT.STANDING_COMMITTEE_PARENT']);
  });

  it('records the District Standing Committee learning first and the report to the District Party Committee, and the review counts the pre-emption', async () => {
    await post(`/api/v1/cases/${caseId}/upper-level-notices`, { unitId: 'btv-huyen-uy', channel: 'media', occurredAt: at('03-05') }, 200);
    await post(`/api/v1/cases/${caseId}/upward-reports`, { officialId: 'an', toUnitId: 'huyen-uy', occurredAt: at('03-06') }, 200);
    const review = (await http.get(`/api/v1/officials/an/review?minPosition=${writes.position}&from=2024-03-01&to=2024-03-31`).expect(200))
      .body;
    expect(review.preemptions.total.count).toBe(1);
    expect(review.preemptions.matters).toEqual([expect.objectContaining({ caseId })]);
  });
});
