import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../domain-kit/domain-error.js';
import { vietnamDayOf } from './calendar-day.js';
import { loadVietnamCalendar, loadYearDecisions } from './holiday-files.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

const calendar = loadVietnamCalendar();

/** A year's days off as "date kind", in date order: the shape the law and the decisions are checked against. */
const daysOff = (year: number) => calendar.year(year).holidays.map((day) => `${day.date} ${day.kind}`);

describe('the working-day calendar, one test per era of the labour law', () => {
  it('1995: Labour Code 1994, four days of Tết, Sunday the only weekly rest, no decision file (provisional)', () => {
    expect(daysOff(1995)).toEqual([
      '1995-01-01 holiday',
      '1995-01-02 compensatory', // 1 January was a Sunday
      '1995-01-30 holiday', // 30 tháng Chạp
      '1995-01-31 holiday', // mùng 1
      '1995-02-01 holiday',
      '1995-02-02 holiday',
      '1995-04-30 holiday',
      '1995-05-01 holiday',
      '1995-05-02 compensatory', // 30 April was a Sunday; 1 May is a holiday itself
      '1995-09-02 holiday', // a Saturday: a working day in the six-day week, so nothing to compensate
    ]);
    expect(calendar.year(1995).provisional).toBe(true);
    expect(calendar.isWorkingDay('1995-03-04')).toBe(true); // a Saturday of the six-day week
    expect(calendar.isWorkingDay('1995-03-05')).toBe(false);
  });

  it('1999: the five-day week starts on Saturday 2 October', () => {
    expect(calendar.isWorkingDay('1999-09-25')).toBe(true);
    expect(calendar.isWorkingDay('1999-10-02')).toBe(false);
    expect(calendar.year(1999).weeklyRest.map((rest) => [rest.from, rest.to, rest.days])).toEqual([
      ['1999-01-01', '1999-10-01', ['Sunday']],
      ['1999-10-02', '1999-12-31', ['Saturday', 'Sunday']],
    ]);
  });

  it("2007: Hùng Kings' day joins the holidays (Law 84/2007/QH11), flagged for its first year; Tết on 17 February, Vietnam's own date", () => {
    expect(daysOff(2007)).toEqual([
      '2007-01-01 holiday',
      '2007-02-16 holiday', // 29 tháng Chạp
      '2007-02-17 holiday', // mùng 1 (2007-02-18 in China)
      '2007-02-18 holiday',
      '2007-02-19 holiday',
      '2007-02-20 compensatory',
      '2007-02-21 compensatory',
      '2007-04-26 holiday', // 10/3 lunar
      '2007-04-30 holiday',
      '2007-05-01 holiday',
      '2007-09-02 holiday',
      '2007-09-03 compensatory',
    ]);
    expect(calendar.year(2007).holidays.find((day) => day.date === '2007-04-26')).toMatchObject({
      needsCheck: true,
      note: expect.any(String),
    });
    expect(daysOff(2006)).not.toContain('2006-04-07 holiday'); // 10/3 lunar of 2006: not yet a holiday
  });

  it("2008: the first whole year with Hùng Kings' day", () => {
    expect(daysOff(2008)).toEqual([
      '2008-01-01 holiday',
      '2008-02-06 holiday',
      '2008-02-07 holiday',
      '2008-02-08 holiday',
      '2008-02-09 holiday',
      '2008-02-11 compensatory', // mùng 3 on a Saturday; Sunday is a rest day too
      '2008-04-15 holiday',
      '2008-04-30 holiday',
      '2008-05-01 holiday',
      '2008-09-02 holiday',
    ]);
  });

  it('2013: Tết (February) still under the 1994 Code, four days; the 2013 decision swaps three days', () => {
    expect(daysOff(2013)).toEqual([
      '2013-01-01 holiday',
      '2013-02-09 holiday', // 29 tháng Chạp, a Saturday
      '2013-02-10 holiday', // mùng 1, a Sunday
      '2013-02-11 holiday',
      '2013-02-12 holiday',
      '2013-02-13 compensatory',
      '2013-02-14 compensatory',
      '2013-02-15 swapped',
      '2013-04-19 holiday',
      '2013-04-29 swapped',
      '2013-04-30 holiday',
      '2013-05-01 holiday',
      '2013-09-02 holiday',
    ]);
    expect(calendar.year(2013).workingWeekends).toEqual(['2013-01-05', '2013-02-23', '2013-05-04']);
    expect(calendar.year(2013).provisional).toBe(false);
  });

  it('2020: Labour Code 2012, five days of Tết fixed by the decision, National Day one day', () => {
    expect(daysOff(2020)).toEqual([
      '2020-01-01 holiday',
      '2020-01-23 holiday',
      '2020-01-24 holiday',
      '2020-01-25 holiday',
      '2020-01-26 holiday',
      '2020-01-27 holiday',
      '2020-01-28 compensatory',
      '2020-01-29 compensatory',
      '2020-04-02 holiday',
      '2020-04-30 holiday',
      '2020-05-01 holiday',
      '2020-09-02 holiday',
    ]);
  });

  it('2021: Labour Code 2019, National Day two days (3 September fixed by the decision)', () => {
    expect(daysOff(2021)).toEqual([
      '2021-01-01 holiday',
      '2021-02-10 holiday',
      '2021-02-11 holiday',
      '2021-02-12 holiday',
      '2021-02-13 holiday',
      '2021-02-14 holiday',
      '2021-02-15 compensatory',
      '2021-02-16 compensatory',
      '2021-04-21 holiday',
      '2021-04-30 holiday',
      '2021-05-01 holiday',
      '2021-05-03 compensatory',
      '2021-09-02 holiday',
      '2021-09-03 holiday',
    ]);
  });

  it('2026: the decisions of 2025-2026 with their swaps; Hùng Kings on a Sunday taken on Monday', () => {
    expect(calendar.year(2026).holidays.map((day) => `${day.date} ${day.kind}${day.needsCheck ? ' check' : ''}`)).toEqual([
      '2026-01-01 holiday',
      '2026-01-02 swapped',
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-04-26 holiday',
      '2026-04-27 compensatory',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-08-31 swapped check',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
    ]);
    expect(calendar.year(2026).workingWeekends).toEqual(['2026-01-10', '2026-08-22']);
    expect(calendar.year(2026).notes.join(' ')).toMatch(/24 November/);
  });
});

