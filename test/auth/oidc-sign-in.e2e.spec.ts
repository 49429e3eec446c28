import { freePort } from '../support/free-port.js';
import { BrowserSession, formAction, type Answer } from '../support/browser-session.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { startTestIdentityProvider, type TestIdentityProvider } from '../support/test-identity-provider.js';

const CONFIDENTIAL = { clientId: 'ledger-console', clientSecret: 'bi-mat-cua-so-cai-0123456789' };
const ACCOUNTS = {
  // An inspector of one commune, who is also an official, with a role this service does not know.
  'thanh-tra-gia-tan': { roles: ['inspector', 'province-ceo'], units: ['gia-tan'], official: 'can-bo-thanh-tra-1' },
  'khong-vai-tro': { roles: ['viewer'], units: ['gia-tan'] },
};

/** The console in external mode, listening on 127.0.0.1, signing people in through the test provider. */
async function startConsole(provider: TestIdentityProvider, port: number, client: { clientId: string; clientSecret?: string }) {
  const app = await startTestApp({
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    AUTH_ISSUER: provider.issuer,
    AUTH_JWKS_URL: provider.jwksUrl,
    AUTH_AUDIENCE: 'ledger-api',
    AUTH_OIDC_CLIENT_ID: client.clientId,
    ...(client.clientSecret === undefined ? {} : { AUTH_OIDC_CLIENT_SECRET: client.clientSecret }),
    AUTH_OIDC_SCOPES: 'openid ledger',
  });
  await app.app.listen(port, '127.0.0.1');
  return app;
}

/**
 * What a person does in a browser: /auth/oidc/start, the provider's login page (as `account`) and
 * consent page, until the provider sends the browser back; returns the callback address it was sent to.
 * `atProvider` may change the authorization request on its way to the provider.
 */
async function throughProvider(
  browser: BrowserSession,
  base: string,
  account: string,
  atProvider: (authorizationUrl: URL) => URL = (url) => url,
): Promise<string> {
  const start = await browser.get(`${base}/auth/oidc/start`);
  expect(start.status).toBe(302);
  const isCallback = (url: string) => url.startsWith(`${base}/auth/oidc/callback`);
  let page: Answer = await browser.follow(await browser.get(atProvider(new URL(start.location!)).href), isCallback);
  for (let step = 0; step < 6 && !(page.location && isCallback(new URL(page.location, page.url).href)); step++) {
    if (page.body.includes('name="prompt" value="login"'))
      page = await browser.postForm(formAction(page), { prompt: 'login', login: account, password: 'any' });
    else if (page.body.includes('name="prompt" value="consent"')) page = await browser.postForm(formAction(page), { prompt: 'consent' });
    else throw new Error(`Unexpected page at ${page.url} (${page.status}): ${page.body.slice(0, 300)}`);
    page = await browser.follow(page, isCallback);
  }
  return new URL(page.location!, page.url).href;
}

async function sessionOf(browser: BrowserSession, base: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await browser.get(`${base}/api/v1/session`);
  return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
}

