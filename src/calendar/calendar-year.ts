import { addCalendarDays, weekdayOf, yearOf, type CalendarDay } from './calendar-day.js';
import {
  compensationReference,
  FIVE_DAY_WEEK_FROM,
  FIVE_DAY_WEEK_REFERENCE,
  holidaysByLaw,
  isWeeklyRestDay,
  labourCodeOn,
  SIX_DAY_WEEK_REFERENCE,
  type HolidayChoices,
  type LawHoliday,
} from './labour-law.js';
import type { Swap, YearDecision } from './year-decision.js';

/**
 * holiday: a public holiday of the labour law; compensatory: taken in place of a holiday that fell on
 * the weekly rest day; swapped: a weekday given off in exchange for a weekend day worked (ngày làm bù).
 */
export const DAY_OFF_KINDS = ['holiday', 'compensatory', 'swapped'] as const;
export type DayOffKind = (typeof DAY_OFF_KINDS)[number];

export interface DayOff {
  readonly date: CalendarDay;
  /** In Vietnamese, with an English gloss. */
  readonly name: string;
  readonly kind: DayOffKind;
  /** The article of the law, and the decision that fixed the day where one did. */
  readonly reference: string;
  readonly needsCheck: boolean;
  readonly note?: string;
}

export interface WeeklyRest {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly days: readonly ('Saturday' | 'Sunday')[];
  readonly reference: string;
}

/** One year of the working-day calendar as the API shows it. */
export interface CalendarYear {
  readonly year: number;
  /** No decision of the government is recorded for the year: its days follow the law alone, and the days the government fixes are assumed. */
  readonly provisional: boolean;
  /** Holidays (on a weekend too), compensatory and swapped days off, in date order. */
  readonly holidays: readonly DayOff[];
  /** Saturdays and Sundays worked in exchange for a weekday off. */
  readonly workingWeekends: readonly CalendarDay[];
  readonly weeklyRest: readonly WeeklyRest[];
  readonly sources: readonly string[];
  readonly notes: readonly string[];
}

export interface ComputedYear {
  readonly view: CalendarYear;
  /** Every day of the year: true when it is a working day. */
  readonly working: ReadonlyMap<CalendarDay, boolean>;
}

const LUNAR_METHOD =
  'Tết and 10/3 lunar: the Vietnamese lunar calendar computed for UTC+7 (new moons and solar terms after Meeus, Astronomical Algorithms, 1998; the method of Ho Ngoc Duc)';

/**
 * A year's days off: the law's holidays with the decision's choices, the compensation the law gives
 * for those on a weekly rest day, and the swaps. `swaps` are every recorded swap with a day in this
 * year, whichever year's file holds them (a January swap is decided with the year before, or after).
 * A decision that contradicts the law (a swapped day that is a holiday, say) is refused with an Error.
 */
export function computeYear(year: number, decision: YearDecision | undefined, swaps: readonly Swap[]): ComputedYear {
  const source = `vn-${year}.json`;
  const choices: HolidayChoices = {
    ...(decision?.tet ? { tetDays: decision.tet } : {}),
    ...(decision?.nationalDay ? { nationalDayAdjacent: { ...decision.nationalDay, day: decision.nationalDay.adjacentDay } } : {}),
  };
  const holidays = holidaysByLaw(year, choices);
  const holidayDates = new Set(holidays.map((holiday) => holiday.date));
  const compensatory = compensationFor(holidays, holidayDates);
  const offByLaw = new Set([...holidayDates, ...compensatory.map((day) => day.date)]);

  const swapped: DayOff[] = [];
  const workedWeekends: CalendarDay[] = [];
  for (const swap of swaps) {
    if (yearOf(swap.dayOff) === year) {
      if (offByLaw.has(swap.dayOff))
        throw new Error(`Holiday file ${source}: the swapped day off ${swap.dayOff} is a day off by law already.`);
      swapped.push({
        date: swap.dayOff,
        name: `Nghỉ hoán đổi (day off swapped with ${describe(swap.workedOn)}, worked instead)`,
        kind: 'swapped',
        reference: swap.reference,
        needsCheck: swap.needsCheck,
        ...(swap.note === undefined ? {} : { note: swap.note }),
      });
    }
    if (yearOf(swap.workedOn) === year) {
      if (offByLaw.has(swap.workedOn)) throw new Error(`Holiday file ${source}: ${swap.workedOn}, to be worked, is a day off by law.`);
      if (!isWeeklyRestDay(swap.workedOn))
        throw new Error(`Holiday file ${source}: ${swap.workedOn}, to be worked, is a working day already.`);
      workedWeekends.push(swap.workedOn);
    }
  }

  const daysOff: DayOff[] = [
    ...holidays.map(({ date, name, reference, needsCheck, note }): DayOff => ({
      date,
      name,
      kind: 'holiday',
      reference,
      needsCheck,
      ...(note === undefined ? {} : { note }),
    })),
    ...compensatory,
    ...swapped,
  ].sort((a, b) => a.date.localeCompare(b.date) || DAY_OFF_KINDS.indexOf(a.kind) - DAY_OFF_KINDS.indexOf(b.kind));
  const off = new Set(daysOff.map((day) => day.date));
  const worked = new Set(workedWeekends);
  const working = new Map<CalendarDay, boolean>();
  const firstWeekday = weekdayOf(`${year}-01-01`);
  daysOfYear(year).forEach((day, index) =>
    working.set(day, worked.has(day) || (!isWeeklyRestDay(day, (firstWeekday + index) % 7) && !off.has(day))),
  );

  return {
    view: {
      year,
      provisional: decision === undefined || decision.decisions.length === 0,
      holidays: daysOff,
      workingWeekends: workedWeekends.sort(),
      weeklyRest: weeklyRestOf(year),
      sources: sourcesOf(year, decision),
      notes: decision?.notes ?? [],
    },
    working,
  };
}

