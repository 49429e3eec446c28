import { embeddedSecret } from '../../src/auth/jwt/embedded-secret.js';
import type { Principal } from '../../src/auth/principal.js';
import { mintSignInLinkToken, signInLinkKey, SIGN_IN_LINK_SECONDS } from '../../src/auth/sessions/sign-in-link.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const inspector: Principal = { subject: 'thanh-tra-1', roles: ['inspector'], units: 'all' };
const recorder: Principal = { subject: 'thu-ky-xa', roles: ['recorder'], units: ['gia-tan'] };

describe('console sessions: one-time sign-in links, the session cookie, CSRF, sign-out', () => {
  let subject: TestApp;
  const link = (principal: Principal, nowSeconds = Date.now() / 1000) =>
    mintSignInLinkToken(signInLinkKey(embeddedSecret(subject.dataDir)), { principal, sessionSeconds: 3600, nowSeconds });

  /** Signs in with a fresh link: the cookie to send back and the session's CSRF token. */
  async function signIn(principal: Principal): Promise<{ cookie: string; csrf: string; setCookie: string }> {
    const answer = await subject.anonymous
      .post('/api/v1/session')
      .send({ link: link(principal) })
      .expect(201);
    const setCookie = String(answer.headers['set-cookie']);
    return { cookie: setCookie.split(';')[0]!, csrf: answer.body.csrfToken, setCookie };
  }

  beforeAll(async () => {
    subject = await startTestApp();
    await subject.http.post('/api/v1/units').send({ unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'province' }).expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  it('opens a session with a link, once: the second use of the same link is refused', async () => {
    const token = link(inspector);
    const first = await subject.anonymous.post('/api/v1/session').send({ link: token });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ subject: 'thanh-tra-1', roles: ['inspector'], units: 'all', signedInWith: 'link' });
    expect(first.body.permissions).toMatchObject({ 'oversight.read': 'any', 'integrity.verify': 'any' });
    expect(first.body.permissions['cases.act']).toBeUndefined();
    const again = await subject.anonymous.post('/api/v1/session').send({ link: token });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'SESSION.LINK_USED' });
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an expired link and a changed one', async () => {
    const expired = link(inspector, Date.now() / 1000 - SIGN_IN_LINK_SECONDS - 1);
    const late = await subject.anonymous.post('/api/v1/session').send({ link: expired });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 401, code: 'SESSION.LINK_EXPIRED' });
    const [version, payload, signature] = link(recorder).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    const forged = await subject.anonymous.post('/api/v1/session').send({ link: `${version}.${promoted}.${signature}` });
    expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 401, code: 'SESSION.LINK_INVALID' });
    const garbage = await subject.anonymous.post('/api/v1/session').send({ link: 'not a link' });
    expect({ status: garbage.status, code: garbage.body.code }).toEqual({ status: 400, code: 'VALIDATION.FAILED' });
  });

  it('sets an HttpOnly, SameSite=Strict cookie naming a random session id, not Secure over plain HTTP', async () => {
    const { setCookie } = await signIn(inspector);
    expect(setCookie).toMatch(/^ledger-session=[A-Za-z0-9_-]{43}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
  });

  it('authenticates reads by cookie, with the permission matrix applied as for a token', async () => {
    const { cookie } = await signIn(recorder);
    const me = await subject.anonymous.get('/api/v1/session').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({
      subject: 'thu-ky-xa',
      units: ['gia-tan'],
      permissions: { 'cases.receive': 'unit', 'directory.read': 'any' },
    });
    expect(me.headers['cache-control']).toBe('no-store');
    await subject.anonymous.get('/api/v1/units/gia-tan').set('Cookie', cookie).expect(200);
    const audit = await subject.anonymous.get('/api/v1/audit').set('Cookie', cookie);
    expect({ status: audit.status, code: audit.body.code }).toEqual({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
  });

  it('refuses a write made with the cookie but without the CSRF header, with a wrong one, or from another site; accepts it with the token', async () => {
    const { cookie, csrf } = await signIn(recorder);
    const body = { unitId: 'gia-tan', category: 'reflection', channel: 'hotline', summary: 'Đèn đường hỏng' };
    const refusals = [
      [{}, 'SESSION.CSRF_TOKEN_MISSING'],
      [{ 'X-CSRF-Token': 'x'.repeat(43) }, 'SESSION.CSRF_TOKEN_INVALID'],
      [{ 'X-CSRF-Token': csrf, Origin: 'https://evil.example' }, 'SESSION.CROSS_SITE'],
      [{ 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'cross-site' }, 'SESSION.CROSS_SITE'],
      [{ 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'same-site' }, 'SESSION.CROSS_SITE'],
    ] as const;
    const head = await subject.http.get('/health');
    for (const [headers, code] of refusals) {
      const refused = await subject.anonymous.post('/api/v1/cases').set('Cookie', cookie).set(headers).send(body);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code });
    }
    expect((await subject.http.get('/health')).body.details.eventStore.headPosition).toBe(head.body.details.eventStore.headPosition);
    // From the public origin (PUBLIC_BASE_URL, here its default), and from the origin the request names itself.
    const accepted = await subject.anonymous
      .post('/api/v1/cases')
      .set('Cookie', cookie)
      .set({ 'X-CSRF-Token': csrf, Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'same-origin' })
      .send(body);
    const sameHost = await subject.anonymous
      .post('/api/v1/cases')
      .set('Cookie', cookie)
      .set({ 'X-CSRF-Token': csrf, Host: 'ledger.local:8080', Origin: 'http://ledger.local:8080' })
      .send({ ...body, summary: 'Đèn đường hỏng (2)' });
    expect(sameHost.status).toBe(201);
    expect(accepted.status).toBe(201);
    const byCookie = await subject.http.get(`/api/v1/audit?caseId=${accepted.body.caseId}`).expect(200);
    expect(byCookie.body.entries[0].actor).toBe('thu-ky-xa');
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const refused = await subject.anonymous
      .post('/api/v1/session')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ link: link(inspector) });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'SESSION.CROSS_SITE' });
  });

  it('signs out: the session is deleted, so the same cookie opens nothing any more', async () => {
    const { cookie, csrf } = await signIn(inspector);
    const withoutToken = await subject.anonymous.post('/api/v1/session/sign-out').set('Cookie', cookie);
    expect({ status: withoutToken.status, code: withoutToken.body.code }).toEqual({ status: 403, code: 'SESSION.CSRF_TOKEN_MISSING' });
    const out = await subject.anonymous.post('/api/v1/session/sign-out').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^ledger-session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    const after = await subject.anonymous.get('/api/v1/audit').set('Cookie', cookie);
    expect({ status: after.status, code: after.body.code }).toEqual({ status: 401, code: 'SESSION.EXPIRED' });
    const me = await subject.anonymous.get('/api/v1/session').set('Cookie', cookie);
    expect(me.body.code).toBe('SESSION.EXPIRED');
    const none = await subject.anonymous.get('/api/v1/session');
    expect(none.body.code).toBe('SESSION.NONE');
  });

  it('keeps bearer tokens working beside cookies, the token deciding when both are sent', async () => {
    const { cookie } = await signIn(recorder);
    await subject.anonymous
      .get('/api/v1/audit')
      .set('Cookie', cookie)
      .set('Authorization', `Bearer ${subject.token('i', ['inspector'], 'all')}`)
      .expect(200);
  });
});

describe('console sessions behind HTTPS', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp({ PUBLIC_BASE_URL: 'https://ledger.haiduong.gov.vn' });
  });
  afterAll(async () => {
    await subject.close();
  });

  it('sets a Secure cookie with the __Host- prefix, and accepts writes from the public origin', async () => {
    const token = mintSignInLinkToken(signInLinkKey(embeddedSecret(subject.dataDir)), {
      principal: inspector,
      sessionSeconds: 600,
      nowSeconds: Date.now() / 1000,
    });
    const answer = await subject.anonymous
      .post('/api/v1/session')
      .set('Origin', 'https://ledger.haiduong.gov.vn')
      .send({ link: token })
      .expect(201);
    const setCookie = String(answer.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-ledger-session=[A-Za-z0-9_-]{43}; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    await subject.anonymous
      .post('/api/v1/integrity/checkpoints')
      .set('Cookie', setCookie.split(';')[0]!)
      .set({ 'X-CSRF-Token': answer.body.csrfToken, Origin: 'https://ledger.haiduong.gov.vn' })
      .expect(201);
  });
});
