import type { Role } from './principal.js';

/**
 * How far a role's grant reaches:
 * - any: everywhere;
 * - unit: the resource's unit or a unit under it is one the caller serves — listed in the token's
 *   units, or (for an official) a unit they are in charge of by a current assignment — or, for a
 *   case, the case is assigned to the caller;
 * - self: the resource is the caller (an official reading their own review).
 */
export type Scope = 'any' | 'unit' | 'self';

export interface Permission {
  /** What the permission lets one do, as the README's matrix says it. */
  readonly summary: string;
  readonly grants: Partial<Record<Role, Scope>>;
}

const ALL_ROLES_READ: Partial<Record<Role, Scope>> = {
  recorder: 'any',
  official: 'any',
  'standing-committee': 'any',
  inspector: 'any',
  admin: 'any',
};

/** The permission matrix. The README's table is checked against it by a test; change both together. */
export const PERMISSIONS = {
  'organisation.manage': {
    summary: 'register, rename, merge, abolish and correct units; register officials, assign and end responsibilities',
    grants: { admin: 'any' },
  },
  'policies.manage': { summary: 'record and retire response policies', grants: { admin: 'any' } },
  'directory.read': { summary: 'read units, officials, assignments and policies', grants: ALL_ROLES_READ },
  'cases.receive': { summary: 'record a case received', grants: { recorder: 'unit' } },
  'cases.act': {
    summary: 'acknowledge, classify, assign, act on, mark complex, report upward, extend, resolve, close, reopen a case',
    grants: { official: 'unit' },
  },
  'cases.escalate': { summary: 'escalate a case; record that the upper level was informed', grants: { 'standing-committee': 'any' } },
  'cases.correct': { summary: 'correct a recorded case event', grants: { recorder: 'unit', official: 'unit' } },
  'cases.read': {
    summary: 'read a case (also as an Open311 service request) and replay its history',
    grants: { recorder: 'unit', official: 'unit', 'standing-committee': 'any', inspector: 'any' },
  },
  'visits.record': {
    summary: 'schedule, reschedule, cancel, conduct a visit; record its findings; correct it',
    grants: { recorder: 'unit' },
  },
  'meetings.record': { summary: 'record a meeting; correct it', grants: { recorder: 'unit' } },
  'records.read': {
    summary: 'read a visit or a meeting',
    grants: { recorder: 'unit', official: 'any', 'standing-committee': 'any', inspector: 'any' },
  },
  'reviews.open': { summary: 'open a responsibility review', grants: { 'standing-committee': 'any' } },
  'reviews.conclude': { summary: 'record a review conclusion', grants: { inspector: 'any' } },
  'reviews.read': { summary: 'read a responsibility review record', grants: { 'standing-committee': 'any', inspector: 'any' } },
  'oversight.read': {
    summary: 'audit trails (JSON, CSV), response timelines, annual evaluations',
    grants: { 'standing-committee': 'any', inspector: 'any' },
  },
  'officials.review': {
    summary: "an official's responsibility review",
    grants: { 'standing-committee': 'any', inspector: 'any', official: 'self' },
  },
  'operations.read': { summary: 'projection status and lag; the Prometheus metrics', grants: { admin: 'any', inspector: 'any' } },
  'integrity.read': {
    summary: 'read signed checkpoints, the verifier key, inclusion and consistency proofs, the log status',
    grants: ALL_ROLES_READ,
  },
  'integrity.checkpoint': { summary: 'ask for a signed checkpoint now', grants: { inspector: 'any', admin: 'any' } },
  'integrity.verify': { summary: 'run the full verification of chains, log and checkpoints', grants: { inspector: 'any' } },
  'personal-data.erase': { summary: "erase a data subject's personal data (delete its key)", grants: { admin: 'any' } },
  'personal-data.reads': { summary: 'list who read whose personal data', grants: { inspector: 'any' } },
  'webhooks.manage': {
    summary: 'register, list and disable webhook subscriptions; read their delivery logs',
    grants: { admin: 'any' },
  },
  'calendar.read': { summary: "read a year's working-day calendar (holidays, compensatory and swapped days)", grants: ALL_ROLES_READ },
} as const satisfies Record<string, Permission>;

export type PermissionName = keyof typeof PERMISSIONS;
