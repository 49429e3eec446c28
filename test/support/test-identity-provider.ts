import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { freePort } from './free-port.js';

/** A person known to the test provider: the claims its ID tokens carry for them (beside sub). */
export type TestAccountClaims = Readonly<Record<string, unknown>>;

export interface TestIdentityProvider {
  readonly issuer: string;
  readonly jwksUrl: string;
  close(): Promise<void>;
}

export interface TestClient {
  readonly clientId: string;
  /** Absent: a public client (token_endpoint_auth_method none), which proves itself with PKCE alone. */
  readonly clientSecret?: string;
  readonly appBaseUrl: string;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, with its development login and consent
 * pages (any password), PKCE required, RP-initiated logout, an RS256 key of its own, and the claims
 * of the `ledger` scope (roles, units, official) put in the ID token itself.
 */
export async function startTestIdentityProvider(
  accounts: Readonly<Record<string, TestAccountClaims>>,
  clients: readonly TestClient[],
  port?: number,
): Promise<TestIdentityProvider> {
  port ??= await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-provider-1', alg: 'RS256', use: 'sig' };
  const configuration: Configuration = {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      ...(client.clientSecret === undefined
        ? { token_endpoint_auth_method: 'none' }
        : { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }),
      redirect_uris: [`${client.appBaseUrl}/auth/oidc/callback`],
      post_logout_redirect_uris: [`${client.appBaseUrl}/sign-in?signedOut=true`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [signingKey as never] },
    cookies: { keys: ['test-provider-cookie-key'] },
    scopes: ['openid', 'profile', 'ledger'],
    claims: { openid: ['sub'], ledger: ['roles', 'units', 'official'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (context, form) => {
          context.body = `<!DOCTYPE html><title>Sign out</title>${form}<button form="op.logoutForm" name="logout" value="yes">Sign out</button>`;
        },
      },
    },
    findAccount: (_context, accountId) => {
      const claims = accounts[accountId];
      return claims === undefined ? undefined : { accountId, claims: () => ({ sub: accountId, ...claims }) };
    },
  };
  const provider = quietly(() => new Provider(issuer, configuration));
  const server: Server = createServer(provider.callback());
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

/** Builds the provider without its notices that a development adapter and development pages are in use (this is a test). */
function quietly<T>(build: () => T): T {
  const { info, warn } = console;
  const unlessProviderNotice =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) =>
      typeof args[0] === 'string' && args[0].startsWith('oidc-provider ') ? undefined : write(...args);
  console.info = unlessProviderNotice(info);
  console.warn = unlessProviderNotice(warn);
  try {
    return build();
  } finally {
    console.info = info;
    console.warn = warn;
  }
}
