import { grantedEverywhere } from '../auth/access-policy.js';
import type { PermissionName } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { ResourceScopes } from '../auth/resource-scopes.js';

/**
 * What a list may show its caller, by the rule the guard applies to one resource (auth/access-policy.ts):
 * everything when a role grants the permission everywhere; otherwise the resources whose unit is one
 * the caller serves or lies under one (by the parent line, as the guard walks it), and, for a case,
 * one assigned to the caller.
 */
export type ListScope =
  { readonly everywhere: true } | { readonly everywhere: false; readonly units: readonly string[]; readonly subject: string };

export async function listScopeOf(principal: Principal, permission: PermissionName, scopes: ResourceScopes): Promise<ListScope> {
  if (grantedEverywhere(principal, permission)) return { everywhere: true };
  const served = await scopes.servedUnits(principal);
  return served === 'all' ? { everywhere: true } : { everywhere: false, units: served, subject: principal.subject };
}

/** The SQL of the units a scope covers and those under them, as a CTE of that name (its units bound as @<name>). */
export function scopeUnitsCte(unitsTable: string, name = 'scope_units'): string {
  return `${name}(id) AS (
    SELECT value FROM json_each(@${name})
    UNION SELECT u.unit_id FROM "${unitsTable}" u JOIN ${name} s ON u.parent_id = s.id
  )`;
}

/**
 * The units a unit filter names: the unit, the units merged into it (their history is its history now),
 * and with `below` every unit under those, as a CTE named filter_units (bound as @unitId and @below).
 */
export function filterUnitsCte(unitsTable: string): string {
  return `filter_units(id) AS (
    SELECT @unitId
    UNION SELECT u.unit_id FROM "${unitsTable}" u JOIN filter_units f ON u.merged_into = f.id OR (@below = 1 AND u.parent_id = f.id)
  )`;
}
