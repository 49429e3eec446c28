import { addCalendarDays, type CalendarDay } from '../calendar/calendar-day.js';

/** YYYY-MM of a Vietnamese calendar day. */
export type CalendarMonth = string;

export function monthOf(day: CalendarDay): CalendarMonth {
  return day.slice(0, 7);
}

export function firstDayOfMonth(month: CalendarMonth): CalendarDay {
  return `${month}-01`;
}

export function lastDayOfMonth(month: CalendarMonth): CalendarDay {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/** Every month from the one of `from` to the one of `to`, both included. */
export function monthsBetween(from: CalendarDay, to: CalendarDay): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = monthOf(addCalendarDays(lastDayOfMonth(month), 1))) months.push(month);
  return months;
}

/** The number of days from `from` to `to`, both included (0 when to is before from). */
export function daysIncluded(from: CalendarDay, to: CalendarDay): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1);
}

export const later = (a: CalendarDay, b: CalendarDay): CalendarDay => (a > b ? a : b);
export const earlier = (a: CalendarDay, b: CalendarDay): CalendarDay => (a < b ? a : b);
