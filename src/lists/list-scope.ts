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

/**
 * The Vietnamese day of an instant column in milliseconds, in SQL: the tree of the day is asked per
 * row, by the day of the matter (a case's receipt, a visit's planned day, a meeting's day).
 */
export function vietnamDaySql(millisecondsColumn: string): string {
  return `date(${millisecondsColumn} / 1000 + 25200, 'unixepoch')`;
}

/**
 * The SQL of the units a scope covers and those under them, with the days each lies under them, as a
 * CTE of that name (its units bound as @<name>): each step down follows a parent over the days it held
 * (unit_parents), so a commune moved from a district to the province is under the district until the
 * day before the move and under the province from that day on. Rows are (id, first_day, end_day), the
 * end exclusive.
 */
export function scopeUnitsCte(parentsTable: string, name = 'scope_units'): string {
  return `${name}(id, first_day, end_day) AS (
    SELECT value, '${FIRST_DAY}', '${END_OF_TIME}' FROM json_each(@${name})
    UNION SELECT p.unit_id, max(p.first_day, s.first_day), min(p.end_day, s.end_day)
      FROM "${parentsTable}" p JOIN ${name} s ON p.parent_id = s.id
      WHERE p.first_day < s.end_day AND p.end_day > s.first_day
  )`;
}

/**
 * The units a unit filter names: the unit, the units merged into it (their history is its history now),
 * and with `below` every unit under those on the days it was, as a CTE named filter_units (bound as
 * @unitId and @below), its rows (id, first_day, end_day) as scopeUnitsCte's.
 */
export function filterUnitsCte(unitsTable: string, parentsTable: string): string {
  return `filter_units(id, first_day, end_day) AS (
    SELECT @unitId, '${FIRST_DAY}', '${END_OF_TIME}'
    UNION SELECT u.unit_id, f.first_day, f.end_day FROM "${unitsTable}" u JOIN filter_units f ON u.merged_into = f.id
    UNION SELECT p.unit_id, max(p.first_day, f.first_day), min(p.end_day, f.end_day)
      FROM "${parentsTable}" p JOIN filter_units f ON p.parent_id = f.id
      WHERE @below = 1 AND p.first_day < f.end_day AND p.end_day > f.first_day
  )`;
}

/**
 * The row's unit is among a CTE's units on one of the days given (SQL expressions of days). The plain
 * IN comes first so that SQLite can still reach the rows through the index on the unit column; the
 * days are then checked on those rows only.
 */
export function unitOnDaySql(cte: string, unitColumn: string, days: readonly string[]): string {
  const onDay = days.map((day) => `(u.first_day <= ${day} AND u.end_day > ${day})`).join(' OR ');
  return `(${unitColumn} IN (SELECT id FROM ${cte}) AND EXISTS (SELECT 1 FROM ${cte} u WHERE u.id = ${unitColumn} AND (${onDay})))`;
}

/** The first and the end (exclusive) of a parent period that is open on that side. */
export const FIRST_DAY = '0000-01-01';
export const END_OF_TIME = '9999-12-31';

/**
 * The day of today's tree, as SQL: a day after every move (a move is recorded only once in effect, so
 * the tree of today is the one every recorded move has made).
 */
export const TODAYS_TREE = `'9999-12-30'`;
