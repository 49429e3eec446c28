import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkingDayCalendar } from './working-day-calendar.js';
import { parseYearDecision, type YearDecision } from './year-decision.js';

/** One file per year, named vn-YYYY.json: adding a year's decision is adding a file, no code changes. */
const HOLIDAY_FILE = /^vn-(\d{4})\.json$/;

/** The folder shipped next to this module (src/calendar/holidays; dist needs the JSON copied as an asset). */
export const SHIPPED_HOLIDAY_DIRECTORY = fileURLToPath(new URL('./holidays/', import.meta.url));

export function loadYearDecisions(directory: string = SHIPPED_HOLIDAY_DIRECTORY): YearDecision[] {
  return readdirSync(directory)
    .filter((name) => HOLIDAY_FILE.test(name))
    .sort()
    .map((name) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(join(directory, name), 'utf8'));
      } catch (error) {
        throw new Error(`Holiday file ${name}: not JSON (${(error as Error).message}).`, { cause: error });
      }
      const decision = parseYearDecision(parsed, name);
      if (String(decision.year) !== HOLIDAY_FILE.exec(name)?.[1]) throw new Error(`Holiday file ${name}: it says year ${decision.year}.`);
      return decision;
    });
}

/** The calendar with the shipped decisions (or those of another folder); a file that contradicts the law stops it here. */
export function loadVietnamCalendar(directory?: string): WorkingDayCalendar {
  return new WorkingDayCalendar(loadYearDecisions(directory));
}
