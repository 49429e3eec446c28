import request from 'supertest';
import { INDICATORS } from '../../src/evaluations/evaluation.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `2024-${day}T${time}:00+07:00`;

/**
 * A district with a commune. An is in charge of the commune for the first quarter of 2024 and misses
 * February's cell meeting; the district learns of a must-report matter before An reports it. Bình leads
 * the district all year; Chi works in another district and is not part of this one's evaluation.
 */
describe('the annual evaluation over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  let caseId: string;

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    const unit = (unitId: string, kind: string, parentId?: string) =>
      post('/api/v1/units', { unitId, name: unitId, kind, parentId, occurredAt: at('01-01') });
    await unit('tinh', 'province');
    await unit('huyen', 'district', 'tinh');
    await unit('huyen-khac', 'district', 'tinh');
    await unit('xa-a', 'commune', 'huyen');
    await unit('dang-uy-xa-a', 'party-committee', 'xa-a');
    await unit('chi-bo-1', 'party-cell', 'xa-a');
    const official = async (officialId: string, fullName: string, unitId: string, role: string, to?: string) => {
      await post('/api/v1/officials', { officialId, fullName, position: 'Ủy viên', unitId, occurredAt: at('01-01') });
      await post(`/api/v1/officials/${officialId}/assignments`, { unitId, role, from: '2024-01-01', to, occurredAt: at('01-01') });
    };
    await official('an', 'Nguyễn Văn An', 'xa-a', 'committee-member-in-charge', '2024-03-31');
    await official('binh', 'Trần Thị "Bình", Phó Chủ tịch', 'huyen', 'leader');
    await official('chi', 'Lê Văn Chi', 'huyen-khac', 'committee-member-in-charge');
    const meeting = (meetingId: string, unitId: string, kind: string, day: string, attendees = ['an']) =>
      post('/api/v1/meetings', { meetingId, unitId, kind, heldAt: at(day), attendees });
    await meeting('m-jan-committee', 'dang-uy-xa-a', 'party-committee', '01-10');
    await meeting('m-jan-cell', 'chi-bo-1', 'party-cell', '01-15');
    await meeting('m-feb-committee', 'dang-uy-xa-a', 'party-committee', '02-14');
    await meeting('m-feb-cell', 'chi-bo-1', 'party-cell', '02-20', ['binh']);
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

  type Evaluation = { officialId: string; fullName: string; indicators: Record<string, { count: number; evidence: string[] }> };
  const evaluate = async (query: string): Promise<{ year: number; officials: Evaluation[] }> =>
    (await http.get(`/api/v1/evaluations/2024?minPosition=${writes.position}&${query}`).expect(200)).body;

  it('puts side by side every official assigned to the unit or a unit under it during the year, each figure with its evidence', async () => {
    const body = await evaluate('unitId=huyen');
    expect(body.year).toBe(2024);
    expect(body.officials.map((official) => official.officialId)).toEqual(['an', 'binh']);
    const [an, binh] = body.officials;
    expect(Object.keys(an.indicators)).toEqual([...INDICATORS]);
    expect(an.fullName).toBe('Nguyễn Văn An');
    expect(Object.fromEntries(Object.entries(an.indicators).map(([name, figure]) => [name, figure.count]))).toEqual({
      assignments: 1,
      monthsRequired: 3,
      monthsMet: 2,
      monthsMissed: 1,
      monthsNoMeetingHeld: 0,
      monthsUnjudged: 0,
      visitsConducted: 0,
      visitsCancelled: 0,
      casesHandled: 0,
      casesOnTime: 0,
      casesLate: 0,
      casesOverdue: 0,
      acknowledgements: 0,
      caseActions: 0,
      mustReportLate: 0,
      mustReportNever: 0,
      mustReportUnjudged: 0,
      preemptions: 1,
      reviewsOpened: 0,
      reviewsConcluded: 0,
    });
    const { body: trail } = await http
      .get(`/api/v1/audit?minPosition=${writes.position}&caseId=${caseId}&type=UpperLevelInformed`)
      .expect(200);
    expect(an.indicators.preemptions.evidence).toContain(trail.entries[0].eventId);
    expect(an.indicators.monthsMissed.evidence.length).toBeGreaterThan(0);
    expect(binh.indicators.assignments.count).toBe(1);
    expect(binh.indicators.monthsRequired.count).toBe(0); // a leader's role carries no monthly duty by default
  });

  it("gives each official of a unit the same figures as their own evaluation (the group's records cut per official lose nothing)", async () => {
    const group = await evaluate('unitId=tinh');
    expect(group.officials.length).toBeGreaterThan(1);
    for (const official of group.officials) {
      const alone = await evaluate(`officialId=${official.officialId}`);
      expect(alone.officials).toEqual([official]);
    }
  });

  it('evaluates one official, and sorts by an indicator', async () => {
    expect((await evaluate('officialId=chi')).officials.map((official) => official.officialId)).toEqual(['chi']);
    expect((await evaluate('unitId=huyen&sort=preemptions&order=asc')).officials.map((official) => official.officialId)).toEqual([
      'binh',
      'an',
    ]);
    expect((await evaluate('unitId=tinh&sort=monthsMissed&order=desc')).officials.map((official) => official.officialId)).toEqual([
      'an',
      'binh',
      'chi',
    ]); // Chi's district held no meeting all year: not Chi's miss
    expect((await evaluate('unitId=tinh&sort=monthsNoMeetingHeld&order=desc')).officials.map((official) => official.officialId)).toEqual([
      'chi',
      'an',
      'binh',
    ]);
  });

  it('exports the same evaluation as CSV: a count and a space-separated evidence column per indicator', async () => {
    const response = await http.get(`/api/v1/evaluations/2024.csv?minPosition=${writes.position}&unitId=huyen&bom=false`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(['officialId', 'fullName', ...INDICATORS.flatMap((name) => [name, `${name}Evidence`])].join(','));
    expect(lines).toHaveLength(4); // header, two officials, the empty string after the last CRLF
    const json = (await evaluate('unitId=huyen')).officials;
    const an = lines[1].split(',');
    expect(an.slice(0, 2)).toEqual(['an', 'Nguyễn Văn An']);
    const preemptions = 2 + 2 * INDICATORS.indexOf('preemptions');
    expect(an.slice(preemptions, preemptions + 2)).toEqual(['1', json[0].indicators.preemptions.evidence.join(' ')]);
    expect(lines[2].startsWith('binh,"Trần Thị ""Bình"", Phó Chủ tịch",1,')).toBe(true);
  });

  it('refuses a year out of range, both or neither subject, an unknown sort; 404 for an unknown subject', async () => {
    expect((await http.get('/api/v1/evaluations/1999?unitId=huyen').expect(400)).body.code).toBe('EVALUATION.YEAR_OUT_OF_RANGE');
    expect((await http.get('/api/v1/evaluations/2101.csv?unitId=huyen').expect(400)).body.code).toBe('EVALUATION.YEAR_OUT_OF_RANGE');
    expect((await http.get('/api/v1/evaluations/twenty?unitId=huyen').expect(400)).body.code).toBe('EVALUATION.YEAR_OUT_OF_RANGE');
    expect((await http.get('/api/v1/evaluations/2024?unitId=huyen&officialId=an').expect(400)).body.code).toBe('EVALUATION.ONE_SUBJECT');
    expect((await http.get('/api/v1/evaluations/2024').expect(400)).body.code).toBe('EVALUATION.ONE_SUBJECT');
    await http.get('/api/v1/evaluations/2024?unitId=huyen&sort=salary').expect(400);
    await http.get(`/api/v1/evaluations/2024?minPosition=${writes.position}&unitId=nowhere`).expect(404);
    await http.get(`/api/v1/evaluations/2024?minPosition=${writes.position}&officialId=nobody`).expect(404);
  });
});
