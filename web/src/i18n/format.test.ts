import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseDate, parseDateTime } from './format';

describe('dates as people in Vietnam write them', () => {
  it('shows dd/mm/yyyy and a 24-hour clock in Vietnam time, whatever the offset of the value', () => {
    expect(formatDateTime('2017-02-20T09:00:00+07:00')).toBe('20/02/2017 09:00');
    expect(formatDateTime('2017-02-20T20:30:00Z')).toBe('21/02/2017 03:30');
    expect(formatDate('2017-12-31T18:00:00Z')).toBe('01/01/2018');
  });

  it('shows a calendar day as it is, never moved by a time zone', () => {
    expect(formatDate('2017-01-01')).toBe('01/01/2017');
  });

  it('reads what people type as Vietnam time, and refuses days a month does not have', () => {
    expect(parseDateTime('20/02/2017 09:00')).toBe('2017-02-20T09:00:00+07:00');
    expect(parseDateTime(' 5/3/2017 7:05 ')).toBe('2017-03-05T07:05:00+07:00');
    expect(parseDateTime('31/02/2017 09:00')).toBeUndefined();
    expect(parseDateTime('2017-02-20T09:00')).toBeUndefined();
    expect(parseDateTime('20/02/2017 24:00')).toBeUndefined();
    expect(parseDate('29/02/2016')).toBe('2016-02-29');
    expect(parseDate('29/02/2017')).toBeUndefined();
  });
});
