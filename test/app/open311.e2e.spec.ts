import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('Open311 GeoReport v2 intake', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    await http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: '2017-01-01T00:00:00+07:00' })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  const submit = (fields: Record<string, string>) => http.post('/open311/v2/requests.json').type('form').send(fields);

  it('lists the services, one per case category', async () => {
    const services = await http.get('/open311/v2/services.json').expect(200);
    expect(services.body.map((service: { service_code: string }) => service.service_code)).toEqual([
      'complaint',
      'denunciation',
      'petition',
      'reflection',
      'proposal',
      'incident',
    ]);
    expect(services.body[0]).toMatchObject({ metadata: false, type: 'realtime' });
  });

  it('takes a form-encoded report and follows it as a case', async () => {
    const created = await submit({
      jurisdiction_id: 'gia-loc',
      service_code: 'reflection',
      description: 'Khói và mùi từ xưởng nhuộm gần trường học',
      address_string: 'Thôn Cậy, xã Gia Tân',
      lat: '20.8697',
      long: '106.2319',
      first_name: 'Nguyễn',
      last_name: 'Văn A',
      email: 'a@example.vn',
    }).expect(201);
    const [{ service_request_id: id }] = created.body;
    expect(id).toEqual(expect.any(String));

    const [one] = (await http.get(`/open311/v2/requests/${id}.json`).expect(200)).body;
    expect(one).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'reflection',
      description: 'Khói và mùi từ xưởng nhuộm gần trường học',
      agency_responsible: 'Huyện Gia Lộc',
      address: 'Thôn Cậy, xã Gia Tân',
      lat: 20.8697,
      long: 106.2319,
    });
    expect(JSON.stringify(one)).not.toContain('a@example.vn'); // the reporter's data is not public

    const caseView = (await http.get(`/api/v1/cases/${id}`).expect(200)).body;
    expect(caseView).toMatchObject({ channel: 'online', currentUnitId: 'gia-loc' });

    await http.post(`/api/v1/cases/${id}/resolutions`).send({ outcome: 'The works installed filters' }).expect(200);
    const [after] = (await http.get(`/open311/v2/requests/${id}.json`).expect(200)).body;
    expect(after).toMatchObject({ status: 'closed', status_notes: 'Resolved: The works installed filters' });
  });

  it('lists requests with status, service_code and date filters', async () => {
    const [{ service_request_id: incident }] = (
      await submit({
        jurisdiction_id: 'gia-loc',
        service_code: 'incident',
        description: 'Tụ tập đông người',
        address_string: 'Xã Thống Nhất',
      }).expect(201)
    ).body;
    const all = (await http.get('/open311/v2/requests.json').expect(200)).body as { service_request_id: string; status: string }[];
    expect(all.map((item) => item.service_request_id)).toContain(incident);
    const open = (await http.get('/open311/v2/requests.json?status=open&service_code=incident').expect(200)).body as {
      service_request_id: string;
      status: string;
    }[];
    expect(open.map((item) => item.service_request_id)).toEqual([incident]);
    expect((await http.get('/open311/v2/requests.json?end_date=2010-01-01T00:00:00Z').expect(200)).body).toEqual([]);
    const byId = (await http.get(`/open311/v2/requests.json?service_request_id=${incident}`).expect(200)).body;
    expect(byId).toHaveLength(1);
  });

  it('lists a request under its corrected category once the receipt is corrected', async () => {
    const [{ service_request_id: id }] = (
      await submit({
        jurisdiction_id: 'gia-loc',
        service_code: 'petition',
        description: 'Đề nghị sửa cầu',
        address_string: 'Xã Gia Tân',
      }).expect(201)
    ).body;
    const receipt = (await http.get(`/api/v1/cases/${id}`).expect(200)).body.events[0] as { eventId: string; type: string };
    expect(receipt.type).toBe('CaseReceived');

    await http
      .post(`/api/v1/cases/${id}/corrections`)
      .send({ eventId: receipt.eventId, reason: 'A proposal, not a petition', fields: { category: 'proposal' } })
      .expect(200);

    const listed = async (code: string): Promise<string[]> =>
      ((await http.get(`/open311/v2/requests.json?service_code=${code}`).expect(200)).body as { service_request_id: string }[]).map(
        (item) => item.service_request_id,
      );
    expect(await listed('proposal')).toContain(id);
    expect(await listed('petition')).not.toContain(id);
  });

  it.each([
    ['an unknown service', { jurisdiction_id: 'gia-loc', service_code: 'pothole', description: 'x', address_string: 'y' }, 400],
    ['no location', { jurisdiction_id: 'gia-loc', service_code: 'incident', description: 'x' }, 400],
    ['no description', { jurisdiction_id: 'gia-loc', service_code: 'incident', address_string: 'y' }, 400],
    ['an unknown jurisdiction', { jurisdiction_id: 'atlantis', service_code: 'incident', description: 'x', address_string: 'y' }, 422],
    ['a latitude out of range', { jurisdiction_id: 'gia-loc', service_code: 'incident', description: 'x', lat: '120', long: '106' }, 400],
  ])('refuses %s in the specification error format', async (_, fields, status) => {
    const response = await submit(fields).expect(status);
    expect(response.body).toEqual([{ code: status, description: expect.any(String), error_code: expect.any(String) }]);
  });

  it('answers an unknown request id with 404 in the specification error format', async () => {
    const response = await http.get('/open311/v2/requests/no-such-request.json').expect(404);
    expect(response.body).toEqual([{ code: 404, description: expect.any(String), error_code: 'NOT_FOUND' }]);
  });

  it('refuses a bad date filter', async () => {
    const response = await http.get('/open311/v2/requests.json?start_date=yesterday').expect(400);
    expect(response.body[0]).toMatchObject({ code: 400 });
  });
});
