import type { Role } from '../../src/auth/principal.js';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

/**
 * The README's permission matrix, as one table: every caller against every route. A POST is sent with
 * a body that fails validation (or names only the unit the guard scopes by), so a caller the matrix
 * allows gets past the guard and is refused by validation (400) — nothing is written — while a caller
 * it does not allow gets 403 with a stable code, and a caller without a token 401.
 */
type Caller = 'none' | 'recorder' | 'recorder-elsewhere' | 'official' | 'official-elsewhere' | 'standing-committee' | 'inspector' | 'admin';
const CALLERS: readonly Caller[] = [
  'none',
  'recorder',
  'recorder-elsewhere',
  'official',
  'official-elsewhere',
  'standing-committee',
  'inspector',
  'admin',
];
const ANY_ROLE: readonly Caller[] = CALLERS.filter((caller) => caller !== 'none');
const OVERSIGHT: readonly Caller[] = ['standing-committee', 'inspector'];

const at = '2017-01-02T08:00:00+07:00';
const ids = {
  caseId: '',
  eventId: '',
  visitId: 'v-gia-tan',
  meetingId: 'm-gia-tan',
  reviewId: 'r-1',
  ruleId: 'rule-1',
  dutyId: 'duty-1',
  assignmentId: '',
};

// [method, path (ids filled in later), body, callers allowed, the status they get (default: GET 200, POST 400)]
type Row = readonly [string, string, Record<string, unknown> | undefined, readonly Caller[], number?];
const ROWS: readonly Row[] = [
  ['POST', '/api/v1/units', {}, ['admin']],
  ['GET', '/api/v1/units/gia-tan', undefined, ANY_ROLE],
  ['POST', '/api/v1/units/gia-tan/renamings', {}, ['admin']],
  ['POST', '/api/v1/units/gia-tan/mergers', {}, ['admin']],
  ['POST', '/api/v1/units/gia-tan/abolitions', { occurredAt: 'x' }, ['admin']],
  ['POST', '/api/v1/units/gia-tan/corrections', {}, ['admin']],
  ['POST', '/api/v1/units/gia-tan/moves', {}, ['admin']],
  ['POST', '/api/v1/units/gia-tan/remote-area', {}, ['admin']],
  ['POST', '/api/v1/officials', {}, ['admin']],
  ['GET', '/api/v1/officials/o-gia-tan', undefined, ANY_ROLE],
  ['GET', '/api/v1/officials/o-gia-tan/assignments/{assignmentId}', undefined, ANY_ROLE],
  ['POST', '/api/v1/officials/o-gia-tan/assignments', {}, ['admin']],
  ['POST', '/api/v1/officials/o-gia-tan/assignments/{assignmentId}/endings', {}, ['admin']],
  ['POST', '/api/v1/officials/o-gia-tan/position-changes', {}, ['admin']],
  ['POST', '/api/v1/officials/o-gia-tan/departures', {}, ['admin']],
  ['POST', '/api/v1/officials/o-gia-tan/corrections', {}, ['admin']],
  ['GET', '/api/v1/officials/o-gia-tan/review?from=2017-01-01&to=2017-12-31', undefined, ['official', ...OVERSIGHT]],
  ['POST', '/api/v1/policies', {}, ['admin']],
  ['GET', '/api/v1/policies/{ruleId}', undefined, ANY_ROLE],
  ['POST', '/api/v1/policies/{ruleId}/retirements', {}, ['admin']],
  ['POST', '/api/v1/policies/duties', {}, ['admin']],
  ['GET', '/api/v1/policies/duties/{dutyId}', undefined, ANY_ROLE],
  ['POST', '/api/v1/policies/duties/{dutyId}/retirements', {}, ['admin']],
  ['POST', '/api/v1/cases', { unitId: 'gia-tan' }, ['recorder']],
  ['GET', '/api/v1/cases/{caseId}', undefined, ['recorder', 'official', ...OVERSIGHT]],
  ['GET', '/api/v1/cases/{caseId}/history', undefined, ['recorder', 'official', ...OVERSIGHT]],
  // An event is read by whoever may read what it belongs to: here, the case's receipt.
  ['GET', '/api/v1/events/{eventId}', undefined, ['recorder', 'official', ...OVERSIGHT]],
  // The case came with no photo: past the guard, 404.
  ['GET', `/api/v1/cases/{caseId}/media/${'0'.repeat(64)}`, undefined, ['recorder', 'official', ...OVERSIGHT], 404],
  ['POST', '/api/v1/cases/{caseId}/acknowledgements', { note: 42 }, ['official']],
  ['POST', '/api/v1/cases/{caseId}/classifications', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/assignments', { officialId: 42 }, ['official']],
  ['POST', '/api/v1/cases/{caseId}/actions', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/complexity-markings', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/upward-reports', { occurredAt: 'x' }, ['official']],
  ['POST', '/api/v1/cases/{caseId}/upper-level-notices', {}, ['standing-committee']],
  ['POST', '/api/v1/cases/{caseId}/escalations', {}, ['standing-committee']],
  ['POST', '/api/v1/cases/{caseId}/deadline-extensions', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/resolutions', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/closures', { occurredAt: 'x' }, ['official']],
  ['POST', '/api/v1/cases/{caseId}/reopenings', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/suspensions', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/resumptions', {}, ['official']],
  ['POST', '/api/v1/cases/{caseId}/corrections', {}, ['recorder', 'official']],
  ['POST', '/api/v1/visits', { unitId: 'gia-tan' }, ['recorder']],
  ['GET', '/api/v1/visits/{visitId}', undefined, ['recorder', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['POST', '/api/v1/visits/{visitId}/reschedulings', {}, ['recorder']],
  ['POST', '/api/v1/visits/{visitId}/cancellations', {}, ['recorder']],
  ['POST', '/api/v1/visits/{visitId}/conduct', {}, ['recorder']],
  ['POST', '/api/v1/visits/{visitId}/findings', {}, ['recorder']],
  ['POST', '/api/v1/visits/{visitId}/corrections', {}, ['recorder']],
  ['POST', '/api/v1/meetings', { unitId: 'gia-tan' }, ['recorder']],
  ['GET', '/api/v1/meetings/{meetingId}', undefined, ['recorder', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['POST', '/api/v1/meetings/{meetingId}/corrections', {}, ['recorder']],
  ['POST', '/api/v1/reviews', {}, ['standing-committee']],
  ['GET', '/api/v1/reviews/{reviewId}', undefined, OVERSIGHT],
  ['POST', '/api/v1/reviews/{reviewId}/conclusions', {}, ['inspector']],
  ['GET', '/api/v1/audit', undefined, OVERSIGHT],
  ['GET', '/api/v1/audit.csv', undefined, OVERSIGHT],
  ['GET', '/api/v1/timelines/cases/{caseId}', undefined, OVERSIGHT],
  ['GET', '/api/v1/timelines/overdue?asOf=2017-06-01T00:00:00%2B07:00', undefined, OVERSIGHT],
  ['GET', '/api/v1/timelines/aggregates?groupBy=unit', undefined, OVERSIGHT],
  ['GET', '/api/v1/timelines/deadlines?groupBy=unit&key=gia-tan', undefined, OVERSIGHT],
  ['GET', '/api/v1/evaluations/2017?officialId=o-gia-tan', undefined, OVERSIGHT],
  ['GET', '/api/v1/evaluations/2017.csv?officialId=o-gia-tan', undefined, OVERSIGHT],
  ['GET', '/api/v1/projections', undefined, ['inspector', 'admin']],
  ['GET', '/metrics', undefined, ['inspector', 'admin']],
  ['GET', '/api/v1/integrity/public-key', undefined, ANY_ROLE],
  ['GET', '/api/v1/integrity/status', undefined, ANY_ROLE],
  ['GET', '/api/v1/integrity/checkpoint', undefined, ANY_ROLE, 404],
  ['GET', '/api/v1/integrity/proofs/inclusion?eventId=x', undefined, ANY_ROLE, 400],
  ['GET', '/api/v1/integrity/proofs/consistency?from=x', undefined, ANY_ROLE, 400],
  ['GET', '/api/v1/integrity/verification', undefined, ['inspector']],
  ['POST', '/api/v1/integrity/checkpoints', {}, ['inspector', 'admin'], 201],
  ['POST', '/api/v1/personal-data/subjects/reporter-unknown/erasure', {}, ['admin'], 404],
  ['GET', '/api/v1/personal-data/reads', undefined, ['inspector']],
  // The list answers whoever may read cases, filtered to the cases each may read.
  ['GET', '/open311/v2/requests.json', undefined, ['recorder', 'recorder-elsewhere', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['GET', '/open311/v2/requests/{caseId}.json', undefined, ['recorder', 'official', ...OVERSIGHT]],
  ['GET', '/api/v1/calendar/2017', undefined, ANY_ROLE],
  // The lists answer whoever may read such records, filtered to the ones each may read.
  ['GET', '/api/v1/cases', undefined, ['recorder', 'recorder-elsewhere', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['GET', '/api/v1/worklists/mine', undefined, ['recorder', 'recorder-elsewhere', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['GET', '/api/v1/worklists/units/gia-tan', undefined, ['recorder', 'official', ...OVERSIGHT]],
  ['GET', '/api/v1/units', undefined, ANY_ROLE],
  ['GET', '/api/v1/officials', undefined, ANY_ROLE],
  ['GET', '/api/v1/visits', undefined, ['recorder', 'recorder-elsewhere', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['GET', '/api/v1/meetings', undefined, ['recorder', 'recorder-elsewhere', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['GET', '/api/v1/alerts', undefined, ['recorder', 'recorder-elsewhere', 'official', 'official-elsewhere', ...OVERSIGHT]],
  ['POST', '/api/v1/webhooks', {}, ['admin']],
  ['GET', '/api/v1/webhooks', undefined, ['admin']],
  // No such subscription: past the guard, 404.
  ['GET', '/api/v1/webhooks/w-none', undefined, ['admin'], 404],
  ['GET', '/api/v1/webhooks/w-none/deliveries', undefined, ['admin'], 404],
  ['POST', '/api/v1/webhooks/w-none/disablements', {}, ['admin']],
];
const PUBLIC_ROUTES: readonly string[] = [
  'GET /health',
  'GET /health/ready',
  'GET /open311/v2/discovery.json',
  'GET /open311/v2/services.json',
  'POST /open311/v2/requests.json',
];
/** Open to the guard because they authenticate the console's session cookie themselves (test/app/console-session.e2e.spec.ts). */
const SESSION_ROUTES: readonly string[] = ['GET /api/v1/session', 'POST /api/v1/session', 'POST /api/v1/session/sign-out'];
/** Public: how to sign in, and the sign-in through the identity provider, which opens a session (test/auth/oidc-sign-in.e2e.spec.ts). */
const SIGN_IN_ROUTES: readonly string[] = ['GET /auth/config', 'GET /auth/oidc/start', 'GET /auth/oidc/callback'];

describe('the permission matrix', () => {
  let subject: TestApp;
  const callers = new Map<Caller, Http>();

  beforeAll(async () => {
    subject = await startTestApp();
    const http = subject.http;
    const post = async (path: string, body: object) => {
      const response = await http.post(path).send(body);
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response;
    };
    await post('/api/v1/units', { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at });
    await post('/api/v1/units', { unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at });
    await post('/api/v1/units', { unitId: 'tu-ky', name: 'Huyện Tứ Kỳ', kind: 'district', parentId: 'hai-duong', occurredAt: at });
    for (const [officialId, unitId] of [
      ['o-gia-tan', 'gia-tan'],
      ['o-tu-ky', 'tu-ky'],
    ] as const) {
      await post('/api/v1/officials', { officialId, fullName: officialId, position: 'Chủ tịch UBND', unitId, occurredAt: at });
      const assigned = await post(`/api/v1/officials/${officialId}/assignments`, {
        unitId,
        role: 'committee-member-in-charge',
        from: '2017-01-02',
      });
      if (officialId === 'o-gia-tan') ids.assignmentId = assigned.body.assignmentId;
    }
    ids.caseId = (
      await post('/api/v1/cases', { unitId: 'gia-tan', category: 'complaint', channel: 'letter', summary: 'Flooded road', occurredAt: at })
    ).body.caseId;
    ids.eventId = (await http.get(`/api/v1/cases/${ids.caseId}/history`).expect(200)).body.steps[0].eventId;
    await post('/api/v1/visits', {
      visitId: ids.visitId,
      kind: 'periodic',
      purpose: 'Roads',
      unitId: 'gia-tan',
      participants: ['o-gia-tan'],
      plannedFor: '2017-03-09T08:00:00+07:00',
      publishedInCalendar: true,
      occurredAt: at,
    });
    await post('/api/v1/meetings', {
      meetingId: ids.meetingId,
      unitId: 'gia-tan',
      kind: 'party-cell',
      heldAt: at,
      attendees: ['o-gia-tan'],
    });
    await post('/api/v1/reviews', {
      reviewId: ids.reviewId,
      officialId: 'o-gia-tan',
      grounds: 'x',
      evidenceEventIds: ['00000000-0000-4000-8000-00000000abcd'],
    });
    await post('/api/v1/policies', {
      ruleId: ids.ruleId,
      category: 'complaint',
      step: 'acknowledge',
      limit: 10,
      unit: 'calendar-days',
      clockStartsAt: 'CaseReceived',
      pauses: [],
      effectiveFrom: '2012-07-01',
      legalReference: 'Law on Complaints 2011, art. 27',
      needsCheck: false,
    });
    await post('/api/v1/policies/duties', {
      dutyId: ids.dutyId,
      attend: [{ kind: 'party-committee', where: 'the-unit' }],
      effectiveFrom: '2017-04-01',
      reference: 'Working rules of the district Party committee, 2017, art. 5',
      needsCheck: false,
    });

    callers.set('none', subject.anonymous);
    callers.set('recorder', subject.as('recorder-1', ['recorder'], ['gia-loc']));
    callers.set('recorder-elsewhere', subject.as('recorder-2', ['recorder'], ['tu-ky']));
    callers.set('official', subject.as('o-gia-tan', ['official']));
    callers.set('official-elsewhere', subject.as('o-tu-ky', ['official']));
    for (const role of ['standing-committee', 'inspector', 'admin'] as const satisfies readonly Role[])
      callers.set(role, subject.as(`${role}-1`, [role]));
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  const rows = ROWS.flatMap(([method, path, body, allowed, status]) =>
    CALLERS.map((caller) => [method, path, caller, body, allowed.includes(caller), status ?? (method === 'GET' ? 200 : 400)] as const),
  );

  it.each(rows)('%s %s as %s', async (method, template, caller, body, allowed, allowedStatus) => {
    const path = template.replace(/\{(\w+)\}/g, (_, name: keyof typeof ids) => ids[name]);
    const http = callers.get(caller)!;
    const response = method === 'GET' ? await http.get(path) : await http.post(path).send(body ?? {});
    const error = path.startsWith('/open311/')
      ? { code: response.body[0]?.error_code, message: response.body[0]?.description }
      : { code: response.body.code, message: response.body.detail }; // GeoReport v2 error list, or problem details
    if (caller === 'none') {
      expect({ status: response.status, code: error.code }).toEqual({ status: 401, code: 'AUTH.TOKEN_MISSING' });
    } else if (allowed) {
      expect(response.status).toBe(allowedStatus);
    } else {
      expect(response.status).toBe(403);
      expect(error.code).toMatch(/^AUTH\.(ROLE_REQUIRED|UNIT_OUT_OF_SCOPE|NOT_SELF)$/);
      expect(error.message).toEqual(expect.any(String));
    }
  });

  it('covers every route of the OpenAPI document, and only the public ones answer without a token', async () => {
    const document = (await subject.anonymous.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const inTable = ROWS.map(([method, path]) => `${method} ${path.split('?')[0]!.replace(/\{\w+\}/g, 'id')}`);
    const covered = (route: string) => {
      const pattern = new RegExp(`^${route.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
      return (
        PUBLIC_ROUTES.includes(route) ||
        SESSION_ROUTES.includes(route) ||
        SIGN_IN_ROUTES.includes(route) ||
        inTable.some((row) => pattern.test(row))
      );
    };
    expect(documented.filter((route) => !covered(route)).sort()).toEqual([]);
    expect(documented.length).toBe(ROWS.length + PUBLIC_ROUTES.length + SESSION_ROUTES.length + SIGN_IN_ROUTES.length);
    expect((await subject.anonymous.get('/api/v1/session').expect(401)).body.code).toBe('SESSION.NONE');
    expect((await subject.anonymous.post('/api/v1/session/sign-out').expect(401)).body.code).toBe('SESSION.NONE');
    await subject.anonymous.get('/health').expect(200);
    expect([200, 503]).toContain((await subject.anonymous.get('/health/ready')).status);
    await subject.anonymous.get('/open311/v2/services.json').expect(200);
  });

  it('lets an official act on a case of a unit they are not in charge of once it is assigned to them', async () => {
    const official = callers.get('official-elsewhere')!;
    expect((await official.post(`/api/v1/cases/${ids.caseId}/actions`).send({})).body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    await subject.http
      .post(`/api/v1/cases/${ids.caseId}/assignments`)
      .send({ officialId: 'o-tu-ky', dueAt: '2017-02-01T17:00:00+07:00', occurredAt: '2017-01-03T08:00:00+07:00' })
      .expect(200);
    expect((await official.post(`/api/v1/cases/${ids.caseId}/actions`).send({})).status).toBe(400);
  });
});
