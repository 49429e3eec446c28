import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../domain-kit/domain-error.js';
import { loadHolidayYears, loadVietnamCalendar } from './holiday-files.js';
import { vietnamDayOf } from './calendar-day.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

describe('WorkingDayCalendar with the shipped holiday files', () => {
  const calendar = loadVietnamCalendar();

  it('covers 2024 to 2027', () => {
    expect(calendar.years).toEqual([2024, 2025, 2026, 2027]);
  });

  it.each([
    ['2025-01-24', true, 'the Friday before Tết'],
    ['2025-01-27', false, 'Tết 2025, 28 tháng Chạp'],
    ['2025-01-31', false, 'Tết 2025, mùng 3'],
    ['2025-02-03', true, 'back after Tết 2025'],
    ['2024-02-14', false, 'Tết 2024, last day off'],
    ['2024-02-15', true, 'back after Tết 2024'],
    ['2026-02-16', false, 'Tết 2026'],
    ['2026-02-20', false, 'Tết 2026'],
    ['2026-02-23', true, 'back after Tết 2026'],
    ['2024-04-29', false, 'Monday swapped away in 2024'],
    ['2024-05-04', true, 'Saturday worked in its place'],
    ['2025-04-26', true, 'Saturday worked for 2 May 2025'],
    ['2025-05-02', false, 'Friday given off'],
    ['2025-04-30', false, '30/4'],
    ['2025-05-01', false, '1/5'],
    ['2025-09-01', false, 'National Day, adjacent day'],
    ['2025-09-02', false, 'National Day'],
    ['2025-09-03', true, 'after National Day'],
    ['2026-01-02', false, 'New Year 2026, swapped Friday'],
    ['2026-01-10', true, 'Saturday worked for 2 January 2026'],
    ['2026-04-27', false, 'Hùng Kings 2026 fell on a Sunday: Monday off'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-03-08', false, 'an ordinary Sunday'],
    ['2026-03-09', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (day, working) => {
    expect(calendar.isWorkingDay(day)).toBe(working);
  });

  it('reads an instant as its day in Vietnam (UTC+07:00)', () => {
    // 17:30 UTC on Friday 24 January 2025 is 00:30 on Saturday 25 January in Vietnam.
    expect(vietnamDayOf('2025-01-24T17:30:00Z')).toBe('2025-01-25');
    expect(calendar.isWorkingDay('2025-01-24T16:59:59Z')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-24T17:00:00Z')).toBe(false);
    expect(calendar.isWorkingDay(new Date('2025-02-02T17:00:00Z'))).toBe(true);
  });

  it('adds working days over Tết, not counting the start day', () => {
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(calendar.addWorkingDays('2025-01-28', 7)).toBe('2025-02-11');
    expect(calendar.addWorkingDays('2025-01-24', 0)).toBe('2025-01-24');
  });

  it('adds working days over 30/4–1/5 and the worked Saturday', () => {
    // 2025: Thu 24, Fri 25, Sat 26 (worked), Mon 28, Tue 29, then Wed 30 … Fri 2 May off.
    expect(calendar.addWorkingDays('2025-04-23', 5)).toBe('2025-04-29');
    expect(calendar.addWorkingDays('2025-04-23', 6)).toBe('2025-05-05');
  });

  it('adds working days across a month and a year end', () => {
    expect(calendar.addWorkingDays('2025-12-29', 3)).toBe('2026-01-05');
    expect(calendar.addWorkingDays('2026-01-30', 2)).toBe('2026-02-03');
  });

  it('counts working days between two days, the inverse of addWorkingDays', () => {
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(calendar.workingDaysBetween('2025-01-28', '2025-02-11')).toBe(7);
    expect(calendar.workingDaysBetween('2025-02-11', '2025-01-28')).toBe(-7);
    expect(calendar.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    // A whole year: 2025 has 365 days, 104 weekend days, 12 weekdays off (1 + 5 + 1 + 3 + 2), 1 Saturday worked.
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(365 - 104 - 12 + 1);
  });

  it('finds the next working day from a holiday', () => {
    expect(calendar.nextWorkingDayFrom('2025-04-30')).toBe('2025-05-05');
    expect(calendar.nextWorkingDayFrom('2025-05-05')).toBe('2025-05-05');
  });

  it('refuses days of years it has no data for, saying how to add one', () => {
    const refusal = (() => {
      try {
        calendar.addWorkingDays('2027-12-28', 10);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'CALENDAR.YEAR_NOT_COVERED', kind: 'unprocessable' });
    expect((refusal as Error).message).toContain('vn-2028.json');
    expect(() => calendar.isWorkingDay('2023-12-29')).toThrow(/2024, 2025, 2026, 2027; 2023-12-29 is outside/);
  });

  it('refuses what is not a day', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-02-03T08:00:00')).toThrow(RangeError);
  });

  it('marks every unconfirmed 2027 Tết day with check and a note', () => {
    const [, , , year2027] = loadHolidayYears();
    const tet = year2027.daysOff.filter((day) => day.date >= '2027-02-01' && day.date <= '2027-02-28');
    expect(tet.length).toBeGreaterThan(0);
    for (const day of tet) expect(day).toMatchObject({ check: true, note: expect.any(String) });
  });
});

describe('holiday files', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'holidays-'));
  const year = (overrides: object) => JSON.stringify({ country: 'VN', year: 2028, daysOff: [], swappedWorkingDays: [], ...overrides });

  it('an administrator adds a year by adding a file', () => {
    const directory = folder();
    try {
      writeFileSync(
        join(directory, 'vn-2028.json'),
        year({ daysOff: [{ date: '2028-01-03', name: 'Test day off', kind: 'holiday', legalBasis: 'test' }] }),
      );
      writeFileSync(join(directory, 'README.txt'), 'ignored');
      const calendar = loadVietnamCalendar(directory);
      expect(calendar.years).toEqual([2028]);
      expect(calendar.isWorkingDay('2028-01-03')).toBe(false);
      expect(calendar.isWorkingDay('2028-01-04')).toBe(true);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it.each([
    [
      'a day of another year',
      year({ daysOff: [{ date: '2029-01-01', name: 'x', kind: 'holiday', legalBasis: 'x' }] }),
      /not a day \(YYYY-MM-DD\) of 2028/,
    ],
    [
      'a worked day that is not a weekend day',
      year({ swappedWorkingDays: [{ date: '2028-01-05', replaces: '2028-01-03', legalBasis: 'x' }] }),
      /not a Saturday or Sunday/,
    ],
    ['an unknown kind', year({ daysOff: [{ date: '2028-01-03', name: 'x', kind: 'bridge', legalBasis: 'x' }] }), /kind must be one of/],
    [
      'a year that does not match the name',
      JSON.stringify({ country: 'VN', year: 2029, daysOff: [], swappedWorkingDays: [] }),
      /it says year 2029/,
    ],
  ])('refuses a file with %s', (_, content, message) => {
    const directory = folder();
    try {
      writeFileSync(join(directory, 'vn-2028.json'), content);
      expect(() => loadHolidayYears(directory)).toThrow(message);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses two files for one year', () => {
    const data = { country: 'VN', year: 2028, daysOff: [], swappedWorkingDays: [] };
    expect(() => new WorkingDayCalendar([data, data])).toThrow(/same year/);
  });
});
