/**
 * Cross-unit and cross-role probes against the built service, over HTTP only. A recorder and an
 * official of Gia Lộc (A) try everything on Tứ Kỳ's (B) cases, visits, meetings and Open311 requests,
 * and on a finding that would open a case in B; an admin tries to read cases. Every probe carries a
 * valid body (a caller the matrix allowed would write), is refused with the right status and code,
 * and writes nothing: the ledger's head does not move and no event carries the probe's correlation id.
 */
import { LedgerProcess } from './support/ledger-process.js';

const at = '2017-01-01T00:00:00+07:00';
const plan = (visitId: string, unitId: string) => ({
  visitId,
  kind: 'periodic',
  purpose: 'Check the land recovery',
  unitId,
  participants: [`o-${unitId}`],
  plannedFor: '2017-03-09T08:00:00+07:00',
  occurredAt: '2017-03-01T08:00:00+07:00',
});
const conduct = (unitId: string) => ({
  startedAt: '2017-03-09T08:00:00+07:00',
  endedAt: '2017-03-09T11:00:00+07:00',
  presentParticipants: [`o-${unitId}`],
});
const meeting = (meetingId: string, unitId: string) => ({
  meetingId,
  unitId,
  kind: 'party-cell',
  heldAt: '2017-03-10T08:00:00+07:00',
  attendees: [`o-${unitId}`],
});

type Probe = readonly [caller: string, method: string, path: string, body: unknown, status: number, code: string];

