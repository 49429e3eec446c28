/** Why a sign-in through the identity provider did not open a session: a stable code and a sentence the person can act on. */
export type OidcRefusal =
  | 'OIDC.NOT_CONFIGURED'
  | 'OIDC.PROVIDER_UNAVAILABLE'
  | 'OIDC.ATTEMPT_UNKNOWN'
  | 'OIDC.STATE_MISMATCH'
  | 'OIDC.PROVIDER_REFUSED'
  | 'OIDC.CODE_REFUSED'
  | 'OIDC.ID_TOKEN_INVALID'
  | 'OIDC.NO_ROLES';

export class OidcSignInRefused extends Error {
  constructor(
    readonly code: OidcRefusal,
    message: string,
    /** What went wrong underneath, for the service's log only (never shown to the person). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'OidcSignInRefused';
  }
}
