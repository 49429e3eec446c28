import request from 'supertest';
import { embeddedSecret } from '../../src/auth/jwt/embedded-secret.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { testToken } from '../support/test-tokens.js';

const at = (day: string, time = '08:00') => `2017-03-${day}T${time}:00+07:00`;

/**
 * Who did it, beside who recorded it: a token may name the official its holder is (the `official`
 * claim), and every fact recorded with it names them in its metadata; a clerk recording an
 * acknowledgement or an action for an official names them in the fact (byOfficialId).
 */
describe('the acting official', () => {
  let subject: TestApp;
  let caseId: string;
  const as = (sub: string, officialId?: string) =>
    request
      .agent(subject.app.getHttpServer())
      .set(
        'Authorization',
        `Bearer ${testToken(embeddedSecret(subject.dataDir), { subject: sub, roles: ['official'], units: ['xa-a'], ttlSeconds: 600, ...(officialId ? { officialId } : {}) })}`,
      );

  beforeAll(async () => {
    subject = await startTestApp();
    const post = (path: string, body: object) => subject.http.post(path).send(body).expect(201);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at('01') });
    await post('/api/v1/units', { unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'tinh', occurredAt: at('01') });
    await post('/api/v1/officials', {
      officialId: 'an',
      fullName: 'Nguyễn Văn An',
      position: 'Chủ tịch UBND xã',
      unitId: 'xa-a',
      occurredAt: at('01'),
    });
    await post('/api/v1/officials', {
      officialId: 'binh',
      fullName: 'Trần Thị Bình',
      position: 'Phó Chủ tịch UBND xã',
      unitId: 'xa-a',
      occurredAt: at('01'),
    });
    caseId = (
      await post('/api/v1/cases', { unitId: 'xa-a', category: 'reflection', channel: 'hotline', summary: 'Canal', occurredAt: at('02') })
    ).body.caseId;
  });

  afterAll(async () => {
    await subject?.close();
  });

  it("names the token's official in the metadata of what they record, and the official a clerk records for in the fact", async () => {
    await as('an-login', 'an')
      .post(`/api/v1/cases/${caseId}/acknowledgements`)
      .send({ occurredAt: at('02', '09:00') })
      .expect(200);
    await as('van-thu-1')
      .post(`/api/v1/cases/${caseId}/actions`)
      .send({ description: 'Visited the canal with the chairman', byOfficialId: 'an', occurredAt: at('03') })
      .expect(200);
    const unknown = await as('van-thu-1')
      .post(`/api/v1/cases/${caseId}/actions`)
      .send({ description: 'x', byOfficialId: 'nobody', occurredAt: at('04') });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'CASE.OFFICIAL_UNKNOWN']);

    const { steps } = (await subject.http.get(`/api/v1/cases/${caseId}/history`).expect(200)).body;
    expect(steps.map(({ type, actor, officialId, data }: Record<string, unknown>) => ({ type, actor, officialId, data }))).toEqual([
      expect.objectContaining({ type: 'CaseReceived', actor: 'test-superuser', officialId: null }),
      { type: 'CaseAcknowledged', actor: 'an-login', officialId: 'an', data: { note: null } },
      {
        type: 'CaseActionRecorded',
        actor: 'van-thu-1',
        officialId: null,
        data: { description: 'Visited the canal with the chairman', byOfficialId: 'an' },
      },
    ]);
  });

  it('counts in the review the acts of the official a clerk named, and of the official the token names, not of its subject', async () => {
    const other = (
      await subject.http
        .post('/api/v1/cases')
        .send({ unitId: 'xa-a', category: 'reflection', channel: 'hotline', summary: 'Road', occurredAt: at('05') })
        .expect(201)
    ).body.caseId;
    const byClerk = await as('van-thu-1')
      .post(`/api/v1/cases/${other}/actions`)
      .send({ description: 'Measured the road for Ms Bình', byOfficialId: 'binh', occurredAt: at('06') })
      .expect(200);
    const byAn = await as('an-login', 'an')
      .post(`/api/v1/cases/${other}/actions`)
      .send({ description: 'Met the residents', occurredAt: at('07') })
      .expect(200);
    const bySubjectOnly = await as('binh')
      .post(`/api/v1/cases/${other}/actions`)
      .send({ description: 'A login named like an official names no one', occurredAt: at('08') })
      .expect(200);

    const lastEventOf = (answer: request.Response) => (answer.body.events as { eventId: string }[]).at(-1)!.eventId;
    const review = async (officialId: string) =>
      (
        await subject.http
          .get(
            `/api/v1/officials/${officialId}/review?minPosition=${bySubjectOnly.headers['ledger-position']}&from=2017-03-01&to=2017-03-31`,
          )
          .expect(200)
      ).body.caseActs;
    const binh = await review('binh');
    const an = await review('an');

    expect(binh.actions).toEqual({ count: 1, evidence: [lastEventOf(byClerk)] });
    expect(binh.acknowledgements.count).toBe(0);
    // An's acknowledgement (recorded with his token) and the action a clerk recorded for him in the first test, then his own.
    expect(an.acknowledgements.count).toBe(1);
    expect(an.actions.count).toBe(2);
    expect(an.actions.evidence).toContain(lastEventOf(byAn));

    // The review's CSV has a row for each of the two act counts, with the same figures and evidence.
    const csv = await subject.http
      .get(
        `/api/v1/officials/an/review?minPosition=${bySubjectOnly.headers['ledger-position']}&from=2017-03-01&to=2017-03-31&format=csv&bom=false`,
      )
      .expect(200);
    const rows = csv.text.split('\r\n').filter((line) => line.startsWith('caseActs.'));
    expect(rows).toEqual([
      `caseActs.acknowledgements,1,${an.acknowledgements.evidence.join(' ')}`,
      `caseActs.actions,2,${an.actions.evidence.join(' ')}`,
    ]);
  });
});