describe('compensation for a holiday on the weekly rest day', () => {
  it.each([
    ['1995-01-01', '1995-01-02', 'Labour Code 1994 art. 73, six-day week: a Sunday is taken on Monday'],
    ['2000-09-02', '2000-09-04', 'Labour Code 1994 art. 73, five-day week: a Saturday is taken on Monday'],
    ['2016-04-30', '2016-05-02', 'Labour Code 2012 art. 115(3): Saturday 30 April on Monday 2 May'],
    ['2016-05-01', '2016-05-03', '… and Sunday 1 May on Tuesday 3 May, the next day not taken yet'],
    ['2023-04-29', '2023-05-02', 'Labour Code 2019 art. 111(3): Hùng Kings on Saturday, past the holiday of Monday 1 May'],
    ['2023-04-30', '2023-05-03', '… and Sunday 30 April on Wednesday 3 May'],
    ['2027-05-01', '2027-05-03', 'a provisional year follows the same rule'],
  ])('%s is taken on %s (%s)', (holiday, compensation) => {
    const year = Number(holiday.slice(0, 4));
    const taken = calendar.year(year).holidays.find((day) => day.date === compensation);
    expect(taken).toMatchObject({ kind: 'compensatory', name: expect.stringContaining(holiday) });
    expect(calendar.isWorkingDay(compensation)).toBe(false);
  });

  it('compensates nothing for a Saturday holiday before the five-day week', () => {
    // 1 May 1999 was a Saturday, a working day until 2 October 1999.
    expect(calendar.year(1999).holidays.filter((day) => day.kind === 'compensatory')).toEqual([]);
    expect(calendar.isWorkingDay('1999-05-03')).toBe(true);
  });

  it('names the article of the law in force on the holiday', () => {
    const reference = (year: number, date: string) => calendar.year(year).holidays.find((day) => day.date === date)?.reference;
    expect(reference(1995, '1995-01-02')).toMatch(/Labour Code 1994, art. 73/);
    expect(reference(2016, '2016-05-02')).toMatch(/10\/2012\/QH13, art. 115\(3\)/);
    expect(reference(2023, '2023-05-02')).toMatch(/45\/2019\/QH14, art. 111\(3\)/);
  });
});

