import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { AuthConfig, OidcClientConfig } from '../auth.config.js';
import { KeySetUnavailable, UrlKeySource } from '../jwt/json-web-key-set.js';
import type { OpenedSession, SessionStore } from '../sessions/session-store.port.js';
import { TokenRejected, TokenVerifier } from '../token-verifier.js';
import type { IdentityProvider } from './identity-provider-client.js';
import { OidcSignInRefused } from './oidc-sign-in-refused.js';

/** The injection token of the OidcSignIn, null when the service has no client at the identity provider. */
export const OIDC_SIGN_IN = Symbol('OIDC_SIGN_IN');

/** Where the provider sends the browser back to: the redirect_uri to register for this service's client. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/** How long the person has at the provider between leaving the console and coming back. */
export const OIDC_ATTEMPT_SECONDS = 10 * 60;

/** A sign-in sent to the provider: the browser keeps only the attempt's id (a short-lived cookie); the checks stay here. */
export interface StartedSignIn {
  readonly attemptId: string;
  readonly authorizationUrl: URL;
  readonly expiresAt: Date;
}

/**
 * Sign-in to the console through the identity provider (OpenID Connect authorization code with PKCE).
 * The state, nonce and code verifier are kept in the session store under the attempt cookie's id, so
 * a callback is accepted once, only in the browser that started it. The ID token is verified a second
 * time here with jose against the provider's published keys, and mapped to a Principal by the same
 * verifier (same algorithms, same claim paths) as a bearer token, with this client as its audience.
 */
export class OidcSignIn {
  private readonly idTokens: TokenVerifier;

  constructor(
    private readonly provider: IdentityProvider,
    private readonly store: SessionStore,
    auth: AuthConfig,
    private readonly settings: OidcClientConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.idTokens = new TokenVerifier(
      { ...auth, audience: settings.clientId },
      { source: new LazyKeySource(() => provider.keySetUrl()) },
      () => this.now().getTime() / 1000,
    );
  }

  async start(): Promise<StartedSignIn> {
    const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const authorizationUrl = await this.provider.authorizationUrl(checks);
    const now = this.now();
    const attemptId = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + OIDC_ATTEMPT_SECONDS * 1000);
    await this.store.beginOidcSignIn(attemptId, { ...checks, expiresAt }, now);
    return { attemptId, authorizationUrl, expiresAt };
  }

  /** The provider sent the browser back to callbackUrl: check it, exchange the code, verify the ID token, open the session. */
  async finish(attemptId: string | undefined, callbackUrl: URL): Promise<OpenedSession> {
    const attempt = attemptId === undefined ? undefined : await this.store.takeOidcSignIn(attemptId, this.now());
    if (!attempt)
      throw new OidcSignInRefused(
        'OIDC.ATTEMPT_UNKNOWN',
        'This sign-in was not started in this browser, took longer than ten minutes, or was finished already; sign in again.',
      );
    const state = callbackUrl.searchParams.get('state') ?? '';
    if (!sameText(state, attempt.state))
      throw new OidcSignInRefused(
        'OIDC.STATE_MISMATCH',
        'The answer from the identity provider does not belong to the sign-in this browser started; sign in again.',
      );
    const idToken = await this.provider.idTokenFor(callbackUrl, attempt);
    let principal;
    try {
      principal = await this.idTokens.verify(idToken);
    } catch (error) {
      if (error instanceof TokenRejected)
        throw new OidcSignInRefused('OIDC.ID_TOKEN_INVALID', `The identity provider's ID token is not accepted: ${error.message}`);
      if (error instanceof KeySetUnavailable) throw new OidcSignInRefused('OIDC.PROVIDER_UNAVAILABLE', error.message);
      throw error;
    }
    if (principal.roles.length === 0)
      throw new OidcSignInRefused(
        'OIDC.NO_ROLES',
        `Your account (${principal.subject}) carries no role of this service; ask the administrator of the identity provider to grant you one.`,
      );
    return this.store.openWithIdentityProvider(principal, this.settings.sessionSeconds * 1000, this.now());
  }

  endSessionUrl(postLogoutRedirectUri: string): Promise<URL | undefined> {
    return this.provider.endSessionUrl(postLogoutRedirectUri);
  }
}

/** The provider's keys at the address its discovery document names, read when the first ID token arrives. */
class LazyKeySource {
  private source: Promise<UrlKeySource> | undefined;

  constructor(private readonly keySetUrl: () => Promise<string>) {}

  async keysFor(...args: Parameters<UrlKeySource['keysFor']>): ReturnType<UrlKeySource['keysFor']> {
    // A failed discovery is not remembered: the next ID token asks again.
    this.source ??= this.keySetUrl().then(
      (url) => new UrlKeySource(url),
      (error: unknown) => {
        this.source = undefined;
        throw error;
      },
    );
    return (await this.source).keysFor(...args);
  }
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
