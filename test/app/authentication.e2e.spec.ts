import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { signHs256 } from '../../src/auth/jwt/compact-jws.js';
import { embeddedSecret } from '../../src/auth/jwt/embedded-secret.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const at = '2017-01-02T08:00:00+07:00';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication over HTTP', () => {
  let subject: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    subject = await startTestApp({ OPEN311_RATE_LIMIT_PER_MINUTE: '3' });
    store = subject.app.get<EventStore>(EVENT_STORE);
    await subject.http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  const valid = () => subject.token('admin-1', ['admin']);
  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['no Authorization header', () => undefined, 'AUTH.TOKEN_MISSING'],
    ['a Basic header', () => 'Basic YWRtaW46YWRtaW4=', 'AUTH.TOKEN_INVALID'],
    ['a bad signature', () => `Bearer ${valid().slice(0, -4)}AAAA`, 'AUTH.TOKEN_INVALID'],
    ['alg none', () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${valid().split('.')[1]}.`, 'AUTH.TOKEN_INVALID'],
    ['an expired token', () => `Bearer ${signHs256({ alg: 'HS256' }, { ...JSON.parse(Buffer.from(valid().split('.')[1]!, 'base64url').toString()), exp: now() - 3600 }, Buffer.alloc(64))}`, 'AUTH.TOKEN_INVALID'],
    ['a token of another data folder', () => `Bearer ${signHs256({ alg: 'HS256' }, { iss: 'accountability-ledger', aud: 'accountability-ledger', sub: 'x', roles: ['admin'], exp: now() + 60 }, Buffer.alloc(64, 1))}`, 'AUTH.TOKEN_INVALID'],
    ['garbage', () => 'Bearer not-a-token', 'AUTH.TOKEN_INVALID'],
  ])('answers 401 to %s, writing nothing', async (_, authorization, code) => {
    const before = await store.headPosition();
    const request = subject.anonymous.post('/api/v1/units').send({ unitId: 'x', name: 'X', kind: 'province' });
    const header = authorization();
    const response = await (header === undefined ? request : request.set('Authorization', header));
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code });
    expect(response.body.message).toEqual(expect.any(String));
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="ledger"/);
    expect(await store.headPosition()).toBe(before);
  });

  it('answers 401 for tokens with the wrong audience or issuer, made with the right secret', async () => {
    const claims = JSON.parse(Buffer.from(valid().split('.')[1]!, 'base64url').toString());
    for (const wrong of [{ aud: 'another-service' }, { iss: 'someone-else' }]) {
      // Signed with the data folder's own secret, so only the claim is wrong.
      const forged = signHs256({ alg: 'HS256', typ: 'JWT' }, { ...claims, ...wrong }, embeddedSecret(subject.dataDir));
      const response = await subject.anonymous.get('/api/v1/units/hai-duong').set('Authorization', `Bearer ${forged}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'AUTH.TOKEN_INVALID' });
    }
  });

  it("records the token's subject as the actor and ignores an actor written into the body", async () => {
    const response = await subject.as('can-bo-to-chuc', ['admin']).post('/api/v1/units').send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', actor: 'someone-else', occurredAt: at }).expect(201);
    const [event] = await store.readStream('unit-gia-loc');
    expect(event!.metadata.actor).toBe('can-bo-to-chuc');
    expect(JSON.stringify(event)).not.toContain('someone-else');
    expect(response.body).not.toHaveProperty('actor');
  });

  it('takes the correlation id from X-Correlation-Id or makes one, answers it, and shows it in the audit trail', async () => {
    const given = await subject.http.post('/api/v1/units').set('X-Correlation-Id', 'phien-tiep-dan-2017-03-09').send({ unitId: 'tu-ky', name: 'Huyện Tứ Kỳ', kind: 'district', parentId: 'hai-duong', occurredAt: at }).expect(201);
    expect(given.headers['x-correlation-id']).toBe('phien-tiep-dan-2017-03-09');
    const made = await subject.http.post('/api/v1/units').send({ unitId: 'thanh-mien', name: 'Huyện Thanh Miện', kind: 'district', parentId: 'hai-duong', occurredAt: at }).expect(201);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const position = Number(made.headers['ledger-position']);
    const trail = (await subject.as('thanh-tra-1', ['inspector']).get(`/api/v1/audit?minPosition=${position}`).expect(200)).body.entries as { streamId: string; actor: string; correlationId: string }[];
    expect(trail.find((entry) => entry.streamId === 'unit-tu-ky')).toMatchObject({ actor: 'test-superuser', correlationId: 'phien-tiep-dan-2017-03-09' });
    expect(trail.find((entry) => entry.streamId === 'unit-thanh-mien')).toMatchObject({ correlationId: made.headers['x-correlation-id'] });
    const bad = await subject.http.post('/api/v1/units').set('X-Correlation-Id', 'has spaces').send({ unitId: 'y', name: 'Y', kind: 'district' }).expect(400);
    expect(bad.body.code).toBe('CORRELATION_ID.INVALID');
  });

  it('takes Open311 reports without a token, records their channel, and limits each client per minute', async () => {
    const report = { service_code: 'reflection', jurisdiction_id: 'hai-duong', description: 'Đèn đường hỏng', address_string: 'Thôn 1' };
    const first = await subject.anonymous.post('/open311/v2/requests.json').type('form').send(report).expect(201);
    const caseId = first.body[0].service_request_id as string;
    const [received] = await store.readStream(`case-${caseId}`);
    expect(received!.data).toMatchObject({ channel: 'online' });
    expect(received!.metadata.actor).toBe('anonymous');
    await subject.anonymous.post('/open311/v2/requests.json').type('form').send(report).expect(201);
    await subject.anonymous.post('/open311/v2/requests.json').type('form').send(report).expect(201);
    const limited = await subject.anonymous.post('/open311/v2/requests.json').type('form').send(report).expect(429);
    expect(limited.body).toEqual([{ code: 429, description: expect.stringContaining('Too many submissions'), error_code: 'RATE_LIMITED' }]);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
