import { addCalendarDays, weekdayOf, type CalendarDay } from './calendar-day.js';
import { lastMonthLengthBefore, lunarNewYear, solarDayOf } from './lunar/vietnamese-lunar-calendar.js';

/**
 * The public holidays of the labour law in force on each day since the Labour Code of 1994 took
 * effect (1995-01-01), for state agencies (cán bộ, công chức, viên chức):
 *
 * | in force from | holidays | text |
 * |---|---|---|
 * | 1995-01-01 | 1 Jan; Tết 4 days (the last day of the old lunar year, the first three of the new); 30 Apr; 1 May; 2 Sep | Labour Code 1994, art. 73 |
 * | April 2007 | + Hùng Kings' commemoration, 10th day of the 3rd lunar month | Law 84/2007/QH11 amending art. 73 |
 * | 2013-05-01 | Tết 5 days, the days fixed each year by the Prime Minister | Labour Code 10/2012/QH13, art. 115 |
 * | 2021-01-01 | National Day 2 days: 2 Sep and the day before or after it, fixed by the Prime Minister | Labour Code 45/2019/QH14, art. 112 |
 *
 * Each text also says that a holiday falling on the weekly rest day is taken on the next day (1994
 * art. 73 and 2012 art. 115(3): "ngày tiếp theo/kế tiếp"; 2019 art. 111(3): "ngày làm việc kế tiếp").
 * The weekly rest of state agencies is Sunday until 1999-10-01 (the six-day, 48-hour week of the 1994
 * Code, art. 68) and Saturday and Sunday from 1999-10-02 (Decision 188/1999/QĐ-TTg, the five-day week).
 *
 * Which text applies is decided by the date of the holiday itself: Tết 2013 (February) had the 1994
 * Code's four days, National Day 2020 one day.
 */

export type HolidayOccasion = 'new-year' | 'tet' | 'hung-kings' | 'victory-day' | 'labour-day' | 'national-day';

export interface LawHoliday {
  readonly date: CalendarDay;
  readonly occasion: HolidayOccasion;
  readonly name: string;
  readonly reference: string;
  /** The day is not fixed by a text we have read: the note says what is assumed. */
  readonly needsCheck: boolean;
  readonly note?: string;
}

interface LabourCode {
  readonly from: CalendarDay;
  readonly title: string;
  /** Where the list of holidays is, per occasion. */
  readonly articles: Readonly<Record<HolidayOccasion, string>>;
  readonly compensation: string;
  /** How many days of Tết; the 1994 Code fixes them itself, the later ones leave them to the Prime Minister. */
  readonly tetDays: 4 | 5;
}

const CODE_1994: LabourCode = {
  from: '1995-01-01',
  title: 'Labour Code 1994',
  articles: {
    'new-year': 'Labour Code 1994, art. 73',
    tet: 'Labour Code 1994, art. 73 (Tết: the last day of the old lunar year and the first three of the new)',
    'hung-kings': 'Law 84/2007/QH11 amending art. 73 of the Labour Code 1994',
    'victory-day': 'Labour Code 1994, art. 73',
    'labour-day': 'Labour Code 1994, art. 73',
    'national-day': 'Labour Code 1994, art. 73',
  },
  compensation: 'Labour Code 1994, art. 73: a holiday on the weekly rest day is taken on the next day',
  tetDays: 4,
};

const CODE_2012: LabourCode = {
  from: '2013-05-01',
  title: 'Labour Code 10/2012/QH13',
  articles: {
    'new-year': 'Labour Code 10/2012/QH13, art. 115(1)(a)',
    tet: 'Labour Code 10/2012/QH13, art. 115(1)(b) (Tết: 5 days; Decree 45/2013/NĐ-CP art. 8)',
    'hung-kings': 'Labour Code 10/2012/QH13, art. 115(1)(e)',
    'victory-day': 'Labour Code 10/2012/QH13, art. 115(1)(c)',
    'labour-day': 'Labour Code 10/2012/QH13, art. 115(1)(d)',
    'national-day': 'Labour Code 10/2012/QH13, art. 115(1)(đ)',
  },
  compensation: 'Labour Code 10/2012/QH13, art. 115(3): a holiday on the weekly rest day is taken on the next day',
  tetDays: 5,
};

