import type { Request } from 'express';

/** The roles a token may carry; what each may do is the permission matrix (permissions.ts, README "Who may do what"). */
export const ROLES = ['recorder', 'official', 'standing-committee', 'inspector', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking: the verified token's subject, its roles, and the units it serves ('all' = no unit
 * scope). The authentication guard puts it on the request; handlers read it with principalOf.
 */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly units: readonly string[] | 'all';
  /**
   * The official the holder is (the token's `official` claim, or AUTH_OFFICIAL_CLAIM's path), absent
   * for a user who is no official: every fact this caller records names them beside the actor.
   */
  readonly officialId?: string;
}

/** Who calls a public route (the Open311 intake): no token, no role. */
export const UNAUTHENTICATED_PRINCIPAL: Principal = { subject: 'anonymous', roles: [], units: [] };

type WithPrincipal = Request & { principal?: Principal };

export function principalOf(request: Request): Principal {
  return (request as WithPrincipal).principal ?? UNAUTHENTICATED_PRINCIPAL;
}

export function attachPrincipal(request: Request, principal: Principal): void {
  (request as WithPrincipal).principal = principal;
}

export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
