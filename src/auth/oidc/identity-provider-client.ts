import * as client from 'openid-client';
import type { OidcClientConfig } from '../auth.config.js';
import { OidcSignInRefused } from './oidc-sign-in-refused.js';

/** What the authorization request carries that the callback must find again. */
export interface AuthorizationChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** What the sign-in needs of the identity provider. */
export interface IdentityProvider {
  authorizationUrl(checks: AuthorizationChecks): Promise<URL>;
  /** The ID token of the code the callback address carries, once the answer passed the protocol's checks. */
  idTokenFor(callbackUrl: URL, checks: AuthorizationChecks): Promise<string>;
  keySetUrl(): Promise<string>;
  endSessionUrl(postLogoutRedirectUri: string): Promise<URL | undefined>;
}

/**
 * This service as a client of the identity provider, through openid-client: the discovery document of
 * AUTH_ISSUER (cached an hour; the last good one stays in use while the provider is unreachable), the
 * authorization request with PKCE S256, the code exchange and its ID token checks (iss, aud, azp, exp,
 * iat, nonce), and the provider's end-session address.
 */
export class IdentityProviderClient implements IdentityProvider {
  private cached: { readonly configuration: client.Configuration; readonly at: number } | undefined;
  private pending: Promise<client.Configuration> | undefined;

  constructor(
    private readonly issuer: string,
    private readonly settings: OidcClientConfig,
    readonly redirectUri: string,
    private readonly maxAgeMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async authorizationUrl(checks: AuthorizationChecks): Promise<URL> {
    const configuration = await this.configuration();
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code of the callback address for the ID token, once openid-client has checked the response and the token's claims. */
  async idTokenFor(callbackUrl: URL, checks: AuthorizationChecks): Promise<string> {
    const configuration = await this.configuration();
    let tokens: client.TokenEndpointResponse;
    try {
      tokens = await client.authorizationCodeGrant(
        configuration,
        callbackUrl,
        {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: this.redirectUri },
      );
    } catch (error) {
      throw refusalFor(error);
    }
    if (typeof tokens.id_token !== 'string')
      throw new OidcSignInRefused('OIDC.ID_TOKEN_INVALID', 'The identity provider answered without an ID token.');
    return tokens.id_token;
  }

  /** The provider's published keys (the discovery document's jwks_uri). */
  async keySetUrl(): Promise<string> {
    const jwksUri = (await this.configuration()).serverMetadata().jwks_uri;
    if (jwksUri === undefined)
      throw new OidcSignInRefused('OIDC.PROVIDER_UNAVAILABLE', 'The identity provider publishes no signing keys (jwks_uri).');
    return jwksUri;
  }

  /** Where to send the browser to end the provider's own session too, if the provider says it supports that. */
  async endSessionUrl(postLogoutRedirectUri: string): Promise<URL | undefined> {
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration();
    } catch {
      return undefined;
    }
    if (configuration.serverMetadata().end_session_endpoint === undefined) return undefined;
    // The ID token is not kept, so client_id names who asks (RP-Initiated Logout 1.0, section 2).
    return client.buildEndSessionUrl(configuration, {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }

  private async configuration(): Promise<client.Configuration> {
    if (this.cached && this.now() - this.cached.at < this.maxAgeMs) return this.cached.configuration;
    try {
      this.pending ??= this.discover().finally(() => (this.pending = undefined));
      return await this.pending;
    } catch (error) {
      if (this.cached) return this.cached.configuration;
      throw new OidcSignInRefused(
        'OIDC.PROVIDER_UNAVAILABLE',
        'The identity provider does not answer; sign-in through it is not possible now. Try again in a few minutes.',
        `discovery of ${this.issuer}: ${describe(error)}`,
      );
    }
  }

  private async discover(): Promise<client.Configuration> {
    const { clientId, clientSecret } = this.settings;
    const insecure = new URL(this.issuer).protocol === 'http:';
    const configuration = await client.discovery(
      new URL(this.issuer),
      clientId,
      { redirect_uris: [this.redirectUri], response_types: ['code'] },
      clientSecret === undefined ? client.None() : client.ClientSecretBasic(clientSecret),
      { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 5 },
    );
    this.cached = { configuration, at: this.now() };
    return configuration;
  }
}

function refusalFor(error: unknown): OidcSignInRefused {
  if (error instanceof client.AuthorizationResponseError)
    return new OidcSignInRefused(
      'OIDC.PROVIDER_REFUSED',
      `The identity provider did not sign you in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}).`,
    );
  if (error instanceof client.ResponseBodyError)
    return new OidcSignInRefused(
      'OIDC.CODE_REFUSED',
      'The identity provider refused the sign-in code (it may have been used already, or have expired); sign in again.',
      `token endpoint: ${error.status} ${error.error}${error.error_description ? ` ${error.error_description}` : ''}`,
    );
  if (error instanceof client.ClientError && isTransportFailure(error))
    return new OidcSignInRefused(
      'OIDC.PROVIDER_UNAVAILABLE',
      'The identity provider does not answer; sign-in through it is not possible now. Try again in a few minutes.',
      describe(error),
    );
  return new OidcSignInRefused(
    'OIDC.ID_TOKEN_INVALID',
    "The identity provider's answer did not pass this service's checks (its ID token is not for this service, or not for this sign-in).",
    describe(error),
  );
}

/** No answer, an answer cut short, or a server error: the provider's trouble, not the sign-in's. */
function isTransportFailure(error: client.ClientError): boolean {
  return (
    error.code === undefined ||
    error.code === 'OAUTH_TIMEOUT' ||
    error.code === 'OAUTH_ABORT' ||
    error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' ||
    error.code === 'OAUTH_RESPONSE_IS_NOT_JSON'
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
