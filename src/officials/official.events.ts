import type { DomainEvent } from '../domain-kit/decider.js';
import type { EventCorrected } from '../domain-kit/corrections.js';

/** The part an official plays in a unit they are put in charge of (chế độ phân công phụ trách). */
export const RESPONSIBILITY_ROLES = ['committee-member-in-charge', 'standing-committee-member', 'leader', 'other'] as const;
export type ResponsibilityRole = (typeof RESPONSIBILITY_ROLES)[number];

export type OfficialRegistered = DomainEvent<
  'OfficialRegistered',
  { officialId: string; fullName: string; position: string; unitId: string }
>;
export type OfficialPositionChanged = DomainEvent<'OfficialPositionChanged', { position: string; previousPosition: string }>;
/** Leaving also ends every open assignment, each with its own ResponsibilityEnded recorded with it. */
export type OfficialLeft = DomainEvent<'OfficialLeft', { reason: string; lastDay: string }>;
/** from and to are calendar days, both included; to null means until ended. */
export type ResponsibilityAssigned = DomainEvent<
  'ResponsibilityAssigned',
  { assignmentId: string; unitId: string; role: ResponsibilityRole; from: string; to: string | null }
>;
export type ResponsibilityEnded = DomainEvent<'ResponsibilityEnded', { assignmentId: string; to: string; reason: string }>;

export type OfficialEvent =
  OfficialRegistered | OfficialPositionChanged | OfficialLeft | ResponsibilityAssigned | ResponsibilityEnded | EventCorrected;

export const officialStream = (officialId: string): string => `official-${officialId}`;
