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

/**
 * The one list of duties the rule book judges by: the recorded duties on the days they cover, and the
 * shipped duties on the other days. Recorded wins on its days, as recorded rules do, so recording a
 * duty from a date takes over from the shipped one without retiring it, and retiring the recorded duty
 * gives the days back to the shipped one. A shipped duty recorded under its own id is replaced whole.
 * A shipped duty cut by a recorded one keeps its id and reference, in force on its remaining pieces.
 */
// `recorded`: each with its retirement, if any, already applied to its effectiveTo.
export function dutiesInForce(shipped: readonly MonthlyDuty[], recorded: readonly MonthlyDuty[]): MonthlyDuty[] {
  const covering = recorded
    .filter((duty) => duty.effectiveTo === null || duty.effectiveTo > duty.effectiveFrom)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const recordedIds = new Set(recorded.map((duty) => duty.dutyId));
  const pieces = shipped.filter((duty) => !recordedIds.has(duty.dutyId)).flatMap((duty) => outside(duty, covering));
  return [...covering, ...pieces];
}

/** The pieces of a duty's days that none of the covering periods (sorted by start) holds. */
function outside(duty: MonthlyDuty, covering: readonly MonthlyDuty[]): MonthlyDuty[] {
  const pieces: MonthlyDuty[] = [];
  let from: CalendarDay | null = duty.effectiveFrom;
  for (const cover of covering) {
    if (from === null) break;
    const pieceEnd = duty.effectiveTo !== null && duty.effectiveTo < cover.effectiveFrom ? duty.effectiveTo : cover.effectiveFrom;
    if (pieceEnd > from) pieces.push({ ...duty, effectiveFrom: from, effectiveTo: pieceEnd });
    if (cover.effectiveTo === null) from = null;
    else if (cover.effectiveTo > from) from = cover.effectiveTo;
  }
  if (from !== null && (duty.effectiveTo === null || duty.effectiveTo > from)) pieces.push({ ...duty, effectiveFrom: from });
  return pieces;
}
