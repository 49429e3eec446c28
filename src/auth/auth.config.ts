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
}

export const EMBEDDED_ISSUER = 'accountability-ledger';
export const EMBEDDED_AUDIENCE = 'accountability-ledger';

export type RolesClaimFormat = 'list' | 'space-separated';
