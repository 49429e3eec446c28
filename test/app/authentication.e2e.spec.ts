import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { signTestJws as signHs256 } from '../support/test-tokens.js';
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
    await subject.http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at })
      .expect(201);
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
    [
      'an expired token',
      () =>
        `Bearer ${signHs256({ alg: 'HS256' }, { ...JSON.parse(Buffer.from(valid().split('.')[1]!, 'base64url').toString()), exp: now() - 3600 }, Buffer.alloc(64))}`,
      'AUTH.TOKEN_INVALID',
    ],
    [
      'a token of another data folder',
      () =>
        `Bearer ${signHs256({ alg: 'HS256' }, { iss: 'accountability-ledger', aud: 'accountability-ledger', sub: 'x', roles: ['admin'], exp: now() + 60 }, Buffer.alloc(64, 1))}`,
      'AUTH.TOKEN_INVALID',
    ],
    ['garbage', () => 'Bearer not-a-token', 'AUTH.TOKEN_INVALID'],
    [
      'a roles claim given as a string',
      () =>
        `Bearer ${signHs256({ alg: 'HS256' }, { ...JSON.parse(Buffer.from(valid().split('.')[1]!, 'base64url').toString()), roles: 'admin recorder' }, embeddedSecret(subject.dataDir))}`,
      'AUTH.TOKEN_INVALID',
    ],
  ])('answers 401 to %s, writing nothing', async (_, authorization, code) => {
    const before = await store.headPosition();
    const request = subject.anonymous.post('/api/v1/units').send({ unitId: 'x', name: 'X', kind: 'province' });
    const header = authorization();
    const response = await (header === undefined ? request : request.set('Authorization', header));
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code });
    expect(response.body.detail).toEqual(expect.any(String));
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
    const response = await subject
      .as('can-bo-to-chuc', ['admin'])
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', actor: 'someone-else', occurredAt: at })
      .expect(201);
    const [event] = await store.readStream('unit-gia-loc');
    expect(event!.metadata.actor).toBe('can-bo-to-chuc');
    expect(JSON.stringify(event)).not.toContain('someone-else');
    expect(response.body).not.toHaveProperty('actor');
  });

  it('takes the correlation id from X-Correlation-Id or makes one, answers it, and shows it in the audit trail', async () => {
    const given = await subject.http
      .post('/api/v1/units')
      .set('X-Correlation-Id', 'phien-tiep-dan-2017-03-09')
      .send({ unitId: 'tu-ky', name: 'Huyện Tứ Kỳ', kind: 'district', parentId: 'hai-duong', occurredAt: at })
      .expect(201);
    expect(given.headers['x-correlation-id']).toBe('phien-tiep-dan-2017-03-09');
    const made = await subject.http
      .post('/api/v1/units')
      .send({ unitId: 'thanh-mien', name: 'Huyện Thanh Miện', kind: 'district', parentId: 'hai-duong', occurredAt: at })
      .expect(201);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const position = Number(made.headers['ledger-position']);
    const trail = (await subject.as('thanh-tra-1', ['inspector']).get(`/api/v1/audit?minPosition=${position}`).expect(200)).body
      .entries as { streamId: string; actor: string; correlationId: string }[];
    expect(trail.find((entry) => entry.streamId === 'unit-tu-ky')).toMatchObject({
      actor: 'test-superuser',
      correlationId: 'phien-tiep-dan-2017-03-09',
    });
    expect(trail.find((entry) => entry.streamId === 'unit-thanh-mien')).toMatchObject({ correlationId: made.headers['x-correlation-id'] });
    const bad = await subject.http
      .post('/api/v1/units')
      .set('X-Correlation-Id', 'has spaces')
      .send({ unitId: 'y', name: 'Y', kind: 'district' })
      .expect(400);
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

describe('authentication by an external identity provider', () => {
  let subject: TestApp;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issuer = 'https://idp.example.vn/realms/hai-duong';
  const signRs256 = (claims: object) => {
    const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'idp-1' })}.${b64(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  };

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-jwks-'));
    writeFileSync(
      join(folder, 'jwks.json'),
      JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig', alg: 'RS256' }] }),
    );
    subject = await startTestApp({
      AUTH_JWKS_FILE: join(folder, 'jwks.json'),
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: 'ledger-api',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    });
  });
  afterAll(async () => {
    await subject.close();
  });

  it("takes the provider's RS256 tokens, with roles from the configured claim, and refuses the embedded kind", async () => {
    const exp = Math.floor(Date.now() / 1000) + 300;
    const admin = signRs256({
      iss: issuer,
      aud: ['account', 'ledger-api'],
      sub: 'f3c1a2e0',
      realm_access: { roles: ['admin', 'offline_access'] },
      exp,
    });
    await subject.anonymous
      .post('/api/v1/units')
      .set('Authorization', `Bearer ${admin}`)
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at })
      .expect(201);
    const [event] = await subject.app.get<EventStore>(EVENT_STORE).readStream('unit-hai-duong');
    expect(event!.metadata.actor).toBe('f3c1a2e0');
    const recorder = signRs256({ iss: issuer, aud: 'ledger-api', sub: 'r-1', realm_access: { roles: ['recorder'] }, exp });
    expect((await subject.anonymous.post('/api/v1/units').set('Authorization', `Bearer ${recorder}`).send({})).body.code).toBe(
      'AUTH.ROLE_REQUIRED',
    );
    const embedded = await subject.anonymous
      .get('/api/v1/units/hai-duong')
      .set('Authorization', `Bearer ${subject.token('admin-1', ['admin'])}`);
    expect({ status: embedded.status, code: embedded.body.code }).toEqual({ status: 401, code: 'AUTH.TOKEN_INVALID' });
    expect(embedded.body.detail).toContain('algorithm "HS256" is not accepted');
  });
});

describe('authentication when the identity provider cannot be reached', () => {
  it('answers 503 AUTH.KEYS_UNAVAILABLE, not 401: the token may be good', async () => {
    const subject = await startTestApp({
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      AUTH_ISSUER: 'https://idp.example.vn',
      AUTH_AUDIENCE: 'ledger-api',
    });
    try {
      const token = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: 'https://idp.example.vn', aud: 'ledger-api', sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 })}.c2ln`;
      const response = await subject.anonymous.get('/api/v1/units/x').set('Authorization', `Bearer ${token}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 503, code: 'AUTH.KEYS_UNAVAILABLE' });
      await subject.anonymous.get('/health').expect(200);
    } finally {
      await subject.close();
    }
  });
});
