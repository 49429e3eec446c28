import type { DomainEvent } from '../domain-kit/decider.js';
import type { EventCorrected } from '../domain-kit/corrections.js';

/** Whose meeting (sinh hoạt) it was: the unit's Party committee or one of its Party cells. */
export const MEETING_KINDS = ['party-committee', 'party-cell'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MAX_ATTENDEES = 200;

/** heldAt is when the meeting took place; attendees are official ids. Corrected with EventCorrected. */
export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  { meetingId: string; unitId: string; kind: MeetingKind; heldAt: string; attendees: string[]; agendaSummary: string | null }
>;

export type MeetingEvent = MeetingHeld | EventCorrected;

export const meetingStream = (meetingId: string): string => `meeting-${meetingId}`;
