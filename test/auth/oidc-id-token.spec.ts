import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { AuthConfig, OidcClientConfig } from '../../src/auth/auth.config.js';
import type { AuthorizationChecks, IdentityProvider } from '../../src/auth/oidc/identity-provider-client.js';
import { OidcSignIn } from '../../src/auth/oidc/oidc-sign-in.js';
import { OidcSignInRefused } from '../../src/auth/oidc/oidc-sign-in-refused.js';
import { SqliteSessionStore } from '../../src/auth/sessions/sqlite-session-store.js';

const ISSUER = 'https://idp.tinh.gov.vn/realms/tinh';
const NOW = new Date('2026-12-01T03:00:00Z');
const CLIENT: OidcClientConfig = { clientId: 'ledger-console', clientSecret: undefined, scopes: 'openid', sessionSeconds: 8 * 3600 };

/**
 * The ID token's own verification, after openid-client's protocol checks: the provider's published key
 * and algorithms, this client as the audience, the expiry, and the claims mapped by the configured paths
 * exactly as a bearer token's (here Keycloak's realm_access.roles).
 */
describe('OidcSignIn: the ID token the provider answers with', () => {
  let keyServer: Server;
  let keySetUrl: string;
  let providerKey: CryptoKey;
  let store: SqliteSessionStore;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { modulusLength: 2048 });
    providerKey = pair.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
    keyServer = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify(jwks)));
    await new Promise<void>((listening) => keyServer.listen(0, '127.0.0.1', listening));
    keySetUrl = `http://127.0.0.1:${(keyServer.address() as { port: number }).port}/jwks`;
  });
  afterAll(() => new Promise<void>((closed) => keyServer.close(() => closed())));
  beforeEach(() => (store = new SqliteSessionStore(':memory:')));
  afterEach(() => store.close());

  const auth: AuthConfig = {
    mode: 'external',
    issuer: ISSUER,
    audience: 'ledger-api',
    jwksUrl: 'https://idp.tinh.gov.vn/jwks',
    jwksFile: undefined,
    rolesClaim: 'realm_access.roles',
    rolesClaimFormat: 'list',
    unitsClaim: 'ledger.units',
    officialClaim: 'ledger.official',
    clockToleranceSeconds: 30,
    oidc: CLIENT,
  };

  /** A provider that answers the sign-in with the ID token `token(checks)` makes. */
  function providerAnswering(token: (checks: AuthorizationChecks) => Promise<string>): IdentityProvider & { sent?: AuthorizationChecks } {
    const provider: IdentityProvider & { sent?: AuthorizationChecks } = {
      authorizationUrl: async (checks) => {
        provider.sent = checks;
        return new URL(`${ISSUER}/protocol/openid-connect/auth?state=${checks.state}`);
      },
      idTokenFor: (_callback, checks) => token(checks),
      keySetUrl: async () => keySetUrl,
      endSessionUrl: async () => undefined,
    };
    return provider;
  }

  const idToken = (claims: Record<string, unknown>, key: CryptoKey = providerKey) =>
    new SignJWT({
      iss: ISSUER,
      sub: 'uy-vien-1',
      aud: CLIENT.clientId,
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 300,
      realm_access: { roles: ['standing-committee', 'offline_access'] },
      ledger: { units: ['gia-tan'] },
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(key);

  async function signInWith(token: (checks: AuthorizationChecks) => Promise<string>) {
    const provider = providerAnswering(token);
    const signIn = new OidcSignIn(provider, store, auth, CLIENT, () => NOW);
    const { attemptId } = await signIn.start();
    return signIn.finish(attemptId, new URL(`https://ledger.tinh.gov.vn/auth/oidc/callback?code=c&state=${provider.sent!.state}`));
  }

  async function refusal(token: (checks: AuthorizationChecks) => Promise<string>): Promise<{ code: string; message: string }> {
    try {
      await signInWith(token);
    } catch (error) {
      if (error instanceof OidcSignInRefused) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error('the sign-in was not refused');
  }

  it('opens a session with the roles, units and official the configured claim paths name, and the provider’s other roles left out', async () => {
    const session = await signInWith((checks) =>
      idToken({ nonce: checks.nonce, ledger: { units: ['gia-tan'], official: 'uy-vien-gia-tan' } }),
    );
    expect(session.principal).toEqual({
      subject: 'uy-vien-1',
      roles: ['standing-committee'],
      units: ['gia-tan'],
      officialId: 'uy-vien-gia-tan',
    });
    expect(session.expiresAt).toEqual(new Date(NOW.getTime() + 8 * 3600_000));
    expect((await store.find(session.sessionId, NOW))?.principal).toEqual(session.principal);
  });

  it('refuses an ID token meant for another client (aud), even one the API would take as a bearer token', async () => {
    expect(await refusal((checks) => idToken({ nonce: checks.nonce, aud: 'ledger-api' }))).toEqual({
      code: 'OIDC.ID_TOKEN_INVALID',
      message: "The identity provider's ID token is not accepted: The token is not meant for ledger-console (aud).",
    });
  });

  it('refuses an ID token signed by another key, an expired one, and one of another issuer', async () => {
    const stranger = (await generateKeyPair('RS256', { modulusLength: 2048 })).privateKey;
    expect(await refusal((checks) => idToken({ nonce: checks.nonce }, stranger))).toMatchObject({
      code: 'OIDC.ID_TOKEN_INVALID',
      message: expect.stringContaining('signature does not verify'),
    });
    expect(await refusal((checks) => idToken({ nonce: checks.nonce, exp: NOW.getTime() / 1000 - 60 }))).toMatchObject({
      message: expect.stringContaining('has expired'),
    });
    expect(await refusal((checks) => idToken({ nonce: checks.nonce, iss: 'https://idp.other.vn' }))).toMatchObject({
      message: expect.stringContaining(`not issued by ${ISSUER}`),
    });
  });

  it('refuses a roles claim of the wrong shape rather than guess, as a bearer token is', async () => {
    expect(await refusal((checks) => idToken({ nonce: checks.nonce, realm_access: { roles: 'admin' } }))).toMatchObject({
      code: 'OIDC.ID_TOKEN_INVALID',
      message: expect.stringContaining('realm_access.roles claim is not a list of strings'),
    });
  });
});
