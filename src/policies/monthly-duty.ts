import { addCalendarDays, type CalendarDay } from '../calendar/calendar-day.js';
import type { MeetingKind } from '../meetings/meeting.events.js';

/**
 * Which meetings of a kind count for the unit a member is in charge of: `the-unit`, the unit's own
 * Party committee (a meeting recorded on the unit itself, or on a party-committee unit directly under
 * it); `within-the-unit`, any unit of that kind in its tree (at least one Party cell in it).
 */
export type MeetingPlace = 'the-unit' | 'within-the-unit';

/** One part of the duty: attend at least one meeting of this kind, held in the member's days in charge that month. */
export interface MeetingToAttend {
  readonly kind: MeetingKind;
  readonly where: MeetingPlace;
}

/**
 * The monthly duty of a member in charge of a unit, as a rule of the rule book: what they must attend
 * each month, in force on the days effectiveFrom <= day < effectiveTo. Judged per member and month over
 * their own days in charge; no minimum number of days is set by the source, so there is none here.
 */
export interface MonthlyDuty {
  readonly dutyId: string;
  readonly attend: readonly MeetingToAttend[];
  readonly effectiveFrom: CalendarDay;
  readonly effectiveTo: CalendarDay | null;
  readonly reference: string;
  /** The source does not settle everything the rule says (its start date, say): see the shipped file's checks. */
  readonly needsCheck: boolean;
}

/**
 * The duty in force on some day from `from` to `to` (both included), the earliest if two follow each
 * other inside the span, with the days of the span it covers. Null when none covers any of them.
 */
export function monthlyDutyDuring(
  duties: readonly MonthlyDuty[],
  from: CalendarDay,
  to: CalendarDay,
): { duty: MonthlyDuty; from: CalendarDay; to: CalendarDay } | null {
  const covering = duties
    .filter((duty) => duty.effectiveFrom <= to && (duty.effectiveTo === null || duty.effectiveTo > from))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const duty = covering[0];
  if (!duty) return null;
  const lastDay = duty.effectiveTo === null ? to : addCalendarDays(duty.effectiveTo, -1);
  return { duty, from: duty.effectiveFrom > from ? duty.effectiveFrom : from, to: lastDay < to ? lastDay : to };
}
