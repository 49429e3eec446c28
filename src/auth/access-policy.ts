import { PERMISSIONS, type PermissionName, type Scope } from './permissions.js';
import type { Principal, Role } from './principal.js';

/** What the guard knows of the resource an action touches, when the permission is scoped. */
export interface ResourceScope {
  /** The resource's unit and every unit above it, nearest first. Empty when the resource does not exist (yet). */
  readonly unitLine: readonly string[];
  /** For a case: the official it is assigned to now. */
  readonly assignedOfficialId?: string | null;
  /** For an official's own data: whose it is. */
  readonly officialId?: string;
}

export type AccessDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly code: 'AUTH.ROLE_REQUIRED' | 'AUTH.UNIT_OUT_OF_SCOPE' | 'AUTH.NOT_SELF';
      readonly message: string;
      readonly details: Record<string, unknown>;
    };

/**
 * The pure decision: may this principal do this, on this resource? `servedUnits` are the units the
 * caller serves (token units, plus the units an official is in charge of now).
 */
export function decideAccess(
  principal: Principal,
  permission: PermissionName,
  resource: ResourceScope | undefined,
  servedUnits: readonly string[] | 'all',
): AccessDecision {
  const grants: Partial<Record<Role, Scope>> = PERMISSIONS[permission].grants;
  const granting = principal.roles.filter((role) => grants[role] !== undefined);
  if (granting.length === 0) {
    const needed = Object.keys(grants);
    return {
      allowed: false,
      code: 'AUTH.ROLE_REQUIRED',
      message: `To ${PERMISSIONS[permission].summary} you need one of the roles ${needed.join(', ')}; your token has ${principal.roles.length ? principal.roles.join(', ') : 'none'}.`,
      details: { permission, requiredRoles: needed },
    };
  }
  const scopes = new Set(granting.map((role) => grants[role]!));
  if (scopes.has('any') || resource === undefined) return { allowed: true };
  if (scopes.has('self') && resource.officialId !== undefined && resource.officialId === principal.subject) return { allowed: true };
  if (scopes.has('unit')) {
    if (resource.unitLine.length === 0) return { allowed: true };
    if (resource.assignedOfficialId && resource.assignedOfficialId === principal.subject) return { allowed: true };
    if (servedUnits === 'all' || resource.unitLine.some((unit) => servedUnits.includes(unit))) return { allowed: true };
    return {
      allowed: false,
      code: 'AUTH.UNIT_OUT_OF_SCOPE',
      message: `Unit ${resource.unitLine[0]} is not among the units you serve or are in charge of, and the matter is not assigned to you.`,
      details: { permission, unitId: resource.unitLine[0] },
    };
  }
  return {
    allowed: false,
    code: 'AUTH.NOT_SELF',
    message: `You may only ${PERMISSIONS[permission].summary} for yourself.`,
    details: { permission },
  };
}

/** Whether the caller's roles grant the permission everywhere, so the resource need not be read. */
export function grantedEverywhere(principal: Principal, permission: PermissionName): boolean {
  const grants: Partial<Record<Role, Scope>> = PERMISSIONS[permission].grants;
  return principal.roles.some((role) => grants[role] === 'any');
}
