import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `2024-${day}T${time}:00+07:00`;

/**
 * A commune in a district; An is the committee member in charge of the commune for the first quarter of
 * 2024. January and March have both meetings with An; in February the cell met without An. A must-report matter
 * reaches the district by the media the day before An reports it upward: a pre-emption.
 */
describe('the responsibility review over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  let caseId: string;

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);
  const eventIdOf = async (caseOf: string, type: string): Promise<string> => {
    const { body } = await http.get(`/api/v1/audit?minPosition=${writes.position}&caseId=${caseOf}&type=${type}`).expect(200);
    return body.entries[0].eventId as string;
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at('01-01') });
    await post('/api/v1/units', { unitId: 'huyen', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'tinh', occurredAt: at('01-01') });
    await post('/api/v1/units', { unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'huyen', occurredAt: at('01-01') });
    await post('/api/v1/units', {
      unitId: 'dang-uy-xa-a',
      name: 'Đảng ủy xã A',
      kind: 'party-committee',
      parentId: 'xa-a',
      occurredAt: at('01-01'),
    });
    await post('/api/v1/units', {
      unitId: 'chi-bo-1',
      name: 'Chi bộ thôn 1',
      kind: 'party-cell',
      parentId: 'xa-a',
      occurredAt: at('01-01'),
    });
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
      to: '2024-03-31',
      occurredAt: at('01-01'),
    });
    await post('/api/v1/officials', {
      officialId: 'cuong',
      fullName: 'Phạm Văn Cường',
      position: 'Bí thư chi bộ',
      unitId: 'xa-a',
      occurredAt: at('01-01'),
    });
    const meeting = (meetingId: string, unitId: string, kind: string, day: string, attendees = ['an']) =>
      post('/api/v1/meetings', { meetingId, unitId, kind, heldAt: at(day), attendees });
    await meeting('m-jan-committee', 'dang-uy-xa-a', 'party-committee', '01-10');
    await meeting('m-jan-cell', 'chi-bo-1', 'party-cell', '01-15');
    await meeting('m-feb-committee', 'dang-uy-xa-a', 'party-committee', '02-14');
    await meeting('m-feb-cell', 'chi-bo-1', 'party-cell', '02-20', ['cuong']);
    await meeting('m-mar-committee', 'dang-uy-xa-a', 'party-committee', '03-11');
    await meeting('m-mar-cell', 'chi-bo-1', 'party-cell', '03-12');
    const received = await post('/api/v1/cases', {
      unitId: 'xa-a',
      category: 'petition',
      channel: 'hotline',
      summary: 'Landslide near the dyke',
      occurredAt: at('03-04'),
    });
    caseId = (received.headers.location as string).split('/').pop()!;
    await post(
      `/api/v1/cases/${caseId}/classifications`,
      { classification: 'must-report', reason: 'Threatens the dyke', occurredAt: at('03-04', '09:00') },
      200,
    );
    await post(`/api/v1/cases/${caseId}/upper-level-notices`, { unitId: 'huyen', channel: 'media', occurredAt: at('03-05') }, 200);
    await post(`/api/v1/cases/${caseId}/upward-reports`, { officialId: 'an', toUnitId: 'huyen', occurredAt: at('03-06') }, 200);
  });
  afterAll(async () => {
    await subject.close();
  });

  const review = async (query: string) =>
    (await http.get(`/api/v1/officials/an/review?minPosition=${writes.position}&${query}`).expect(200)).body;

  it('shows the assignment, the month missed with what it lacked, and the months met', async () => {
    const body = await review('from=2024-01-01&to=2024-03-31');
    expect(body.officialId).toBe('an');
    expect(body.period).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(body.assignments).toEqual([
      expect.objectContaining({ unitId: 'xa-a', role: 'committee-member-in-charge', from: '2024-01-01', to: '2024-03-31', inCharge: true }),
    ]);
    const months = body.attendance[0].months as { month: string; status: string; missing: string[]; evidence: string[] }[];
    expect(months.map((month) => `${month.month} ${month.status}`)).toEqual(['2024-01 met', '2024-02 missed', '2024-03 met']);
    expect(months[1].missing).toEqual(['party-cell']);
    expect(body.monthsMissed.count).toBe(1);
    expect(body.monthsMissed.evidence).toEqual(months[1].evidence);
    expect(months[1].evidence).toEqual(expect.arrayContaining(body.assignments[0].evidence));
  });

  it('shows the pre-emption with the events it rests on, and the must-report matter reported on time', async () => {
    const body = await review('from=2024-01-01&to=2024-03-31');
    const [received, informed, reported] = [
      await eventIdOf(caseId, 'CaseReceived'),
      await eventIdOf(caseId, 'UpperLevelInformed'),
      await eventIdOf(caseId, 'CaseReportedUpward'),
    ];
    expect(body.preemptions.total.count).toBe(1);
    expect(body.preemptions.matters).toEqual([
      expect.objectContaining({
        caseId,
        unitId: 'xa-a',
        classification: 'must-report',
        upperLevelInformedAt: at('03-05'),
        firstReportedAt: at('03-06'),
        alsoInCharge: [],
      }),
    ]);
    expect(body.preemptions.total.evidence).toEqual(expect.arrayContaining([received, informed, reported]));
    expect(body.mustReport.matters).toEqual([expect.objectContaining({ caseId, status: 'on-time', reportedAt: at('03-06') })]);
  });

  it('counts only the period asked for', async () => {
    const body = await review('from=2024-01-01&to=2024-01-31');
    expect(body.attendance[0].months.map((month: { month: string }) => month.month)).toEqual(['2024-01']);
    expect(body.preemptions.total.count).toBe(0);
  });

  it('answers 404 for an unknown official and 400 for bad periods', async () => {
    expect(
      (await http.get(`/api/v1/officials/nobody/review?minPosition=${writes.position}&from=2024-01-01&to=2024-03-31`).expect(404)).body
        .code,
    ).toBe('NOT_FOUND');
    expect((await http.get('/api/v1/officials/an/review?from=2024-03-01&to=2024-01-31').expect(400)).body.code).toBe('REVIEW.EMPTY_PERIOD');
    expect((await http.get('/api/v1/officials/an/review?from=2019-01-01&to=2024-01-01').expect(400)).body.code).toBe(
      'REVIEW.PERIOD_TOO_LONG',
    );
    await http.get('/api/v1/officials/an/review?from=2019-01-01&to=2023-12-31').expect(200);
    await http.get('/api/v1/officials/an/review?from=2024-02-30&to=2024-03-31').expect(400);
    await http.get('/api/v1/officials/an/review?to=2024-03-31').expect(400);
  });
});
