import { DomainError, type DomainErrorKind } from '../domain-kit/domain-error.js';
import { addCalendarDays, toCalendarDay, yearOf, type CalendarDay } from './calendar-day.js';
import { computeYear, type CalendarYear, type ComputedYear } from './calendar-year.js';
import type { Swap, YearDecision } from './year-decision.js';

/** The years the calendar computes: from the Labour Code of 1994 taking effect to the end of the century. */
export const FIRST_CALENDAR_YEAR = 1995;
export const LAST_CALENDAR_YEAR = 2100;

/**
 * Working days in Vietnam's state agencies for any day of 1995-2100: Monday to Friday (and Saturday
 * before the five-day week of 1999-10-02), minus the holidays of the labour law in force, the days
 * taken in compensation and the weekdays swapped away, plus the weekend days worked in their place.
 * The law's part is computed (lunar dates included); the government's yearly choices come from the
 * decision files. A year without a decision is computed from the law alone and marked provisional.
 *
 * Pure: built from the files' contents, no clock, no I/O. Each year is computed the first time it is
 * asked for and kept, so isWorkingDay is a map lookup after that. A day is a CalendarDay (YYYY-MM-DD)
 * or an instant with an offset, read as its day in Vietnam.
 */
export class WorkingDayCalendar {
  /** The years with a decision file (which may still record no decision). */
  readonly decidedYears: readonly number[];
  private readonly decisions = new Map<number, YearDecision>();
  private readonly swapsByYear = new Map<number, Swap[]>();
  private readonly computed = new Map<number, ComputedYear>();
  /** Every day of every year computed so far: true for a working day. */
  private readonly working = new Map<CalendarDay, boolean>();

  constructor(decisions: readonly YearDecision[]) {
    for (const decision of decisions) {
      if (this.decisions.has(decision.year)) throw new Error(`Two holiday files describe the same year, ${decision.year}.`);
      if (decision.year < FIRST_CALENDAR_YEAR || decision.year > LAST_CALENDAR_YEAR)
        throw new Error(`Holiday file vn-${decision.year}.json: the calendar covers ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}.`);
      this.decisions.set(decision.year, decision);
      for (const swap of decision.swaps) {
        for (const year of new Set([yearOf(swap.dayOff), yearOf(swap.workedOn)])) {
          this.swapsByYear.set(year, [...(this.swapsByYear.get(year) ?? []), swap]);
        }
      }
    }
    this.decidedYears = [...this.decisions.keys()].sort((a, b) => a - b);
    // A file that contradicts the law is said at start, not the first time a deadline meets its year.
    for (const year of this.decidedYears) this.computedYear(year, 'unprocessable');
  }

  /** The year as the API shows it; a year outside 1995-2100 is not found (CALENDAR.YEAR_OUT_OF_RANGE). */
  year(year: number): CalendarYear {
    return this.computedYear(year, 'not-found').view;
  }

  isWorkingDay(date: string | Date): boolean {
    // The hot path: a day already computed needs no parsing (only valid days are ever stored).
    if (typeof date === 'string') {
      const known = this.working.get(date);
      if (known !== undefined) return known;
    }
    const day = toCalendarDay(date);
    return this.working.get(day) ?? this.computeDayOf(day);
  }

  /**
   * The day n working days after start; start itself is not counted, whatever it is (Civil Code
   * 91/2015/QH13 art. 147: a period in days starts on the day after the event). n = 0 gives start.
   */
  addWorkingDays(start: string | Date, n: number): CalendarDay {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays counts forward by a whole number of days, not ${n}.`);
    let day = this.inRange(start);
    for (let counted = 0; counted < n;) {
      day = addCalendarDays(day, 1);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** The number of working days d with a < d <= b (negative when b is before a): addWorkingDays's inverse. */
  workingDaysBetween(a: string | Date, b: string | Date): number {
    const from = this.inRange(a);
    const to = this.inRange(b);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (this.isWorkingDay(day)) count++;
    return count;
  }

  /** The first working day on or after the day given. */
  nextWorkingDayFrom(date: string | Date): CalendarDay {
    let day = this.inRange(date);
    while (!this.isWorkingDay(day)) day = addCalendarDays(day, 1);
    return day;
  }

  private inRange(date: string | Date): CalendarDay {
    const day = toCalendarDay(date);
    this.computedYear(yearOf(day), 'unprocessable');
    return day;
  }

  private computeDayOf(day: CalendarDay): boolean {
    this.computedYear(yearOf(day), 'unprocessable');
    return this.working.get(day) as boolean;
  }

  /** `kind`: a year asked for by name is not found; a year met while counting a deadline makes the count unprocessable. */
  private computedYear(year: number, kind: DomainErrorKind): ComputedYear {
    const known = this.computed.get(year);
    if (known) return known;
    if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
      throw new DomainError(
        'CALENDAR.YEAR_OUT_OF_RANGE',
        `The working-day calendar covers ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR} (the Labour Code of 1994 took effect on 1995-01-01); ${year} is outside it.`,
        kind,
        { year, firstYear: FIRST_CALENDAR_YEAR, lastYear: LAST_CALENDAR_YEAR },
      );
    }
    const computed = computeYear(year, this.decisions.get(year), this.swapsByYear.get(year) ?? []);
    this.computed.set(year, computed);
    for (const [day, working] of computed.working) this.working.set(day, working);
    return computed;
  }
}
