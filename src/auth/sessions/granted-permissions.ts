import { PERMISSIONS, type PermissionName, type Scope } from '../permissions.js';
import type { Principal, Role } from '../principal.js';

const BREADTH: Record<Scope, number> = { any: 3, unit: 2, self: 1 };

/**
 * What the permission matrix grants this principal, permission by permission, with the broadest
 * scope any of its roles has. The console offers only these; the API still decides every request.
 */
export function grantedPermissions(principal: Principal): Partial<Record<PermissionName, Scope>> {
  const granted: Partial<Record<PermissionName, Scope>> = {};
  for (const [name, permission] of Object.entries(PERMISSIONS) as [PermissionName, { grants: Partial<Record<Role, Scope>> }][]) {
    for (const role of principal.roles) {
      const scope = permission.grants[role];
      if (scope !== undefined && (granted[name] === undefined || BREADTH[scope] > BREADTH[granted[name]])) granted[name] = scope;
    }
  }
  return granted;
}
