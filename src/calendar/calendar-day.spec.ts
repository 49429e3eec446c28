import fc from 'fast-check';
import { vietnamDayOf } from './calendar-day.js';

/** What vietnamDayOf computes for any instant: the date of the instant shifted to UTC+07:00. */
const byParsing = (instant: string) => new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 10);
const two = (max: number) => fc.integer({ min: 0, max }).map((value) => String(value).padStart(2, '0'));

describe('vietnamDayOf', () => {
  it('reads the date of an instant written in +07:00 as parsing it would, for any day, hour and fraction', () => {
    const instant = fc
      .tuple(
        fc.integer({ min: 1970, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        two(23),
        two(59),
        fc.option(two(59)),
        fc.option(fc.integer({ min: 1, max: 9 })),
      )
      .map(([year, month, day, hour, minute, second, digits]) => {
        const fraction = second !== null && digits !== null ? `.${'7'.repeat(digits)}` : '';
        return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${hour}:${minute}${second !== null ? `:${second}` : ''}${fraction}+07:00`;
      })
      .filter((value) => !Number.isNaN(Date.parse(value)));
    fc.assert(
      fc.property(instant, (value) => expect(vietnamDayOf(value)).toBe(byParsing(value))),
      { numRuns: 2000 },
    );
  });

  it('moves an instant written in another offset to its Vietnamese day', () => {
    expect(vietnamDayOf('2024-03-31T17:30:00Z')).toBe('2024-04-01');
    expect(vietnamDayOf('2024-03-31T23:30:00+07:00')).toBe('2024-03-31');
    expect(vietnamDayOf('2024-02-29T23:30:00+07:00')).toBe('2024-02-29');
    expect(vietnamDayOf('2024-03-31T10:00:00-05:00')).toBe('2024-03-31');
    expect(vietnamDayOf('2024-03-31T20:00:00-05:00')).toBe('2024-04-01');
    expect(vietnamDayOf(new Date('2024-03-31T17:00:00Z'))).toBe('2024-04-01');
  });
});