const CODE_2019: LabourCode = {
  from: '2021-01-01',
  title: 'Labour Code 45/2019/QH14',
  articles: {
    'new-year': 'Labour Code 45/2019/QH14, art. 112(1)(a)',
    tet: 'Labour Code 45/2019/QH14, art. 112(1)(b) (Tết: 5 days, fixed by the Prime Minister, art. 112(3))',
    'hung-kings': 'Labour Code 45/2019/QH14, art. 112(1)(e)',
    'victory-day': 'Labour Code 45/2019/QH14, art. 112(1)(c)',
    'labour-day': 'Labour Code 45/2019/QH14, art. 112(1)(d)',
    'national-day':
      'Labour Code 45/2019/QH14, art. 112(1)(đ) (2 September and the day before or after, fixed by the Prime Minister, art. 112(3))',
  },
  compensation: 'Labour Code 45/2019/QH14, art. 111(3): a holiday on the weekly rest day is taken on the next working day',
  tetDays: 5,
};

const CODES: readonly LabourCode[] = [CODE_2019, CODE_2012, CODE_1994];

/** Hùng Kings' commemoration is a holiday from 2007: Law 84/2007/QH11 (passed 2007-04-02) took effect on promulgation. */
const HUNG_KINGS_FROM_YEAR = 2007;

/** From this day state agencies rest on Saturday as well as Sunday (Decision 188/1999/QĐ-TTg of 1999-09-17, art. 1). */
export const FIVE_DAY_WEEK_FROM: CalendarDay = '1999-10-02';
export const FIVE_DAY_WEEK_REFERENCE =
  'Decision 188/1999/QĐ-TTg, art. 1 (a 40-hour week of five days, Saturday and Sunday off, from 1999-10-02)';
export const SIX_DAY_WEEK_REFERENCE = 'Labour Code 1994, arts. 68 and 72 (a 48-hour week; state agencies rest on Sunday)';

/** The text in force on a day (the 1994 Code for any day before 2013-05-01). */
export function labourCodeOn(day: CalendarDay): LabourCode {
  return CODES.find((code) => code.from <= day) ?? CODE_1994;
}

/** The weekly rest of state agencies on that day; `weekday` (0 Sunday … 6 Saturday) when the caller knows it already. */
export function isWeeklyRestDay(day: CalendarDay, weekday: number = weekdayOf(day)): boolean {
  return weekday === 0 || (weekday === 6 && day >= FIVE_DAY_WEEK_FROM);
}

export function compensationReference(day: CalendarDay): string {
  return labourCodeOn(day).compensation;
}

/** The government's choices for a year, where a decision made them; the law's default otherwise. */
export interface HolidayChoices {
  /** The Tết days a decision fixed (5 days, under the 2012 and 2019 Codes). */
  readonly tetDays?: {
    readonly days: readonly CalendarDay[];
    readonly reference: string;
    readonly needsCheck: boolean;
    readonly note?: string;
  };
  /** The day before or after 2 September a decision fixed (from 2021). */
  readonly nationalDayAdjacent?: {
    readonly day: CalendarDay;
    readonly reference: string;
    readonly needsCheck: boolean;
    readonly note?: string;
  };
}

