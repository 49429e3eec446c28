import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `${day}T${time}:00+07:00`;
const endOf = (day: string) => `${day}T23:59:59.999+07:00`;

type Deadline = { step: string; dueAt: string | null; rule: { ruleId: string; limit: number; remoteArea: boolean } | null };

/**
 * Given a mountain commune designated a remote area (vùng sâu, vùng xa) from 2013-01-01, and a lowland
 * commune designated only from 2014-03-04, when each receives a complaint on Monday 2014-03-03,
 * accepted on Wednesday 5 March, then complaint-resolve-2012 (Law 02/2011/QH13 art. 28) gives the
 * mountain commune's complaint 45 days (Saturday 19 April: due Monday 21 April), and the lowland
 * commune's the ordinary 30 (Friday 4 April): a designation effective after the receipt day does not
 * change a case's limits.
 */
describe('remote areas over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;
  const cases: Record<string, string> = {};
  const decision = 'Quyết định 2405/QĐ-TTg';

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);
  const receive = async (unitId: string) => {
    const received = await post('/api/v1/cases', {
      unitId,
      category: 'complaint',
      channel: 'letter',
      summary: `Land at ${unitId}`,
      occurredAt: at('2014-03-03'),
    });
    const caseId = (received.headers.location as string).split('/').pop()!;
    await post(`/api/v1/cases/${caseId}/acknowledgements`, { occurredAt: at('2014-03-05', '10:00') }, 200);
    cases[unitId] = caseId;
  };
  const resolveDeadline = async (unitId: string): Promise<Deadline> => {
    const { body } = await http.get(`/api/v1/timelines/cases/${cases[unitId]}?minPosition=${writes.position}`).expect(200);
    return (body.deadlines as Deadline[]).find((deadline) => deadline.step === 'resolve')!;
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    await post('/api/v1/units', { unitId: 'tinh', name: 'Tỉnh Bắc Giang', kind: 'province', occurredAt: at('2012-01-01') });
    for (const unitId of ['xa-nui', 'xa-dong'])
      await post('/api/v1/units', { unitId, name: unitId, kind: 'commune', parentId: 'tinh', occurredAt: at('2012-01-01') });
    await post(
      '/api/v1/units/xa-nui/remote-area',
      { remote: true, effectiveOn: '2013-01-01', legalBasis: decision, occurredAt: at('2013-01-02') },
      200,
    );
    await receive('xa-nui');
    await receive('xa-dong');
    await post(
      '/api/v1/units/xa-dong/remote-area',
      { remote: true, effectiveOn: '2014-03-04', legalBasis: decision, occurredAt: at('2014-03-04') },
      200,
    );
  });
  afterAll(async () => {
    await subject.close();
  });

  it('shows the designation in the unit and in the units list', async () => {
    const { body } = await http.get('/api/v1/units/xa-nui').expect(200);
    expect(body.remoteArea).toEqual([{ remote: true, from: '2013-01-01', legalBasis: decision, eventId: body.events[1].eventId }]);
    const listed = await http.get('/api/v1/units').query({ q: 'xa-nui', minPosition: writes.position }).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ unitId: 'xa-nui', remoteArea: body.remoteArea })]);
  });

  it('gives the complaint of the remote commune 45 days to resolve, by the remote-area limit of art. 28', async () => {
    expect(await resolveDeadline('xa-nui')).toMatchObject({
      dueAt: endOf('2014-04-21'),
      rule: { ruleId: 'complaint-resolve-2012', limit: 45, remoteArea: true },
    });
  });

  it('keeps the 30 days of a commune designated only after the receipt day', async () => {
    expect(await resolveDeadline('xa-dong')).toMatchObject({
      dueAt: endOf('2014-04-04'),
      rule: { ruleId: 'complaint-resolve-2012', limit: 30, remoteArea: false },
    });
  });

  it.each([
    ['a designation already in force', 'xa-nui', { effectiveOn: '2014-01-01' }, 409, 'UNIT.REMOTE_AREA_UNCHANGED'],
    ['a change on or before the last one', 'xa-nui', { remote: false, effectiveOn: '2013-01-01' }, 409, 'UNIT.REMOTE_AREA_OUT_OF_ORDER'],
    ['a change effective after the day it is recorded', 'tinh', { effectiveOn: '2014-03-06' }, 422, 'UNIT.REMOTE_AREA_NOT_YET_EFFECTIVE'],
    ['a flag that is no boolean', 'tinh', { remote: 'yes' }, 400, 'VALIDATION.FAILED'],
    ['no legal basis', 'tinh', { legalBasis: '' }, 400, 'VALIDATION.FAILED'],
    ['an unknown unit', 'nowhere', {}, 404, 'NOT_FOUND'],
  ])('refuses %s, writing nothing', async (_, unitId, change, status, code) => {
    const before = await http.get(`/api/v1/units/${unitId}`);
    const body = { remote: true, effectiveOn: '2014-03-05', legalBasis: decision, occurredAt: at('2014-03-05'), ...change };
    const refused = await http.post(`/api/v1/units/${unitId}/remote-area`).send(body).expect(status);
    expect(refused.body.code).toBe(code);
    expect((await http.get(`/api/v1/units/${unitId}`)).headers.etag).toBe(before.headers.etag);
  });
});
