import { createHash } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

const at = '2017-01-01T00:00:00+07:00';
const conduct = {
  startedAt: '2017-03-09T08:00:00+07:00',
  endedAt: '2017-03-09T11:30:00+07:00',
  presentParticipants: ['o-gia-loc'],
};

/**
 * Unit scope holds on every way into a case: a recorder of Gia Lộc (A) reaches nothing of Tứ Kỳ (B),
 * neither through the cases API, nor through Open311, nor by opening a case there from a finding.
 */
describe('unit scope across the API, Open311 and visit findings', () => {
  let subject: TestApp;
  let store: EventStore;
  let recorderOfA: Http;
  let caseInA: string;
  let denunciationInB: string;

  const receive = async (unitId: string, category: string, summary: string) =>
    (await subject.http.post('/api/v1/cases').send({ unitId, category, channel: 'letter', summary }).expect(201)).body.caseId as string;

  beforeAll(async () => {
    subject = await startTestApp();
    store = subject.app.get<EventStore>(EVENT_STORE);
    const http = subject.http;
    await http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
    for (const [unitId, name] of [
      ['gia-loc', 'Huyện Gia Lộc'],
      ['tu-ky', 'Huyện Tứ Kỳ'],
    ])
      await http.post('/api/v1/units').send({ unitId, name, kind: 'district', parentId: 'hai-duong', occurredAt: at }).expect(201);
    await http
      .post('/api/v1/officials')
      .send({ officialId: 'o-gia-loc', fullName: 'Nguyễn Văn A', position: 'Phó Bí thư', unitId: 'gia-loc', occurredAt: at })
      .expect(201);
    recorderOfA = subject.as('recorder-a', ['recorder'], ['gia-loc']);
    caseInA = await receive('gia-loc', 'reflection', 'Flooded road to the school');
    denunciationInB = await receive('tu-ky', 'denunciation', 'The chairman of Tứ Kỳ takes money for land permits');
  });
  afterAll(async () => {
    await subject.close();
  });

  describe('Open311 reads apply the scope of cases.read', () => {
    it("refuses a recorder of A the single read of B's denunciation, as the cases API does", async () => {
      expect((await recorderOfA.get(`/api/v1/cases/${denunciationInB}`).expect(403)).body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
      const refused = await recorderOfA.get(`/open311/v2/requests/${denunciationInB}.json`).expect(403);
      expect(refused.body).toEqual([{ code: 403, description: expect.any(String), error_code: 'AUTH.UNIT_OUT_OF_SCOPE' }]);
      expect(refused.text).not.toContain('chairman');
    });

    it("lists only the recorder's own cases, even when asked for B's by id", async () => {
      const listed = (await recorderOfA.get('/open311/v2/requests.json').expect(200)).body as { service_request_id: string }[];
      expect(listed.map((request) => request.service_request_id)).toEqual([caseInA]);
      const byId = await recorderOfA.get(`/open311/v2/requests.json?service_request_id=${denunciationInB},${caseInA}`).expect(200);
      expect(byId.body.map((request: { service_request_id: string }) => request.service_request_id)).toEqual([caseInA]);
      expect(byId.text).not.toContain('chairman');
    });

    it('shows an inspector both, as the cases API does', async () => {
      const inspector = subject.as('inspector-1', ['inspector']);
      const listed = (await inspector.get('/open311/v2/requests.json').expect(200)).body as { service_request_id: string }[];
      expect(listed.map((request) => request.service_request_id).sort()).toEqual([caseInA, denunciationInB].sort());
      const [one] = (await inspector.get(`/open311/v2/requests/${denunciationInB}.json`).expect(200)).body;
      expect(one.description).toBe('The chairman of Tứ Kỳ takes money for land permits');
    });

    it('shows an admin nothing: the role cannot read cases', async () => {
      const admin = subject.as('admin-1', ['admin']);
      await admin.get(`/api/v1/cases/${caseInA}`).expect(403);
      for (const path of ['/open311/v2/requests.json', `/open311/v2/requests/${caseInA}.json`]) {
        const refused = await admin.get(path).expect(403);
        expect(refused.body[0].error_code).toBe('AUTH.ROLE_REQUIRED');
      }
    });
  });

  describe("a citizen's status token", () => {
    const submit = (fields: Record<string, string>, key?: string) => {
      const post = subject.anonymous.post('/open311/v2/requests.json').type('form');
      return (key ? post.set('Idempotency-Key', key) : post).send(fields);
    };
    const denunciation = {
      jurisdiction_id: 'tu-ky',
      service_code: 'denunciation',
      description: 'The land officer of Tứ Kỳ asked me for 20 million đồng',
      address_string: 'Xã Hà Kỳ',
      email: 'citizen@example.vn',
      first_name: 'Trần',
      last_name: 'Thị C',
    };

    it('is answered with the submission, high-entropy, and only its hash is recorded', async () => {
      const [answer] = (await submit(denunciation).expect(201)).body;
      expect(answer).toMatchObject({ service_request_id: expect.any(String), account_id: null });
      expect(answer.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      const [received] = await store.readStream(`case-${answer.service_request_id}`);
      expect(received.data.statusTokenHash).toBe(createHash('sha256').update(answer.token).digest('hex'));
      expect(JSON.stringify(received)).not.toContain(answer.token);
    });

    it("reads that request's status alone, without a staff token: no description, no reporter, no place", async () => {
      const [{ service_request_id: id, token }] = (await submit(denunciation).expect(201)).body;
      for (const read of [
        subject.anonymous.get(`/open311/v2/requests/${id}.json?token=${token}`),
        subject.anonymous.get(`/open311/v2/requests/${id}.json`).set('X-Status-Token', token),
      ]) {
        const response = await read.expect(200);
        expect(response.body).toEqual([
          expect.objectContaining({
            service_request_id: id,
            status: 'open',
            status_notes: 'Received.',
            service_code: 'denunciation',
            agency_responsible: 'Huyện Tứ Kỳ',
            description: null,
            address: null,
            lat: null,
            long: null,
          }),
        ]);
        expect(response.text).not.toMatch(/20 million|citizen@example|Trần|Hà Kỳ/);
      }
    });

    it('never reads another request, nor lists any, and a wrong token is refused like no token at all', async () => {
      const [{ service_request_id: first, token }] = (await submit(denunciation).expect(201)).body;
      const [{ service_request_id: second }] = (await submit({ ...denunciation, description: 'Another matter' }).expect(201)).body;
      const other = await subject.anonymous.get(`/open311/v2/requests/${second}.json?token=${token}`).expect(403);
      expect(other.body).toEqual([{ code: 403, description: expect.any(String), error_code: 'OPEN311.STATUS_TOKEN_INVALID' }]);
      expect(other.text).not.toContain('Another matter');
      const wrong = await subject.anonymous.get(`/open311/v2/requests/${first}.json?token=${'A'.repeat(43)}`).expect(403);
      expect(wrong.body[0].error_code).toBe('OPEN311.STATUS_TOKEN_INVALID');
      const unknown = await subject.anonymous.get(`/open311/v2/requests/no-such-request.json?token=${token}`).expect(403);
      expect(unknown.body[0].error_code).toBe('OPEN311.STATUS_TOKEN_INVALID');
      expect((await subject.anonymous.get(`/open311/v2/requests/${first}.json`).expect(401)).body[0].error_code).toBe('AUTH.TOKEN_MISSING');
      expect((await subject.anonymous.get(`/open311/v2/requests.json?token=${token}`).expect(401)).body[0].error_code).toBe(
        'AUTH.TOKEN_MISSING',
      );
    });

    it('is the same on a repeated submission (same Idempotency-Key), so a citizen who lost the answer gets it again', async () => {
      const [first] = (await submit(denunciation, 'citizen-app-7f3a').expect(201)).body;
      const again = await submit(denunciation, 'citizen-app-7f3a').expect(201);
      expect(again.body[0]).toMatchObject({ service_request_id: first.service_request_id, token: first.token });
    });

    it("follows the status to the end: a denunciation's outcome stays hidden, another report's answer is shown", async () => {
      const [{ service_request_id: denounced, token: denouncedToken }] = (await submit(denunciation).expect(201)).body;
      const [{ service_request_id: reflected, token: reflectedToken }] = (
        await submit({ ...denunciation, service_code: 'reflection', description: 'Broken street light' }).expect(201)
      ).body;
      for (const id of [denounced, reflected])
        await subject.http.post(`/api/v1/cases/${id}/resolutions`).send({ outcome: 'Officer disciplined; light repaired' }).expect(200);
      const [closedDenunciation] = (
        await subject.anonymous.get(`/open311/v2/requests/${denounced}.json?token=${denouncedToken}`).expect(200)
      ).body;
      expect(closedDenunciation).toMatchObject({ status: 'closed', status_notes: 'Resolved.' });
      const [closedReflection] = (await subject.anonymous.get(`/open311/v2/requests/${reflected}.json?token=${reflectedToken}`).expect(200))
        .body;
      expect(closedReflection).toMatchObject({ status: 'closed', status_notes: 'Resolved: Officer disciplined; light repaired' });
    });
  });

  describe('a visit finding opening a case', () => {
    beforeAll(async () => {
      await subject.http
        .post('/api/v1/visits')
        .send({
          visitId: 'visit-a',
          kind: 'unscheduled',
          purpose: 'Check the land recovery',
          unitId: 'gia-loc',
          participants: ['o-gia-loc'],
          plannedFor: '2017-03-09T08:00:00+07:00',
          occurredAt: '2017-03-01T08:00:00+07:00',
        })
        .expect(201);
      await subject.http.post('/api/v1/visits/visit-a/conduct').send(conduct).expect(200);
    });

    it("needs cases.receive on the case's unit: a recorder of A cannot open a case in B, and nothing is written", async () => {
      const head = await store.headPosition();
      const refused = await recorderOfA
        .post('/api/v1/visits/visit-a/findings')
        .send({ text: 'Households from Tứ Kỳ complain', openCase: { category: 'complaint', summary: 'Land of Tứ Kỳ', unitId: 'tu-ky' } })
        .expect(403);
      expect(refused.body).toMatchObject({ code: 'AUTH.UNIT_OUT_OF_SCOPE', details: { permission: 'cases.receive', unitId: 'tu-ky' } });
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream('visit-visit-a')).toHaveLength(2);
    });

    it("lets the same recorder open one in A, by default the visit's unit", async () => {
      const found = await recorderOfA
        .post('/api/v1/visits/visit-a/findings')
        .send({ text: 'The road is flooded', openCase: { category: 'reflection', summary: 'Flooded road' } })
        .expect(200);
      expect((await recorderOfA.get(`/api/v1/cases/${found.body.caseId}`).expect(200)).body.currentUnitId).toBe('gia-loc');
    });
  });
});
