import { addCalendarDays, endOfVietnamDay, vietnamDayOf } from '../calendar/calendar-day.js';
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
  const day = vietnamDayOf(receivedAt);
  switch (limit.unit) {
    case 'hours':
      return `${new Date(Date.parse(receivedAt) + limit.limit * HOUR_MS + 7 * HOUR_MS).toISOString().slice(0, 23)}+07:00`;
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