describe('WorkingDayCalendar with the shipped decision files', () => {
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
    ['2018-12-31', false, 'swapped by the decision on New Year 2019 (the 2019 file)'],
    ['2019-01-05', true, 'the Saturday worked for it'],
    ['2014-12-27', true, 'a Saturday worked for New Year 2015 (the 2015 file)'],
    ['2027-02-09', false, 'a provisional Tết: compensation for mùng 1'],
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

  it('adds working days across a month and a year end, into a provisional year too', () => {
    expect(calendar.addWorkingDays('2025-12-29', 3)).toBe('2026-01-05');
    expect(calendar.addWorkingDays('2026-01-30', 2)).toBe('2026-02-03');
    // Saturday 1 January 2028 is taken on Monday 3 January.
    expect(calendar.addWorkingDays('2027-12-28', 10)).toBe('2028-01-12');
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

  it('answers every year from 1995 to 2100, provisional where no decision is recorded', () => {
    const provisional = Array.from({ length: 106 }, (_, index) => 1995 + index).filter((year) => calendar.year(year).provisional);
    expect(provisional).toEqual(Array.from({ length: 106 }, (_, index) => 1995 + index).filter((year) => year < 2013 || year > 2026));
    expect(calendar.year(2027).sources.join(' ')).toMatch(/No decision of the government recorded for 2027/);
    expect(calendar.year(2024).sources.join(' ')).toMatch(/2450\/VPCP-KGVX/);
  });

  it('refuses days outside 1995-2100 with CALENDAR.YEAR_OUT_OF_RANGE', () => {
    const refusal = (act: () => unknown) => {
      try {
        act();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(refusal(() => calendar.addWorkingDays('1994-12-28', 10))).toMatchObject({
      code: 'CALENDAR.YEAR_OUT_OF_RANGE',
      kind: 'unprocessable',
    });
    expect(refusal(() => calendar.isWorkingDay('2101-01-03'))).toBeInstanceOf(DomainError);
    expect(refusal(() => calendar.addWorkingDays('2100-12-30', 5))).toMatchObject({ code: 'CALENDAR.YEAR_OUT_OF_RANGE' });
    expect(refusal(() => calendar.year(1994))).toMatchObject({ code: 'CALENDAR.YEAR_OUT_OF_RANGE', kind: 'not-found' });
    expect((refusal(() => calendar.year(2101)) as Error).message).toMatch(/1995 to 2100/);
  });

  it('refuses what is not a day', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-02-03T08:00:00')).toThrow(RangeError);
  });

  it("keeps the provisional 2027's Tết days marked needsCheck with a note", () => {
    const tet = calendar.year(2027).holidays.filter((day) => day.date >= '2027-02-01' && day.date <= '2027-02-28');
    expect(tet.length).toBe(7);
    for (const day of tet) expect(day).toMatchObject({ needsCheck: true, note: expect.any(String) });
  });
});

describe('decision files', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'holidays-'));
  const file = (overrides: object) =>
    JSON.stringify({ country: 'VN', year: 2028, decisions: ['Test decision'], sources: [], ...overrides });
  const withFile = <T>(content: string, act: (directory: string) => T): T => {
    const directory = folder();
    try {
      writeFileSync(join(directory, 'vn-2028.json'), content);
      writeFileSync(join(directory, 'README.txt'), 'ignored');
      return act(directory);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };

  it("an administrator records a year's decision by adding a file: the year is no longer provisional", () => {
    const content = file({
      tet: { days: ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29'], reference: 'Test decision' },
      swaps: [{ dayOff: '2028-01-24', workedOn: '2028-01-15', reference: 'Test decision' }],
    });
    withFile(content, (directory) => {
      const decided = loadVietnamCalendar(directory);
      expect(decided.decidedYears).toEqual([2028]);
      expect(decided.year(2028).provisional).toBe(false);
      expect(decided.isWorkingDay('2028-01-24')).toBe(false);
      expect(decided.isWorkingDay('2028-01-15')).toBe(true);
      // The decision's five days (1 + 4, up to Saturday 29 January) replace the default two + three (24 to 28 January).
      expect(calendar.isWorkingDay('2028-01-31')).toBe(true);
      expect(decided.isWorkingDay('2028-01-31')).toBe(false);
      expect(
        decided
          .year(2028)
          .holidays.filter((day) => day.kind === 'compensatory')
          .map((day) => day.date),
      ).toEqual(['2028-01-03', '2028-01-31', '2028-05-02', '2028-09-04']);
    });
  });

  it.each([
    ['a day of another year', file({ nationalDay: { adjacentDay: '2029-09-01', reference: 'x' } }), /not a day \(YYYY-MM-DD\) of 2028/],
    [
      'a worked day that is not a weekend day',
      file({ swaps: [{ dayOff: '2028-01-04', workedOn: '2028-01-05', reference: 'x' }] }),
      /not a Saturday or Sunday/,
    ],
    ['a swap without a reference', file({ swaps: [{ dayOff: '2028-01-04', workedOn: '2028-01-08' }] }), /needs a "reference"/],
    [
      'an unsure entry without a note',
      file({ swaps: [{ dayOff: '2028-01-04', workedOn: '2028-01-08', reference: 'x', needsCheck: true }] }),
      /needs a "note"/,
    ],
    ['an unknown field', file({ daysOff: [] }), /unknown field "daysOff"/],
    [
      'choices without a decision',
      file({ decisions: [], swaps: [{ dayOff: '2028-01-04', workedOn: '2028-01-08', reference: 'x' }] }),
      /choices without a decision/,
    ],
    ['a year that does not match the name', JSON.stringify({ country: 'VN', year: 2029 }), /it says year 2029/],
    [
      'Tết days that do not hold the lunar new year',
      file({ tet: { days: ['2028-01-20', '2028-01-21', '2028-01-22', '2028-01-23', '2028-01-24'], reference: 'x' } }),
      /including the lunar new year, 2028-01-26/,
    ],
    [
      'a National Day day that is not next to 2 September',
      file({ nationalDay: { adjacentDay: '2028-09-04', reference: 'x' } }),
      /must be 2028-09-01 or 2028-09-03/,
    ],
    [
      'a swapped day that is a holiday already',
      file({ swaps: [{ dayOff: '2028-05-01', workedOn: '2028-05-06', reference: 'x' }] }),
      /is a day off by law already/,
    ],
    ['not JSON', '{ "year": 2028,', /vn-2028.json: not JSON/],
  ])('refuses a file with %s, naming it', (_, content, message) => {
    withFile(content, (directory) => expect(() => loadVietnamCalendar(directory)).toThrow(message));
  });

  it('refuses to choose the Tết days of a year under the 1994 Code, which fixes them', () => {
    const decision = { ...loadYearDecisions()[0], year: 2010, tet: { days: ['2010-02-13'], reference: 'x', needsCheck: false }, swaps: [] };
    expect(() => new WorkingDayCalendar([decision])).toThrow(/Labour Code 1994, which fixes its days itself/);
  });

  it('refuses two files for one year, and a year outside 1995-2100', () => {
    const [first] = loadYearDecisions();
    expect(() => new WorkingDayCalendar([first, first])).toThrow(/same year/);
    expect(() => new WorkingDayCalendar([{ ...first, year: 1990, swaps: [], tet: null, nationalDay: null }])).toThrow(
      /covers 1995 to 2100/,
    );
  });
});
