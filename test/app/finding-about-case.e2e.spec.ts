import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `2017-03-${day}T${time}:00+07:00`;

/**
 * A visit's finding about a case received before: the finding names the case (caseId), the case's
 * stream records CaseFindingLinked from it, and both sides show the link. Recording it needs
 * cases.receive on the case's unit, as a finding that opens a case does on its unit.
 */
describe('a finding about an existing case', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  let caseId: string;
  let caseOfB: string;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    const post = (path: string, body: object, status = 201) => writes.post(path, body, status);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at('01') });
    await post('/api/v1/units', { unitId: 'huyen', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'tinh', occurredAt: at('01') });
    for (const unitId of ['xa-a', 'xa-b'])
      await post('/api/v1/units', { unitId, name: unitId, kind: 'commune', parentId: 'huyen', occurredAt: at('01') });
    await post('/api/v1/officials', {
      officialId: 'an',
      fullName: 'Nguyễn Văn An',
      position: 'Huyện ủy viên',
      unitId: 'huyen',
      occurredAt: at('01'),
    });
    const received = await post('/api/v1/cases', {
      unitId: 'xa-a',
      category: 'reflection',
      channel: 'hotline',
      summary: 'The dyke wall promised in 2016 is not built',
      occurredAt: at('02'),
    });
    caseId = received.body.caseId;
    caseOfB = (
      await post('/api/v1/cases', { unitId: 'xa-b', category: 'reflection', channel: 'hotline', summary: 'Road', occurredAt: at('02') })
    ).body.caseId;
    await post('/api/v1/visits', {
      visitId: 'v-1',
      kind: 'unscheduled',
      purpose: 'See the dyke',
      unitId: 'xa-a',
      participants: ['an'],
      plannedFor: at('09'),
      occurredAt: at('03'),
    });
    await post(
      '/api/v1/visits/v-1/conduct',
      { startedAt: at('09'), endedAt: at('09', '11:00'), presentParticipants: ['an'], occurredAt: at('09', '12:00') },
      200,
    );
  });

  afterAll(async () => {
    await subject?.close();
  });

  it("refuses a recorder who does not receive cases for the case's unit, and a case never received, writing nothing", async () => {
    const body = { findingId: 'f-0', text: 'Seen', caseId: caseOfB, occurredAt: at('09', '13:00') };
    // A recorder of xa-a may record the findings of a visit to xa-a, not add to the history of a case of xa-b.
    const refused = await subject.as('recorder-a', ['recorder'], ['xa-a']).post('/api/v1/visits/v-1/findings').send(body);
    expect([refused.status, refused.body.code]).toEqual([403, 'AUTH.UNIT_OUT_OF_SCOPE']);
    const unknown = await http.post('/api/v1/visits/v-1/findings').send({ ...body, caseId: 'no-such-case' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'VISIT.FINDING_CASE_UNKNOWN']);
    const both = await http.post('/api/v1/visits/v-1/findings').send({ ...body, openCase: { category: 'reflection', summary: 'Another' } });
    expect([both.status, both.body.code]).toEqual([400, 'VISIT.FINDING_CASE_AMBIGUOUS']);
    expect((await http.get('/api/v1/visits/v-1').expect(200)).body.findings).toEqual([]);
  });

  it("links the finding on both sides: the visit's finding names the case, the case's history and timeline show the finding", async () => {
    const recorder = subject.as('recorder-a', ['recorder'], ['xa-a']);
    const answer = await recorder
      .post('/api/v1/visits/v-1/findings')
      .send({ findingId: 'f-1', text: 'Only 20 m of the 300 m wall is built', severity: 'high', caseId, occurredAt: at('09', '14:00') })
      .expect(200);
    expect(answer.body).toMatchObject({
      findingId: 'f-1',
      caseId,
      findings: [{ findingId: 'f-1', caseId, caseLink: 'concerns' }],
    });
    const position = Number(answer.headers['ledger-position']);

    const theCase = (await http.get(`/api/v1/cases/${caseId}`).expect(200)).body;
    expect(theCase.visitFindings).toEqual([expect.objectContaining({ visitId: 'v-1', findingId: 'f-1', at: at('09', '14:00') })]);
    const history = (await http.get(`/api/v1/cases/${caseId}/history`).expect(200)).body;
    const linked = history.steps.find((step: { type: string }) => step.type === 'CaseFindingLinked');
    expect(linked).toMatchObject({
      globalPosition: position,
      actor: 'recorder-a',
      data: { visitId: 'v-1', findingId: 'f-1', text: 'Only 20 m of the 300 m wall is built', severity: 'high' },
    });
    const timeline = (
      await http.get(`/api/v1/timelines/cases/${caseId}?minPosition=${position}&asOf=${encodeURIComponent(at('20'))}`).expect(200)
    ).body;
    expect(timeline.steps.map((step: { step: string }) => step.step)).toEqual(['received', 'visit-finding']);

    // A faithful repeat links nothing twice.
    await recorder
      .post('/api/v1/visits/v-1/findings')
      .send({ findingId: 'f-1', text: 'Only 20 m of the 300 m wall is built', severity: 'high', caseId, occurredAt: at('09', '14:00') })
      .expect(200);
    const again = (await http.get(`/api/v1/cases/${caseId}/history`).expect(200)).body;
    expect(again.steps.filter((step: { type: string }) => step.type === 'CaseFindingLinked')).toHaveLength(1);
  });

  it("refuses a finding dated before the case's last fact: the case's history stays in time order", async () => {
    await writes.post(`/api/v1/cases/${caseId}/acknowledgements`, { occurredAt: at('10') }, 200);
    const late = await http
      .post('/api/v1/visits/v-1/findings')
      .send({ findingId: 'f-2', text: 'Seen again', caseId, occurredAt: at('09', '15:00') });
    expect([late.status, late.body.code]).toEqual([409, 'VISIT.FINDING_BEFORE_CASE_FACT']);
  });
});
