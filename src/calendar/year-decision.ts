import { isCalendarDate } from '../domain-kit/calendar-date.js';
import { weekdayOf, yearOf, type CalendarDay } from './calendar-day.js';

/** Unsure: not confirmed against the decision itself; the note says what is unsure. */
interface Checkable {
  readonly reference: string;
  readonly needsCheck: boolean;
  readonly note?: string;
}

/** A weekday given off, and the weekend day worked in its place (ngày làm bù). */
export interface Swap extends Checkable {
  readonly dayOff: CalendarDay;
  readonly workedOn: CalendarDay;
}

/**
 * One file of src/calendar/holidays, vn-YYYY.json: what the government decided for that year, and
 * nothing the law already says (the holidays and the compensation for those on a weekend are computed).
 */
export interface YearDecision {
  readonly year: number;
  /** The decisions (Prime Minister's approval, Government Office letter, ministry notice) the choices come from; none: the year is provisional. */
  readonly decisions: readonly string[];
  /** Where the decisions were read: the publications, so a reader can check them. */
  readonly sources: readonly string[];
  /** The five days of Tết the decision fixed (Labour Codes of 2012 and 2019 only). */
  readonly tet: (Checkable & { readonly days: readonly CalendarDay[] }) | null;
  /** The day before or after 2 September the decision fixed (from 2021). */
  readonly nationalDay: (Checkable & { readonly adjacentDay: CalendarDay }) | null;
  /** Swaps of a weekday for a weekend day; either day may fall in December before or January after the year. */
  readonly swaps: readonly Swap[];
  /** Shown with the year: what is unsure, what is announced but not yet law. */
  readonly notes: readonly string[];
}

const FILE_KEYS: readonly string[] = ['country', 'year', 'about', 'decisions', 'sources', 'tet', 'nationalDay', 'swaps', 'notes'];

/** Checks a parsed file; `source` names it in the error, so an administrator knows which file to fix. */
export function parseYearDecision(value: unknown, source: string): YearDecision {
  const fail = (problem: string): never => {
    throw new Error(`Holiday file ${source}: ${problem}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object.');
  const file = value as Record<string, unknown>;
  const unknown = Object.keys(file).find((key) => !FILE_KEYS.includes(key));
  if (unknown !== undefined) return fail(`unknown field "${unknown}" (a file has ${FILE_KEYS.join(', ')}).`);
  if (!Number.isInteger(file.year)) return fail('"year" must be a whole number.');
  const year = file.year as number;
  if (file.country !== 'VN') return fail('"country" must be "VN".');
  const texts = (key: string): string[] => {
    const list = file[key] ?? [];
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' || entry.length === 0))
      return fail(`"${key}" must be a list of sentences.`);
    return list as string[];
  };
  const day = (raw: unknown, what: string, years: readonly number[] = [year]): CalendarDay => {
    if (!isCalendarDate(raw) || !years.includes(yearOf(raw)))
      return fail(`${what} ${String(raw)} is not a day (YYYY-MM-DD) of ${years.join(' or ')}.`);
    return raw;
  };
  const checkable = (raw: unknown, what: string): Checkable & Record<string, unknown> => {
    if (typeof raw !== 'object' || raw === null) return fail(`${what} must be an object.`);
    const entry = raw as Record<string, unknown>;
    if (typeof entry.reference !== 'string' || entry.reference.length === 0)
      fail(`${what} needs a "reference" (the decision it comes from).`);
    if (entry.needsCheck !== undefined && typeof entry.needsCheck !== 'boolean') fail(`${what}: "needsCheck" is true or false.`);
    if (entry.needsCheck === true && typeof entry.note !== 'string')
      fail(`${what}: an entry marked needsCheck needs a "note" saying what is unsure.`);
    if (entry.note !== undefined && typeof entry.note !== 'string') fail(`${what}: "note" is a sentence.`);
    return {
      ...entry,
      reference: entry.reference as string,
      needsCheck: entry.needsCheck === true,
      ...(typeof entry.note === 'string' ? { note: entry.note } : {}),
    };
  };
  const strip = <T extends Checkable>(entry: T): Checkable => ({
    reference: entry.reference,
    needsCheck: entry.needsCheck,
    ...(entry.note === undefined ? {} : { note: entry.note }),
  });

  let tet: YearDecision['tet'] = null;
  if (file.tet !== undefined) {
    const entry = checkable(file.tet, 'tet');
    if (!Array.isArray(entry.days)) fail('tet: "days" must be the list of the five days fixed.');
    tet = { ...strip(entry), days: (entry.days as unknown[]).map((raw) => day(raw, 'Tết day')) };
  }
  let nationalDay: YearDecision['nationalDay'] = null;
  if (file.nationalDay !== undefined) {
    const entry = checkable(file.nationalDay, 'nationalDay');
    nationalDay = { ...strip(entry), adjacentDay: day(entry.adjacentDay, 'nationalDay.adjacentDay') };
  }
  const rawSwaps = file.swaps ?? [];
  if (!Array.isArray(rawSwaps)) return fail('"swaps" must be a list (it may be empty).');
  const swaps = rawSwaps.map((raw, index): Swap => {
    const entry = checkable(raw, `swap ${index + 1}`);
    const around = [year - 1, year, year + 1];
    const dayOff = day(entry.dayOff, `swap ${index + 1}: dayOff`, around);
    const workedOn = day(entry.workedOn, `swap ${index + 1}: workedOn`, around);
    if (yearOf(dayOff) !== year && yearOf(workedOn) !== year) fail(`swap ${index + 1}: neither of its days is in ${year}.`);
    const weekday = weekdayOf(workedOn);
    if (weekday !== 0 && weekday !== 6) fail(`swap ${index + 1}: the day worked, ${workedOn}, is not a Saturday or Sunday.`);
    const offWeekday = weekdayOf(dayOff);
    if (offWeekday === 0 || offWeekday === 6) fail(`swap ${index + 1}: the day given off, ${dayOff}, is a weekend day already.`);
    return { ...strip(entry), dayOff, workedOn };
  });
  const dates = swaps.flatMap((swap) => [swap.dayOff, swap.workedOn]);
  const repeated = dates.find((date, index) => dates.indexOf(date) !== index);
  if (repeated) fail(`${repeated} is in two swaps.`);
  const decisions = texts('decisions');
  if (decisions.length === 0 && (tet !== null || nationalDay !== null || swaps.length > 0))
    fail('choices without a decision: name the decision in "decisions", or leave the choices out until it is made.');
  return { year, decisions, sources: texts('sources'), tet, nationalDay, swaps, notes: texts('notes') };
}
