import { isCalendarDate } from '../domain-kit/calendar-date.js';
import { isOffsetDateTime } from '../domain-kit/offset-date-time.js';
import { DAY_MS, VIETNAM_OFFSET, vietnamDateAt } from '../domain-kit/time.js';

/** A day of the civil calendar, YYYY-MM-DD: strings in this form compare in date order. */
export type CalendarDay = string;

export { VIETNAM_OFFSET } from '../domain-kit/time.js';

/**
 * An instant written in Vietnam's own offset, on a day every month has and at an hour Date.parse reads
 * as that day (not 24:00): its date part is already its Vietnamese day.
 */
const WRITTEN_IN_VIETNAM = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?\+07:00$/;

/** The Vietnamese calendar day of an instant (ISO-8601 with an offset, or a Date). */
export function vietnamDayOf(instant: string | Date): CalendarDay {
  // Most instants in the ledger are written in Vietnam's offset: read their date without parsing (the review calls this per fact).
  if (typeof instant === 'string' && WRITTEN_IN_VIETNAM.test(instant)) return instant.slice(0, 10);
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return vietnamDateAt(time);
}

/** A calendar day as given, or the Vietnamese day of an instant; anything else is refused. */
export function toCalendarDay(value: string | Date): CalendarDay {
  if (value instanceof Date) return vietnamDayOf(value);
  // The common case, and a valid instant by the pattern alone: no parsing (deadlines ask this per fact).
  if (WRITTEN_IN_VIETNAM.test(value)) return value.slice(0, 10);
  if (isCalendarDate(value)) return value;
  if (isOffsetDateTime(value)) return vietnamDayOf(value);
  throw new RangeError(`${String(value).slice(0, 40)} is neither a day (YYYY-MM-DD) nor a date-time with an offset.`);
}

export function addCalendarDays(day: CalendarDay, days: number): CalendarDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function yearOf(day: CalendarDay): number {
  return Number(day.slice(0, 4));
}

/** The last instant of a day in Vietnam: a limit counted in days ends when its last day ends. */
export function endOfVietnamDay(day: CalendarDay): string {
  return `${day}T23:59:59.999${VIETNAM_OFFSET}`;
}
