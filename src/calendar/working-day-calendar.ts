import { DomainError, type DomainErrorKind } from '../domain-kit/domain-error.js';
import { toCalendarDay, yearOf, type CalendarDay } from './calendar-day.js';
import { computeYear, type CalendarYear, type ComputedYear } from './calendar-year.js';
import type { Swap, YearDecision } from './year-decision.js';

interface DayEntry {
  readonly day: CalendarDay;
  readonly working: boolean;
  /** The calendar day after it (1 January of the next year after 31 December). */
  readonly next: CalendarDay;
}

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
  /** Every day of every year computed so far, with the day after it: counting walks these without a Date. */
  private readonly days = new Map<CalendarDay, DayEntry>();

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
    return this.entryOf(date).working;
  }

  /**
   * The day n working days after start; start itself is not counted, whatever it is (Civil Code
   * 91/2015/QH13 art. 147: a period in days starts on the day after the event). n = 0 gives start.
   */
  addWorkingDays(start: string | Date, n: number): CalendarDay {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays counts forward by a whole number of days, not ${n}.`);
    let entry = this.entryOf(start);
    for (let counted = 0; counted < n;) {
      entry = this.entryOf(entry.next);
      if (entry.working) counted++;
    }
    return entry.day;
  }

  /** The number of working days d with a < d <= b (negative when b is before a): addWorkingDays's inverse. */
  workingDaysBetween(a: string | Date, b: string | Date): number {
    const from = this.entryOf(a);
    const to = this.entryOf(b);
    if (to.day < from.day) return -this.workingDaysBetween(to.day, from.day);
    let count = 0;
    for (let entry = from; entry.day < to.day;) {
      entry = this.entryOf(entry.next);
      if (entry.working) count++;
    }
    return count;
  }

  /** The first working day on or after the day given. */
  nextWorkingDayFrom(date: string | Date): CalendarDay {
    let entry = this.entryOf(date);
    while (!entry.working) entry = this.entryOf(entry.next);
    return entry.day;
  }

  /** The hot path: a day already computed is one map lookup, no parsing (only valid days are ever stored). */
  private entryOf(date: string | Date): DayEntry {
    if (typeof date === 'string') {
      const known = this.days.get(date);
      if (known !== undefined) return known;
    }
    const day = toCalendarDay(date);
    const known = this.days.get(day);
    if (known !== undefined) return known;
    this.computedYear(yearOf(day), 'unprocessable');
    return this.days.get(day) as DayEntry;
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
    const days = [...computed.working];
    days.forEach(([day, working], index) => this.days.set(day, { day, working, next: days[index + 1]?.[0] ?? `${year + 1}-01-01` }));
    return computed;
  }
}