/** The public holidays of a Gregorian year as the law in force on each of them gives them (before compensation and swaps). */
export function holidaysByLaw(year: number, choices: HolidayChoices = {}): LawHoliday[] {
  const fixed = (monthDay: string, occasion: HolidayOccasion, name: string): LawHoliday => {
    const date = `${year}-${monthDay}`;
    return { date, occasion, name, reference: labourCodeOn(date).articles[occasion], needsCheck: false };
  };
  const holidays: LawHoliday[] = [fixed('01-01', 'new-year', 'Tết Dương lịch (New Year’s Day)'), ...tetHolidays(year, choices.tetDays)];
  if (year >= HUNG_KINGS_FROM_YEAR) {
    const date = solarDayOf(year, 3, 10);
    holidays.push({
      date,
      occasion: 'hung-kings',
      name: 'Giỗ Tổ Hùng Vương (Hùng Kings’ Commemoration, 10/3 lunar)',
      reference: labourCodeOn(date).articles['hung-kings'],
      ...(year === HUNG_KINGS_FROM_YEAR
        ? {
            needsCheck: true,
            note: 'Law 84/2007/QH11 (passed 2007-04-02) took effect on its promulgation, whose date we have not confirmed; 26 April 2007 is taken as its first Hùng Kings’ day off.',
          }
        : { needsCheck: false }),
    });
  }
  holidays.push(fixed('04-30', 'victory-day', 'Ngày Chiến thắng (Reunification Day)'));
  holidays.push(fixed('05-01', 'labour-day', 'Ngày Quốc tế lao động (International Workers’ Day)'));
  holidays.push(fixed('09-02', 'national-day', 'Quốc khánh (National Day)'));
  if (`${year}-09-02` >= CODE_2019.from) holidays.push(nationalDayAdjacent(year, choices.nationalDayAdjacent));
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** The sexagenary name of a lunar year (1984 was Giáp Tý). */
export function lunarYearName(year: number): string {
  return `${STEMS[(((year - 4) % 10) + 10) % 10]} ${BRANCHES[(((year - 4) % 12) + 12) % 12]}`;
}

function tetHolidays(year: number, chosen: HolidayChoices['tetDays']): LawHoliday[] {
  const newYear = lunarNewYear(year);
  const code = labourCodeOn(newYear);
  const reference = code.articles.tet;
  const lastDayOfOldYear = lastMonthLengthBefore(year);
  const offsetOf = (day: CalendarDay): number => (Date.parse(day) - Date.parse(newYear)) / 86_400_000;
  const label = (day: CalendarDay): string => {
    const offset = offsetOf(day);
    if (offset >= 0) return offset === 0 ? 'mùng 1, Lunar New Year’s Day' : `mùng ${offset + 1}`;
    const dayOfMonth = lastDayOfOldYear + offset + 1;
    return offset === -1 ? `${dayOfMonth} tháng Chạp, New Year’s Eve` : `${dayOfMonth} tháng Chạp`;
  };
  const name = (day: CalendarDay) => `Tết Nguyên đán ${lunarYearName(year)} (${label(day)})`;
  if (code.tetDays === 4) {
    if (chosen)
      throw new Error(`Tết ${year} falls under the ${code.title}, which fixes its days itself: a decision file cannot choose them.`);
    return [-1, 0, 1, 2].map((offset) => {
      const date = addCalendarDays(newYear, offset);
      return { date, occasion: 'tet', name: name(date), reference, needsCheck: false };
    });
  }
  if (chosen) {
    assertTetDays(year, newYear, chosen.days);
    return chosen.days.map((date) => ({
      date,
      occasion: 'tet',
      name: name(date),
      reference: `${reference}; days fixed by ${chosen.reference}`,
      needsCheck: chosen.needsCheck,
      ...(chosen.note === undefined ? {} : { note: chosen.note }),
    }));
  }
  // No decision known: the last two days of the old year and the first three of the new, the choice made most often since 2013.
  return [-2, -1, 0, 1, 2].map((offset) => {
    const date = addCalendarDays(newYear, offset);
    return {
      date,
      occasion: 'tet',
      name: name(date),
      reference,
      needsCheck: true,
      note: 'No decision recorded: the Prime Minister fixes the five days each year; assumed here the last two days of the old year and the first three of the new.',
    };
  });
}

function assertTetDays(year: number, newYear: CalendarDay, days: readonly CalendarDay[]): void {
  const consecutive = days.every((day, index) => index === 0 || addCalendarDays(days[index - 1], 1) === day);
  if (days.length !== 5 || !consecutive || !days.includes(newYear))
    throw new Error(
      `Tết ${year}: the decision must name 5 consecutive days including the lunar new year, ${newYear}; it names ${days.join(', ')}.`,
    );
}

/**
 * The second day of National Day from 2021. Without a decision, the choice the decisions of 2021-2026
 * made for each weekday of 2 September: the day after on a Thursday (Friday 3 joins the weekend) or a
 * Monday (Sunday 1 is a rest day already), the day before otherwise; a Sunday takes Monday 3.
 */
function nationalDayAdjacent(year: number, chosen: HolidayChoices['nationalDayAdjacent']): LawHoliday {
  const reference = CODE_2019.articles['national-day'];
  const name = 'Quốc khánh, ngày liền kề (National Day, the day before or after 2 September)';
  if (chosen) {
    if (chosen.day !== `${year}-09-01` && chosen.day !== `${year}-09-03`)
      throw new Error(`National Day ${year}: the adjacent day must be ${year}-09-01 or ${year}-09-03, not ${chosen.day}.`);
    return {
      date: chosen.day,
      occasion: 'national-day',
      name,
      reference: `${reference}; day fixed by ${chosen.reference}`,
      needsCheck: chosen.needsCheck,
      ...(chosen.note === undefined ? {} : { note: chosen.note }),
    };
  }
  const weekday = weekdayOf(`${year}-09-02`);
  const after = weekday === 0 || weekday === 1 || weekday === 4;
  return {
    date: `${year}-09-0${after ? 3 : 1}`,
    occasion: 'national-day',
    name,
    reference,
    needsCheck: true,
    note: 'No decision recorded: the Prime Minister fixes the day before or after 2 September each year; assumed here the one that joins it to a weekend.',
  };
}