describe('cross-unit and cross-role probes against the running service', () => {
  let service: LedgerProcess;
  let superuser: string;
  const tokens = new Map<string, string>();
  const ids = { caseA: '', caseB: '', requestB: '', receivedB: '' };

  async function must(method: string, path: string, json: unknown, status: number): Promise<Record<string, unknown>> {
    const response = await service.request(method, path, { token: superuser, json });
    if (response.status !== status) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.json() as Record<string, unknown>;
  }

  beforeAll(async () => {
    // No checkpoint is signed in the background, so the head moves only by the probes' writes.
    service = await LedgerProcess.create({ LEDGER_CHECKPOINT_EVERY_EVENTS: '0', LEDGER_CHECKPOINT_EVERY_MINUTES: '0' });
    await service.start();
    superuser = service.token('scope-superuser', ['admin', 'recorder', 'official', 'inspector', 'standing-committee']);
    await must('POST', '/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }, 201);
    for (const [unitId, name] of [
      ['gia-loc', 'Huyện Gia Lộc'],
      ['tu-ky', 'Huyện Tứ Kỳ'],
    ] as const) {
      await must('POST', '/api/v1/units', { unitId, name, kind: 'district', parentId: 'hai-duong', occurredAt: at }, 201);
      await must(
        'POST',
        '/api/v1/officials',
        { officialId: `o-${unitId}`, fullName: name, position: 'Phó Bí thư', unitId, occurredAt: at },
        201,
      );
      await must(
        'POST',
        `/api/v1/officials/o-${unitId}/assignments`,
        { unitId, role: 'committee-member-in-charge', from: '2017-01-02' },
        201,
      );
      await must('POST', '/api/v1/visits', plan(`visit-${unitId}`, unitId), 201);
      await must('POST', `/api/v1/visits/visit-${unitId}/conduct`, conduct(unitId), 200);
      await must('POST', '/api/v1/meetings', meeting(`meeting-${unitId}`, unitId), 201);
    }
    ids.caseA = (await must('POST', '/api/v1/cases', { unitId: 'gia-loc', category: 'complaint', channel: 'letter', summary: 'Road' }, 201))
      .caseId as string;
    const caseB = await must(
      'POST',
      '/api/v1/cases',
      { unitId: 'tu-ky', category: 'denunciation', channel: 'letter', summary: 'Bribes' },
      201,
    );
    ids.caseB = caseB.caseId as string;
    ids.receivedB = (caseB.events as { eventId: string }[])[0].eventId;
    const submitted = await service.request('POST', '/open311/v2/requests.json', {
      body: new URLSearchParams({
        jurisdiction_id: 'tu-ky',
        service_code: 'denunciation',
        description: 'Land officer bribes',
        address_string: 'Hà Kỳ',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    ids.requestB = (submitted.json() as { service_request_id: string }[])[0].service_request_id;
    tokens.set('recorder of A', service.token('recorder-a', ['recorder'], ['gia-loc']));
    tokens.set('official of A', service.token('o-gia-loc', ['official'], []));
    tokens.set('admin', service.token('admin-1', ['admin']));
    tokens.set('inspector', service.token('inspector-1', ['inspector']));
  }, 120_000);
  afterAll(async () => {
    await service?.dispose();
  });

  const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: keyof typeof ids) => ids[name]);
  const correction = () => ({ eventId: ids.receivedB, reason: 'Typo', fields: { summary: 'Bribery' } });

  const PROBES: readonly Probe[] = [
    ['recorder of A', 'GET', '/api/v1/cases/{caseB}', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['recorder of A', 'GET', '/api/v1/cases/{caseB}/history', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['recorder of A', 'POST', '/api/v1/cases/{caseB}/corrections', correction, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    [
      'recorder of A',
      'POST',
      '/api/v1/cases',
      { unitId: 'tu-ky', category: 'complaint', channel: 'letter', summary: 'x' },
      403,
      'AUTH.UNIT_OUT_OF_SCOPE',
    ],
    ['recorder of A', 'POST', '/api/v1/cases/{caseA}/actions', { description: 'Inspected' }, 403, 'AUTH.ROLE_REQUIRED'],
    ['recorder of A', 'GET', '/api/v1/visits/visit-tu-ky', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['recorder of A', 'POST', '/api/v1/visits/visit-tu-ky/findings', { text: 'Seen in B' }, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['recorder of A', 'POST', '/api/v1/visits', plan('visit-b-2', 'tu-ky'), 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    [
      'recorder of A',
      'POST',
      '/api/v1/visits/visit-gia-loc/findings',
      { text: 'Households of Tứ Kỳ complain', openCase: { category: 'complaint', summary: 'Land of Tứ Kỳ', unitId: 'tu-ky' } },
      403,
      'AUTH.UNIT_OUT_OF_SCOPE',
    ],
    ['recorder of A', 'GET', '/api/v1/meetings/meeting-tu-ky', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['recorder of A', 'POST', '/api/v1/meetings', meeting('meeting-b-2', 'tu-ky'), 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['recorder of A', 'GET', '/open311/v2/requests/{requestB}.json', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['recorder of A', 'GET', '/open311/v2/requests/{caseB}.json', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['official of A', 'GET', '/api/v1/cases/{caseB}', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['official of A', 'POST', '/api/v1/cases/{caseB}/actions', { description: 'Inspected' }, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['official of A', 'POST', '/api/v1/cases/{caseB}/acknowledgements', {}, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['official of A', 'POST', '/api/v1/cases/{caseB}/corrections', correction, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['official of A', 'GET', '/open311/v2/requests/{requestB}.json', undefined, 403, 'AUTH.UNIT_OUT_OF_SCOPE'],
    ['official of A', 'POST', '/api/v1/visits/visit-gia-loc/findings', { text: 'x' }, 403, 'AUTH.ROLE_REQUIRED'],
    ['admin', 'GET', '/api/v1/cases/{caseA}', undefined, 403, 'AUTH.ROLE_REQUIRED'],
    ['admin', 'GET', '/api/v1/cases/{caseA}/history', undefined, 403, 'AUTH.ROLE_REQUIRED'],
    ['admin', 'GET', '/open311/v2/requests.json', undefined, 403, 'AUTH.ROLE_REQUIRED'],
    ['admin', 'GET', '/open311/v2/requests/{caseA}.json', undefined, 403, 'AUTH.ROLE_REQUIRED'],
    ['admin', 'POST', '/api/v1/cases/{caseA}/actions', { description: 'Inspected' }, 403, 'AUTH.ROLE_REQUIRED'],
    [
      'admin',
      'POST',
      '/api/v1/cases',
      { unitId: 'gia-loc', category: 'complaint', channel: 'letter', summary: 'x' },
      403,
      'AUTH.ROLE_REQUIRED',
    ],
  ];

  async function head(): Promise<number> {
    const status = (await service.request('GET', '/api/v1/projections', { token: tokens.get('admin') })).json() as {
      projections: { headPosition: number }[];
    };
    return status.projections[0].headPosition;
  }

  it('refuses every probe with the right code and writes nothing', async () => {
    const before = await head();
    const answers: string[] = [];
    for (const [index, [caller, method, template, body, status, code]] of PROBES.entries()) {
      const path = fill(template);
      const json = typeof body === 'function' ? (body as () => unknown)() : body;
      const response = await service.request(method, path, {
        token: tokens.get(caller),
        json,
        headers: { 'x-correlation-id': `scope-probe-${index}` },
      });
      const parsed = response.json() as { code?: string } | { error_code?: string }[];
      const answered = Array.isArray(parsed) ? parsed[0]?.error_code : parsed.code;
      answers.push(`${caller} ${method} ${template}: ${response.status} ${answered}`);
      expect(`${caller} ${method} ${template}: ${response.status} ${answered}`).toBe(`${caller} ${method} ${template}: ${status} ${code}`);
    }
    expect(await head()).toBe(before);
    const trail = (
      await service.request('GET', `/api/v1/audit?after=0&limit=1000&minPosition=${before}`, { token: tokens.get('inspector') })
    ).json() as {
      entries: { correlationId: string }[];
    };
    expect(trail.entries.filter((entry) => entry.correlationId.startsWith('scope-probe-'))).toEqual([]);
    expect(answers).toHaveLength(PROBES.length);
  });

  it("lists to the recorder of A only A's requests, and lets each caller do its own job in its own unit", async () => {
    const recorder = tokens.get('recorder of A');
    const listed = (await service.request('GET', '/open311/v2/requests.json', { token: recorder })).json() as {
      service_request_id: string;
    }[];
    expect(listed.map((request) => request.service_request_id)).toEqual([ids.caseA]);
    expect((await service.request('GET', `/api/v1/cases/${ids.caseA}`, { token: recorder })).status).toBe(200);
    expect((await service.request('GET', '/api/v1/visits/visit-gia-loc', { token: recorder })).status).toBe(200);
    const acted = await service.request('POST', `/api/v1/cases/${ids.caseA}/actions`, {
      token: tokens.get('official of A'),
      json: { description: 'Inspected the road' },
    });
    expect(acted.status).toBe(200);
  });
});