describe('console sign-in through an OpenID Connect provider (authorization code with PKCE)', () => {
  let provider: TestIdentityProvider;
  let subject: TestApp;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestIdentityProvider(ACCOUNTS, [
      { ...CONFIDENTIAL, appBaseUrl: base },
      { clientId: 'ledger-public', appBaseUrl: base },
    ]);
    subject = await startConsole(provider, port, CONFIDENTIAL);
  });
  afterAll(async () => {
    await subject?.close();
    await provider?.close();
  });

  it('says the console signs in through the identity provider', async () => {
    const answer = await new BrowserSession().get(`${base}/auth/config`);
    expect(JSON.parse(answer.body)).toEqual({ methods: ['oidc'] });
  });

  it('sends the browser to the provider with PKCE S256, a state and a nonce, keeping them out of the browser', async () => {
    const browser = new BrowserSession();
    const start = await browser.get(`${base}/auth/oidc/start`);
    const authorization = new URL(start.location!);
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(authorization.searchParams)).toEqual({
      client_id: 'ledger-console',
      response_type: 'code',
      redirect_uri: `${base}/auth/oidc/callback`,
      scope: 'openid ledger',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    const attemptCookie = browser.cookie(base, 'ledger-oidc-attempt');
    expect(attemptCookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([authorization.searchParams.get('state'), authorization.searchParams.get('nonce')]).not.toContain(attemptCookie);
  });

  it('opens a console session that holds what the claims allow and no more, then signs out at the provider too', async () => {
    const browser = new BrowserSession();
    const callback = await throughProvider(browser, base, 'thanh-tra-gia-tan');
    const landed = await browser.get(callback);
    expect({ status: landed.status, location: landed.location }).toEqual({ status: 303, location: '/' });
    expect(browser.cookie(base, 'ledger-oidc-attempt')).toBeUndefined();
    expect(browser.cookie(base, 'ledger-session')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const session = await sessionOf(browser, base);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      subject: 'thanh-tra-gia-tan',
      roles: ['inspector'],
      units: ['gia-tan'],
      officialId: 'can-bo-thanh-tra-1',
      signedInWith: 'oidc',
    });
    expect(session.body.permissions).toMatchObject({ 'oversight.read': 'any', 'integrity.verify': 'any' });
    expect(session.body.permissions).not.toHaveProperty('cases.act');
    expect(session.body.permissions).not.toHaveProperty('organisation.manage');
    const csrf = String(session.body.csrfToken);
    const write = await browser.send(`${base}/api/v1/units`, {
      method: 'POST',
      headers: { origin: base, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: 'xa-moi', name: 'Xã Mới', kind: 'commune' }),
    });
    expect(write.status).toBe(403);

    const signOut = await browser.send(`${base}/api/v1/session/sign-out`, {
      method: 'POST',
      headers: { origin: base, 'x-csrf-token': csrf },
    });
    expect(signOut.status).toBe(200);
    const endSession = new URL((JSON.parse(signOut.body) as { endSessionUrl: string }).endSessionUrl);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(Object.fromEntries(endSession.searchParams)).toEqual({
      client_id: 'ledger-console',
      post_logout_redirect_uri: `${base}/sign-in?signedOut=true`,
    });
    expect((await browser.get(endSession.href)).status).toBe(200);
    expect((await sessionOf(browser, base)).body).toMatchObject({ code: 'SESSION.NONE' });
  });

  it('refuses an answer whose state was changed, and the same callback a second time', async () => {
    const browser = new BrowserSession();
    const callback = new URL(await throughProvider(browser, base, 'thanh-tra-gia-tan'));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const refused = await browser.get(tampered.href);
    expect({ status: refused.status, location: refused.location }).toEqual({ status: 303, location: '/sign-in?error=OIDC.STATE_MISMATCH' });
    // The attempt was spent by the refused answer: the genuine one cannot be used after it.
    const genuine = await browser.get(callback.href);
    expect(genuine.location).toBe('/sign-in?error=OIDC.ATTEMPT_UNKNOWN');
    expect(browser.cookie(base, 'ledger-session')).toBeUndefined();
  });

  it('refuses a callback in a browser that did not start the sign-in (no attempt cookie)', async () => {
    const callback = await throughProvider(new BrowserSession(), base, 'thanh-tra-gia-tan');
    const elsewhere = await new BrowserSession().get(callback);
    expect(elsewhere.location).toBe('/sign-in?error=OIDC.ATTEMPT_UNKNOWN');
  });

  it('refuses a code used already, even inside a new sign-in of the same browser', async () => {
    const browser = new BrowserSession();
    const used = new URL(await throughProvider(browser, base, 'thanh-tra-gia-tan'));
    expect((await browser.get(used.href)).location).toBe('/');
    const fresh = new URL(await throughProvider(browser, base, 'thanh-tra-gia-tan'));
    const replay = new URL(fresh);
    replay.searchParams.set('code', used.searchParams.get('code')!);
    const refused = await browser.get(replay.href);
    expect(refused.location).toBe('/sign-in?error=OIDC.CODE_REFUSED');
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const browser = new BrowserSession();
    const callback = await throughProvider(browser, base, 'thanh-tra-gia-tan', (url) => {
      url.searchParams.set('nonce', 'n'.repeat(43));
      return url;
    });
    expect((await browser.get(callback)).location).toBe('/sign-in?error=OIDC.ID_TOKEN_INVALID');
    expect(browser.cookie(base, 'ledger-session')).toBeUndefined();
  });

  it('says so when the person cancels at the provider', async () => {
    const browser = new BrowserSession();
    const start = await browser.get(`${base}/auth/oidc/start`);
    const login = await browser.follow(start);
    const abort = /href="([^"]*\/abort)"/.exec(login.body)?.[1];
    const back = await browser.follow(await browser.get(new URL(abort!, login.url).href), (url) => url.startsWith(base));
    const answer = await browser.get(new URL(back.location!, back.url).href);
    expect(answer.location).toBe('/sign-in?error=OIDC.PROVIDER_REFUSED');
  });

  it('opens no session for an account with no role of this service', async () => {
    const browser = new BrowserSession();
    const answer = await browser.get(await throughProvider(browser, base, 'khong-vai-tro'));
    expect(answer.location).toBe('/sign-in?error=OIDC.NO_ROLES');
    expect(browser.cookie(base, 'ledger-session')).toBeUndefined();
  });
});

describe('console sign-in through the identity provider: a public client, and a provider that does not answer', () => {
  it('signs in as a public client (PKCE, no secret)', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const provider = await startTestIdentityProvider(ACCOUNTS, [{ clientId: 'ledger-public', appBaseUrl: base }]);
    const app = await startConsole(provider, port, { clientId: 'ledger-public' });
    try {
      const browser = new BrowserSession();
      expect((await browser.get(await throughProvider(browser, base, 'thanh-tra-gia-tan'))).location).toBe('/');
      expect((await sessionOf(browser, base)).body).toMatchObject({ subject: 'thanh-tra-gia-tan', roles: ['inspector'] });
    } finally {
      await app.close();
      await provider.close();
    }
  });

  it('sends the person back to the sign-in page with a reason when the provider does not answer', async () => {
    const port = await freePort();
    const silent = `http://127.0.0.1:${await freePort()}`;
    const app = await startConsole({ issuer: silent, jwksUrl: `${silent}/jwks`, close: async () => {} }, port, CONFIDENTIAL);
    try {
      const answer = await new BrowserSession().get(`http://127.0.0.1:${port}/auth/oidc/start`);
      expect({ status: answer.status, location: answer.location }).toEqual({
        status: 303,
        location: '/sign-in?error=OIDC.PROVIDER_UNAVAILABLE',
      });
    } finally {
      await app.close();
    }
  });

  it('in embedded mode, offers links and refuses to start a sign-in through a provider', async () => {
    const app = await startTestApp();
    try {
      expect((await app.anonymous.get('/auth/config').expect(200)).body).toEqual({ methods: ['link'] });
      const start = await app.anonymous.get('/auth/oidc/start').expect(303);
      expect(start.headers.location).toBe('/sign-in?error=OIDC.NOT_CONFIGURED');
    } finally {
      await app.close();
    }
  });
});
