import type { DomainEvent } from '../domain-kit/decider.js';
import type { EventCorrected } from '../domain-kit/corrections.js';

export const UNIT_KINDS = [
  'province',
  'district',
  'commune',
  'party-committee',
  /** A Party committee's Standing Committee (Ban Thường vụ), which acts between its sessions: under its committee. */
  'standing-committee',
  'party-cell',
  'agency',
  'department',
  'mass-organisation',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * The localities of the tree: every other unit (a Party committee, its Standing Committee, a cell, an
 * agency) is attached to the nearest locality above it, and is at that locality's level.
 */
export const LOCALITY_KINDS: readonly UnitKind[] = ['province', 'district', 'commune'];

export type UnitRegistered = DomainEvent<'UnitRegistered', { unitId: string; name: string; kind: UnitKind; parentId: string | null }>;
export type UnitRenamed = DomainEvent<'UnitRenamed', { name: string; previousName: string }>;
/** Recorded on the unit that ceases to exist; its history stays readable under its own id. */
export type UnitMerged = DomainEvent<'UnitMerged', { intoUnitId: string }>;
/** Recorded on the unit that continues, so its history links to the merged one's. */
export type UnitAbsorbed = DomainEvent<'UnitAbsorbed', { fromUnitId: string }>;
export type UnitAbolished = DomainEvent<'UnitAbolished', { reason: string }>;
/**
 * The unit sits under another parent from effectiveOn (a Vietnamese calendar day) on; before that day
 * the old parent stays its parent, so matters of earlier days keep the upper levels they had.
 */
export type UnitMoved = DomainEvent<
  'UnitMoved',
  { fromParentId: string | null; toParentId: string; effectiveOn: string; legalBasis: string }
>;

/**
 * The unit is (remote true) or is no longer (false) a remote or difficult area (vùng sâu, vùng xa, đi
 * lại khó khăn) from effectiveOn (a Vietnamese calendar day) on, by the decision named in legalBasis:
 * the longer legal time limits apply to the cases it receives from that day on.
 */
export type UnitRemoteAreaSet = DomainEvent<'UnitRemoteAreaSet', { remote: boolean; effectiveOn: string; legalBasis: string }>;

export type UnitEvent =
  UnitRegistered | UnitRenamed | UnitMerged | UnitAbsorbed | UnitAbolished | UnitMoved | UnitRemoteAreaSet | EventCorrected;

export const unitStream = (unitId: string): string => `unit-${unitId}`;

/** The unit id of a unit's stream; null for any other stream. */
export function unitIdOfStream(streamId: string): string | null {
  return streamId.startsWith('unit-') && streamId.length > 'unit-'.length ? streamId.slice('unit-'.length) : null;
}
