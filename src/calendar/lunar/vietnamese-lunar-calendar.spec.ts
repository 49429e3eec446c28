import { lastMonthLengthBefore, lunarMonth, lunarNewYear, solarDayOf } from './vietnamese-lunar-calendar.js';

/**
 * Tết Nguyên đán, 1995-2100, as published in python-holidays (vacanza/holidays, commit c382fde,
 * holidays/calendars/chinese.py): LUNAR_NEW_YEAR_DATES, the Hong Kong Observatory's dates, with its
 * VIETNAMESE_CALENDAR_LUNAR_NEW_YEAR_DATES corrections for the years Vietnam's UTC+7 differs (2007,
 * 2030, 2053 in this range). The Vietnamese government's own list of differing years agrees: 1985,
 * 2007, then 2030 and 2053 (viet-jo.com, 2006-07-06, quoting the officials who compile the calendar).
 */
const TET_1995_2100 = `
1995-01-31 1996-02-19 1997-02-07 1998-01-28 1999-02-16 2000-02-05 2001-01-24 2002-02-12
2003-02-01 2004-01-22 2005-02-09 2006-01-29 2007-02-17 2008-02-07 2009-01-26 2010-02-14
2011-02-03 2012-01-23 2013-02-10 2014-01-31 2015-02-19 2016-02-08 2017-01-28 2018-02-16
2019-02-05 2020-01-25 2021-02-12 2022-02-01 2023-01-22 2024-02-10 2025-01-29 2026-02-17
2027-02-06 2028-01-26 2029-02-13 2030-02-02 2031-01-23 2032-02-11 2033-01-31 2034-02-19
2035-02-08 2036-01-28 2037-02-15 2038-02-04 2039-01-24 2040-02-12 2041-02-01 2042-01-22
2043-02-10 2044-01-30 2045-02-17 2046-02-06 2047-01-26 2048-02-14 2049-02-02 2050-01-23
2051-02-11 2052-02-01 2053-02-18 2054-02-08 2055-01-28 2056-02-15 2057-02-04 2058-01-24
2059-02-12 2060-02-02 2061-01-21 2062-02-09 2063-01-29 2064-02-17 2065-02-05 2066-01-26
2067-02-14 2068-02-03 2069-01-23 2070-02-11 2071-01-31 2072-02-19 2073-02-07 2074-01-27
2075-02-15 2076-02-05 2077-01-24 2078-02-12 2079-02-02 2080-01-22 2081-02-09 2082-01-29
2083-02-17 2084-02-06 2085-01-26 2086-02-14 2087-02-03 2088-01-24 2089-02-10 2090-01-30
2091-02-18 2092-02-07 2093-01-27 2094-02-15 2095-02-05 2096-01-25 2097-02-12 2098-02-01
2099-01-21 2100-02-09
`
  .trim()
  .split(/\s+/);

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  it('lists one Tết per year from 1995 to 2100', () => {
    expect(TET_1995_2100.map((day) => Number(day.slice(0, 4)))).toEqual(Array.from({ length: 106 }, (_, index) => 1995 + index));
  });

  it.each(TET_1995_2100.map((day) => [Number(day.slice(0, 4)), day]))('puts Tết %i on %s, as the published table does', (year, day) => {
    expect(lunarNewYear(year)).toBe(day);
  });

  // The Hong Kong Observatory's Gregorian-Lunar Calendar Conversion Tables (hko.gov.hk/en/gts/time/conversion.htm),
  // for China's UTC+8: the same computation for the 120°E meridian gives them, so the method is checked on a second source.
  it.each([
    [1995, '1995-01-31'],
    [2000, '2000-02-05'],
    [2008, '2008-02-07'],
    [2020, '2020-01-25'],
    [2033, '2033-01-31'],
    [2034, '2034-02-19'],
    [2061, '2061-01-21'],
    [2100, '2100-02-09'],
  ])('agrees with the Hong Kong Observatory where Vietnam and China agree: %i, %s', (year, day) => {
    expect(lunarNewYear(year, 8)).toBe(day);
    expect(lunarNewYear(year)).toBe(day);
  });

  it.each([
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
    [2053, '2053-02-18', '2053-02-19'],
  ])(
    'differs from China where the meridian moves a new moon or the solstice across midnight: Tết %i is %s in Vietnam, %s in China',
    (year, vietnam, china) => {
      expect(lunarNewYear(year)).toBe(vietnam);
      expect(lunarNewYear(year, 8)).toBe(china);
    },
  );

  // Hùng Kings' day, 10/3 lunar: python-holidays' HUNG_KINGS_DATES with its VIETNAMESE_CALENDAR corrections
  // (2009, 2037, 2038, 2085, 2086, 2095, 2100 differ from China); 2007-2026 also as the holiday files and the press give them.
  it.each([
    [2007, '2007-04-26', '2007-04-26'],
    [2008, '2008-04-15', '2008-04-15'],
    [2009, '2009-04-04', '2009-04-05'],
    [2010, '2010-04-23', '2010-04-23'],
    [2016, '2016-04-16', '2016-04-16'],
    [2019, '2019-04-14', '2019-04-14'],
    [2023, '2023-04-29', '2023-04-29'],
    [2024, '2024-04-18', '2024-04-18'],
    [2025, '2025-04-07', '2025-04-07'],
    [2026, '2026-04-26', '2026-04-26'],
    [2027, '2027-04-16', '2027-04-16'],
    [2037, '2037-04-24', '2037-04-25'],
    [2038, '2038-04-13', '2038-04-14'],
    [2085, '2085-04-03', '2085-04-04'],
    [2086, '2086-04-22', '2086-04-23'],
    [2095, '2095-04-13', '2095-04-14'],
    [2100, '2100-04-18', '2100-04-19'],
  ])("puts Hùng Kings' day %i on %s (China's 10/3: %s)", (year, vietnam, china) => {
    expect(solarDayOf(year, 3, 10)).toBe(vietnam);
    expect(solarDayOf(year, 3, 10, 8)).toBe(china);
  });

  it.each([
    [1995, 8],
    [2001, 4],
    [2004, 2],
    [2006, 7],
    [2009, 5],
    [2012, 4],
    [2014, 9],
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2033, 11],
  ])('has the leap month of %i after month %i, and no other', (year, month) => {
    const leaps = Array.from({ length: 12 }, (_, index) => index + 1).filter((candidate) => lunarMonth(year, candidate, true) !== null);
    expect(leaps).toEqual([month]);
  });

  it('has no leap month in a year of twelve months', () => {
    for (const year of [2013, 2016, 2019, 2024, 2026, 2027]) {
      expect(Array.from({ length: 12 }, (_, index) => lunarMonth(year, index + 1, true)).filter((month) => month !== null)).toEqual([]);
    }
  });

  it('shifts the months after a leap month by one lunation', () => {
    // 2023: month 2 and leap month 2, so month 3 starts two lunations after month 2 (Hùng Kings' day on 29 April).
    expect(lunarMonth(2023, 2)?.start).toBe('2023-02-20');
    expect(lunarMonth(2023, 2, true)?.start).toBe('2023-03-22');
    expect(lunarMonth(2023, 3)?.start).toBe('2023-04-20');
    // A leap month 11 (2033) puts the next Tết three lunations after month 11.
    expect(lunarMonth(2033, 11)?.start).toBe('2033-11-22');
    expect(lunarMonth(2033, 11, true)?.start).toBe('2033-12-22');
    expect(lunarMonth(2033, 12)?.start).toBe('2034-01-20');
    expect(lunarNewYear(2034)).toBe('2034-02-19');
  });

  it('says whether the last month before Tết has 29 or 30 days, as the government notices name its days', () => {
    // 2016: 7 February was 29 tháng Chạp (notice 4659/TB-LĐTBXH); 2019: 4 February was 30 tháng Chạp.
    expect(lastMonthLengthBefore(2016)).toBe(29);
    expect(lastMonthLengthBefore(2019)).toBe(30);
    expect(lastMonthLengthBefore(2025)).toBe(29);
  });

  it('refuses a day a lunar month does not have', () => {
    expect(() => solarDayOf(2025, 12, 30)).toThrow(/has 29 days/);
    expect(() => solarDayOf(2025, 13, 1)).toThrow(RangeError);
  });
});
