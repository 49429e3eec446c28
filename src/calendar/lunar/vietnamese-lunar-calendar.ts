import type { CalendarDay } from '../calendar-day.js';
import { lunationNear, newMoon, sunLongitude } from './astronomy.js';

/**
 * Vietnam's lunar calendar (âm lịch), computed, not looked up. The rules are those of the Chinese
 * calendar since 1645 (a month starts on the day of the new moon; month 11 holds the winter solstice;
 * in a year of 13 months the first month without a principal solar term is the leap month and repeats
 * the number of the month before it), applied to Vietnam's civil time, UTC+7 (meridian 105°E), since
 * the decree of 8 August 1967. A new moon or a solar term close to midnight can fall on another day
 * than in Beijing's UTC+8: hence Tết on 1985-01-21 in Vietnam (1985-02-20 in China) and on
 * 2007-02-17 (2007-02-18). Method: Ho Ngoc Duc, "Âm lịch Việt Nam" / "Computing the Vietnamese lunar
 * calendar" (informatik.uni-leipzig.de/~duc/amlich), with the astronomy of Jean Meeus (astronomy.ts).
 */

/** Vietnam's civil time since 1967; the calendar of another meridian is computed for comparison only (China's, UTC+8). */
export const VIETNAM_UTC_OFFSET_HOURS = 7;
/** Julian Day Number of 1970-01-01 (the integer JD of its noon). */
const UNIX_EPOCH_DAY_NUMBER = 2440588;
const DAY_MS = 86_400_000;

/** The Julian Day Number of a civil day: whole days, so day arithmetic is integer arithmetic. */
export function dayNumberOf(day: CalendarDay): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS + UNIX_EPOCH_DAY_NUMBER;
}

export function dayOfNumber(dayNumber: number): CalendarDay {
  return new Date((dayNumber - UNIX_EPOCH_DAY_NUMBER) * DAY_MS).toISOString().slice(0, 10);
}

/** The day, in the zone's civil time (hours east of UTC), of new moon k: the day its lunar month begins. */
function newMoonDay(k: number, zone: number): number {
  return Math.floor(newMoon(k) + 0.5 + zone / 24);
}

/**
 * How many principal terms (every 30° of the Sun's longitude from 0°, the March equinox) the Sun has
 * passed at the midnight starting a day in the zone, modulo 12. A month holds a principal term exactly when
 * this differs between the day it begins and the day the next month begins.
 */
function termAtStartOf(dayNumber: number, zone: number): number {
  return Math.floor(sunLongitude(dayNumber - 0.5 - zone / 24) / 30);
}

/** The lunation k that begins month 11 near the end of a Gregorian year: the month holding its winter solstice (270°). */
function month11Lunation(gregorianYear: number, zone: number): number {
  const k = lunationNear(dayNumberOf(`${gregorianYear}-12-31`));
  // Terms 9 to 11 (270° and more) at the start of that month: the solstice came before it, so month 11 is the one before.
  return termAtStartOf(newMoonDay(k, zone), zone) >= 9 ? k - 1 : k;
}

/**
 * Months from one month 11 to the next: 12, or 13 with a leap month. Returns the offset (1-12) of the
 * leap month after the first month 11, or null in a year of 12 months.
 */
function leapMonthOffset(month11: number, nextMonth11: number, zone: number): number | null {
  if (nextMonth11 - month11 === 12) return null;
  const term = (k: number) => termAtStartOf(newMoonDay(k, zone), zone);
  for (let offset = 1; offset <= 12; offset++) {
    if (term(month11 + offset) === term(month11 + offset + 1)) return offset;
  }
  // Thirteen months always hold at least one month without a principal term.
  throw new Error(`No month without a principal term between lunations ${month11} and ${nextMonth11}.`);
}

export interface LunarMonthStart {
  readonly start: CalendarDay;
  /** 29 or 30. */
  readonly length: number;
}

/**
 * The first day and length of a month of a lunar year, the year being named by the Gregorian year in
 * which its month 1 begins. `leap` asks for the leap month repeating `month`; null if that year has none.
 * `zone`: Vietnam's UTC+7 unless another meridian's calendar is asked for.
 */
export function lunarMonth(lunarYear: number, month: number, leap = false, zone = VIETNAM_UTC_OFFSET_HOURS): LunarMonthStart | null {
  const k = lunationOfMonth(lunarYear, month, leap, zone);
  if (k === null) return null;
  const start = newMoonDay(k, zone);
  return { start: dayOfNumber(start), length: newMoonDay(k + 1, zone) - start };
}

/** The civil day of a day of a (non-leap) lunar month, day 1 to 30. */
export function solarDayOf(lunarYear: number, month: number, day: number, zone = VIETNAM_UTC_OFFSET_HOURS): CalendarDay {
  const found = lunarMonth(lunarYear, month, false, zone);
  if (found === null) throw new Error(`Lunar month ${month} of ${lunarYear} not found.`);
  if (!Number.isInteger(day) || day < 1 || day > found.length)
    throw new RangeError(`Month ${month} of lunar year ${lunarYear} has ${found.length} days, not a day ${day}.`);
  return dayOfNumber(dayNumberOf(found.start) + day - 1);
}

/** Tết Nguyên đán: the first day of the first month of the lunar year that begins in this Gregorian year. */
export function lunarNewYear(gregorianYear: number, zone = VIETNAM_UTC_OFFSET_HOURS): CalendarDay {
  return solarDayOf(gregorianYear, 1, 1, zone);
}

/** How many days the month before this year's Tết has, 29 or 30: the day before Tết is the 29th or the 30th (tháng Chạp thiếu or đủ). */
export function lastMonthLengthBefore(gregorianYear: number): number {
  const k = lunationOfMonth(gregorianYear, 1, false, VIETNAM_UTC_OFFSET_HOURS) as number;
  return newMoonDay(k, VIETNAM_UTC_OFFSET_HOURS) - newMoonDay(k - 1, VIETNAM_UTC_OFFSET_HOURS);
}

function lunationOfMonth(lunarYear: number, month: number, leap: boolean, zone: number): number | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`A lunar month is 1 to 12, not ${month}.`);
  // Months 11 and 12 follow the solstice of the year itself; months 1 to 10, that of the year before.
  const [from, to] = month >= 11 ? [lunarYear, lunarYear + 1] : [lunarYear - 1, lunarYear];
  const month11 = month11Lunation(from, zone);
  const leapOffset = leapMonthOffset(month11, month11Lunation(to, zone), zone);
  const offset = (month - 11 + 12) % 12;
  // The leap month comes right after the month whose number it repeats, and shifts every later month by one.
  if (leap) return leapOffset === offset + 1 ? month11 + leapOffset : null;
  return month11 + (leapOffset !== null && offset >= leapOffset ? offset + 1 : offset);
}
