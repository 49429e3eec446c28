import type { DomainEvent } from '../domain-kit/decider.js';
import type { MeetingKind } from '../meetings/meeting.events.js';
import type { MeetingPlace } from './monthly-duty.js';

/**
 * A monthly duty of members in charge, recorded as a policy: never edited (a change is a new duty and
 * the retirement of the old one), in force on the days effectiveFrom <= day < effectiveTo. On the days
 * it covers it takes over from the shipped duty, as a recorded rule takes over from a shipped rule.
 */
export type MonthlyDutyRecorded = DomainEvent<
  'MonthlyDutyRecorded',
  {
    dutyId: string;
    /** The meetings to attend each month (a plain type, as event data must be JSON). */
    attend: { kind: MeetingKind; where: MeetingPlace }[];
    effectiveFrom: string;
    effectiveTo: string | null;
    reference: string;
    /** The source does not settle everything the duty says: judged by it, but marked to check. */
    needsCheck: boolean;
  }
>;
/** From effectiveTo on (excluded from the duty's days) the duty no longer applies. */
export type MonthlyDutyRetired = DomainEvent<'MonthlyDutyRetired', { effectiveTo: string; reason: string }>;

export type MonthlyDutyEvent = MonthlyDutyRecorded | MonthlyDutyRetired;

/** Not under policy-: a duty's id must not collide with a response rule's. */
export const monthlyDutyStream = (dutyId: string): string => `duty-${dutyId}`;
export const MONTHLY_DUTY_STREAM_PREFIX = 'duty-';
