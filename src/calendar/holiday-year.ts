import { isCalendarDate } from '../officials/calendar-date.js';
import { weekdayOf, yearOf, type CalendarDay } from './calendar-day.js';

/**
 * holiday: a public holiday of Labour Code art. 112(1); compensatory: taken in place of a holiday that
 * fell on a weekend (art. 112(3)); swapped: a working day moved to a weekend day (ngày làm bù).
 */
export const DAY_OFF_KINDS = ['holiday', 'compensatory', 'swapped'] as const;
export type DayOffKind = (typeof DAY_OFF_KINDS)[number];

export interface DayOff {
  readonly date: CalendarDay;
  readonly name: string;
  readonly kind: DayOffKind;
  readonly legalBasis: string;
  /** Not confirmed against an official announcement: the note says what is unsure. */
  readonly check?: boolean;
  readonly note?: string;
}

/** A weekend day worked in place of a weekday given off. */
export interface SwappedWorkingDay {
  readonly date: CalendarDay;
  readonly replaces: CalendarDay;
  readonly legalBasis: string;
  readonly check?: boolean;
  readonly note?: string;
}

/** One file of src/calendar/holidays: the days off and worked weekend days of one year. */
export interface HolidayYear {
  readonly country: string;
  readonly year: number;
  readonly daysOff: readonly DayOff[];
  readonly swappedWorkingDays: readonly SwappedWorkingDay[];
}

/** Checks a parsed file; `source` names it in the error, so an admin knows which file to fix. */
export function parseHolidayYear(value: unknown, source: string): HolidayYear {
  const fail = (problem: string): never => {
    throw new Error(`Holiday file ${source}: ${problem}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not a JSON object.');
  const file = value as Record<string, unknown>;
  if (!Number.isInteger(file.year)) return fail('"year" must be a whole number.');
  const year = file.year as number;
  if (typeof file.country !== 'string') return fail('"country" must be a string such as "VN".');
  if (!Array.isArray(file.daysOff)) return fail('"daysOff" must be a list.');
  if (!Array.isArray(file.swappedWorkingDays)) return fail('"swappedWorkingDays" must be a list (it may be empty).');
  const inYear = (date: unknown, what: string): CalendarDay => {
    if (!isCalendarDate(date) || yearOf(date) !== year) return fail(`${what} ${String(date)} is not a day (YYYY-MM-DD) of ${year}.`);
    return date;
  };
  const daysOff = (file.daysOff as Record<string, unknown>[]).map((entry) => {
    inYear(entry.date, 'day off');
    if (typeof entry.name !== 'string' || typeof entry.legalBasis !== 'string')
      fail(`day off ${String(entry.date)} needs a name and a legalBasis.`);
    if (!(DAY_OFF_KINDS as readonly unknown[]).includes(entry.kind))
      fail(`day off ${String(entry.date)}: kind must be one of ${DAY_OFF_KINDS.join(', ')}.`);
    return entry as unknown as DayOff;
  });
  const swapped = (file.swappedWorkingDays as Record<string, unknown>[]).map((entry) => {
    const date = inYear(entry.date, 'swapped working day');
    if (weekdayOf(date) !== 0 && weekdayOf(date) !== 6) fail(`swapped working day ${date} is not a Saturday or Sunday.`);
    if (!isCalendarDate(entry.replaces) || typeof entry.legalBasis !== 'string')
      fail(`swapped working day ${date} needs "replaces" (YYYY-MM-DD) and a legalBasis.`);
    return entry as unknown as SwappedWorkingDay;
  });
  const dates = [...daysOff, ...swapped].map((entry) => entry.date);
  const repeated = dates.find((date, index) => dates.indexOf(date) !== index);
  if (repeated) fail(`${repeated} is listed twice.`);
  return { country: file.country, year, daysOff, swappedWorkingDays: swapped };
}
