/**
 * BENCH_ONLY=calendar: what the working-day calendar costs the deadline counting of the projections.
 *  - first touch of a year: the year computed (lunar dates, the law's holidays, compensation, swaps);
 *  - isWorkingDay on a day of a year computed already (a map lookup), as a day and as an instant;
 *  - addWorkingDays(day, 7) and nextWorkingDayFrom, the two calls a deadline makes;
 *  - all 106 years computed once, the worst case of a calendar asked about every year.
 *   BENCH_CALENDAR_CALLS=1000000
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { addCalendarDays } from '../../src/calendar/calendar-day.js';
import { loadVietnamCalendar } from '../../src/calendar/holiday-files.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../src/calendar/working-day-calendar.js';

export function runCalendarBench(projectRoot: string): Record<string, number> {
  const calls = Number(process.env.BENCH_CALENDAR_CALLS ?? 1_000_000);
  const directory = join(projectRoot, 'src', 'calendar', 'holidays');
  const report = (label: string, value: number, unit: string) =>
    console.log(`${label.padEnd(44)} ${value.toFixed(3).padStart(10)} ${unit}`);

  let started = performance.now();
  const calendar = loadVietnamCalendar(directory);
  const load = performance.now() - started;
  report('load the files, compute the 15 decided years', load, 'ms');

  started = performance.now();
  calendar.isWorkingDay('2031-06-02');
  const firstTouch = performance.now() - started;
  report('first touch of an undecided year (2031)', firstTouch, 'ms');

  const days = Array.from({ length: 3650 }, (_, index) => addCalendarDays('2017-01-01', index));
  for (const day of days) calendar.isWorkingDay(day); // every year of the sample computed before timing
  const instants = days.map((day) => `${day}T09:30:00+07:00`);
  const timedCalls = (label: string, run: (index: number) => unknown): number => {
    let sink = 0;
    started = performance.now();
    for (let index = 0; index < calls; index++) if (run(index)) sink++;
    const nanoseconds = ((performance.now() - started) * 1e6) / calls;
    report(label, nanoseconds, `ns per call (${calls.toLocaleString('en-US')} calls, ${sink > 0 ? 'ok' : 'none'})`);
    return nanoseconds;
  };
  const isWorkingDay = timedCalls('isWorkingDay(day), year computed', (index) => calendar.isWorkingDay(days[index % days.length]));
  const isWorkingInstant = timedCalls('isWorkingDay(instant +07:00), year computed', (index) =>
    calendar.isWorkingDay(instants[index % instants.length]),
  );
  const addSeven = timedCalls('addWorkingDays(day, 7)', (index) => calendar.addWorkingDays(days[index % days.length], 7));
  const nextWorking = timedCalls('nextWorkingDayFrom(day)', (index) => calendar.nextWorkingDayFrom(days[index % days.length]));

  started = performance.now();
  const fresh = loadVietnamCalendar(directory);
  for (let year = FIRST_CALENDAR_YEAR; year <= LAST_CALENDAR_YEAR; year++) fresh.year(year);
  const everyYear = performance.now() - started;
  report(`every year ${FIRST_CALENDAR_YEAR}-${LAST_CALENDAR_YEAR}, from a fresh calendar`, everyYear, 'ms');
  return { load, firstTouch, isWorkingDay, isWorkingInstant, addSeven, nextWorking, everyYear };
}
