import { DomainError } from '../domain-kit/domain-error.js';
import { addCalendarDays, toCalendarDay, weekdayOf, yearOf, type CalendarDay } from './calendar-day.js';
import type { HolidayYear } from './holiday-year.js';

/**
 * Working days in Vietnam: Monday to Friday, minus the days off of the holiday files, plus the weekend
 * days worked in their place. Pure: built from the files' contents, no clock, no I/O. A day of a year
 * without a file is refused rather than guessed: a deadline counted over an unknown Tết would be wrong.
 *
 * A day is a CalendarDay (YYYY-MM-DD) or an instant with an offset, read as its day in Vietnam.
 */
export class WorkingDayCalendar {
  private readonly daysOff: ReadonlySet<CalendarDay>;
  private readonly workedWeekendDays: ReadonlySet<CalendarDay>;
  readonly years: readonly number[];

  constructor(years: readonly HolidayYear[]) {
    this.years = [...new Set(years.map((year) => year.year))].sort((a, b) => a - b);
    if (this.years.length !== years.length) throw new Error('Two holiday files describe the same year.');
    this.daysOff = new Set(years.flatMap((year) => year.daysOff.map((day) => day.date)));
    this.workedWeekendDays = new Set(years.flatMap((year) => year.swappedWorkingDays.map((day) => day.date)));
  }

  isWorkingDay(date: string | Date): boolean {
    const day = this.covered(date);
    if (this.workedWeekendDays.has(day)) return true;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6 && !this.daysOff.has(day);
  }

  /**
   * The day n working days after start; start itself is not counted, whatever it is (Civil Code
   * 91/2015/QH13 art. 147: a period in days starts on the day after the event). n = 0 gives start.
   */
  addWorkingDays(start: string | Date, n: number): CalendarDay {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays counts forward by a whole number of days, not ${n}.`);
    let day = this.covered(start);
    for (let counted = 0; counted < n;) {
      day = addCalendarDays(day, 1);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** The number of working days d with a < d <= b (negative when b is before a): addWorkingDays's inverse. */
  workingDaysBetween(a: string | Date, b: string | Date): number {
    const from = this.covered(a);
    const to = this.covered(b);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (this.isWorkingDay(day)) count++;
    return count;
  }

  /** The first working day on or after the day given. */
  nextWorkingDayFrom(date: string | Date): CalendarDay {
    let day = this.covered(date);
    while (!this.isWorkingDay(day)) day = addCalendarDays(day, 1);
    return day;
  }

  private covered(date: string | Date): CalendarDay {
    const day = toCalendarDay(date);
    if (!this.years.includes(yearOf(day))) {
      const known = this.years.length === 0 ? 'no year' : this.years.join(', ');
      throw new DomainError(
        'CALENDAR.YEAR_NOT_COVERED',
        `The working-day calendar has holiday data for ${known}; ${day} is outside it. An administrator adds a year by adding src/calendar/holidays/vn-${yearOf(day)}.json.`,
        'unprocessable',
        { day, years: this.years },
      );
    }
    return day;
  }
}
