import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHolidayYear, type HolidayYear } from './holiday-year.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

/** One file per year, named vn-YYYY.json: adding a year is adding a file, no code changes. */
const HOLIDAY_FILE = /^vn-(\d{4})\.json$/;

/** The folder shipped next to this module (src/calendar/holidays; dist needs the JSON copied as an asset). */
export const SHIPPED_HOLIDAY_DIRECTORY = fileURLToPath(new URL('./holidays/', import.meta.url));

export function loadHolidayYears(directory: string = SHIPPED_HOLIDAY_DIRECTORY): HolidayYear[] {
  return readdirSync(directory)
    .filter((name) => HOLIDAY_FILE.test(name))
    .sort()
    .map((name) => {
      const year = parseHolidayYear(JSON.parse(readFileSync(join(directory, name), 'utf8')), name);
      if (String(year.year) !== HOLIDAY_FILE.exec(name)?.[1]) throw new Error(`Holiday file ${name}: it says year ${year.year}.`);
      return year;
    });
}

export function loadVietnamCalendar(directory?: string): WorkingDayCalendar {
  return new WorkingDayCalendar(loadHolidayYears(directory));
}
