import { addCalendarDays, endOfVietnamDay, vietnamDayOf, type CalendarDay } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { UpwardReportLimit } from './review-input.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * When a must-report matter had to be reported upward, counted from its receipt as the deadline
 * calculator counts (Civil Code arts. 147–148): hours exactly; days from the day after receipt, ending
 * at the end of the last day in Vietnam; a calendar-day limit ending on a day off runs to the next
 * working day.
 */
export function upwardReportDue(receivedAt: string, limit: UpwardReportLimit, calendar: WorkingDayCalendar | undefined): string {
  if (limit.unit === 'hours')
    return `${new Date(Date.parse(receivedAt) + limit.limit * HOUR_MS + 7 * HOUR_MS).toISOString().slice(0, 23)}+07:00`;
  // A limit in days ends on a day that depends only on the day of receipt: an evaluation of a province
  // asks for the same few hundred days again and again, so each calendar remembers its answers.
  const day = vietnamDayOf(receivedAt);
  const key = `${limit.unit}/${limit.limit}/${day}`;
  const known = calendar ? dueDays.get(calendar) : undefined;
  const remembered = known?.get(key);
  if (remembered !== undefined) return remembered;
  const due = dayLimitDue(day, limit, calendar);
  if (calendar) dueDays.set(calendar, (known ?? new Map<string, string>()).set(key, due));
  return due;
}

/** Per calendar, the due instants already counted; at most one entry per day of the calendar's years and limit. */
const dueDays = new WeakMap<WorkingDayCalendar, Map<string, string>>();

function dayLimitDue(day: CalendarDay, limit: UpwardReportLimit, calendar: WorkingDayCalendar | undefined): string {
  switch (limit.unit) {
    case 'hours':
      throw new Error('An upward-report limit in hours is not counted in days.');
    case 'working-days':
      if (!calendar) throw new Error('An upward-report limit in working days needs the working-day calendar.');
      return endOfVietnamDay(calendar.addWorkingDays(day, limit.limit));
    case 'calendar-days': {
      const last = addCalendarDays(day, limit.limit);
      return endOfVietnamDay(calendar ? calendar.nextWorkingDayFrom(last) : last);
    }
    default:
      return unhandled(limit.unit);
  }
}

function unhandled(value: never): never {
  throw new Error(`Unhandled ${JSON.stringify(value)}`);
}
