/** How tokens are verified: the data folder's own HS256 secret, or an identity provider's RS256/ES256 keys. */
export interface AuthConfig {
  readonly mode: 'embedded' | 'external';
  readonly issuer: string;
  readonly audience: string;
  /** external mode: exactly one of these. */
  readonly jwksUrl: string | undefined;
  readonly jwksFile: string | undefined;
  /** Dotted path of the roles claim, e.g. "roles" or "realm_access.roles". */
  readonly rolesClaim: string;
  /** list: a JSON array of strings (anything else refuses the token); space-separated: one string, as OAuth's `scope`. */
  readonly rolesClaimFormat: RolesClaimFormat;
  readonly unitsClaim: string;
  /** Dotted path of the claim naming the official the token's holder is, e.g. "official" or "ext.official_id". */
  readonly officialClaim: string;
  readonly clockToleranceSeconds: number;
  /** external mode: console sign-in through the provider (authorization code with PKCE), when a client id is set. */
  readonly oidc?: OidcClientConfig;
}

/** This service as an OpenID Connect client of AUTH_ISSUER. */
export interface OidcClientConfig {
  readonly clientId: string;
  /** A confidential client (client_secret_basic); without one, a public client that proves itself with PKCE alone. */
  readonly clientSecret: string | undefined;
  /** Space-separated scopes asked for; always holds openid. */
  readonly scopes: string;
  /** How long a console session opened through the provider lasts. */
  readonly sessionSeconds: number;
}

export const EMBEDDED_ISSUER = 'accountability-ledger';
export const EMBEDDED_AUDIENCE = 'accountability-ledger';

export type RolesClaimFormat = 'list' | 'space-separated';