/** Each holiday on a weekly rest day is taken on the first following day that is neither a rest day, nor a holiday, nor taken already. */
function compensationFor(holidays: readonly LawHoliday[], holidayDates: ReadonlySet<CalendarDay>): DayOff[] {
  const taken = new Set<CalendarDay>();
  const compensatory: DayOff[] = [];
  for (const holiday of holidays) {
    if (!isWeeklyRestDay(holiday.date)) continue;
    let day = addCalendarDays(holiday.date, 1);
    while (isWeeklyRestDay(day) || holidayDates.has(day) || taken.has(day)) day = addCalendarDays(day, 1);
    taken.add(day);
    compensatory.push({
      date: day,
      name: `Nghỉ bù (compensatory day off: ${holiday.name} fell on ${describe(holiday.date)})`,
      kind: 'compensatory',
      reference: compensationReference(holiday.date),
      needsCheck: holiday.needsCheck,
      ...(holiday.note === undefined ? {} : { note: holiday.note }),
    });
  }
  return compensatory;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** The days of a year in order, written out without a Date per day (a year is built once, but 366 Dates add up). */
function daysOfYear(year: number): CalendarDay[] {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days: CalendarDay[] = [];
  MONTH_LENGTHS.forEach((length, index) => {
    const month = `${year}-${twoDigits(index + 1)}-`;
    for (let day = 1; day <= length + (index === 1 && leap ? 1 : 0); day++) days.push(month + twoDigits(day));
  });
  return days;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function describe(day: CalendarDay): string {
  return `${WEEKDAYS[weekdayOf(day)]} ${day}`;
}

function weeklyRestOf(year: number): WeeklyRest[] {
  const sixDays = { days: ['Sunday'] as const, reference: SIX_DAY_WEEK_REFERENCE };
  const fiveDays = { days: ['Saturday', 'Sunday'] as const, reference: FIVE_DAY_WEEK_REFERENCE };
  const [first, last] = [`${year}-01-01`, `${year}-12-31`];
  if (last < FIVE_DAY_WEEK_FROM) return [{ from: first, to: last, ...sixDays }];
  if (first >= FIVE_DAY_WEEK_FROM) return [{ from: first, to: last, ...fiveDays }];
  return [
    { from: first, to: addCalendarDays(FIVE_DAY_WEEK_FROM, -1), ...sixDays },
    { from: FIVE_DAY_WEEK_FROM, to: last, ...fiveDays },
  ];
}

function sourcesOf(year: number, decision: YearDecision | undefined): string[] {
  const codes = [...new Set([labourCodeOn(`${year}-01-01`).title, labourCodeOn(`${year}-12-31`).title])];
  const law = `${codes.join(', then ')} (public holidays and compensation)${year >= 2007 ? '; Law 84/2007/QH11 (Hùng Kings’ day)' : ''}`;
  const decided =
    decision && decision.decisions.length > 0
      ? [...decision.decisions, ...decision.sources]
      : [`No decision of the government recorded for ${year}: computed from the law alone (provisional)`, ...(decision?.sources ?? [])];
  return [law, LUNAR_METHOD, ...decided];
}
