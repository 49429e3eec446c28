import { inVietnamTime, later, vietnamDateAt } from './time.js';

describe('later', () => {
  it('compares instants written alike as strings', () => {
    expect(later('2017-03-09T08:00:00+07:00', '2017-03-09T09:00:00+07:00')).toBe('2017-03-09T09:00:00+07:00');
    expect(later('2017-03-09T09:00:00+07:00', '2017-03-09T08:00:00+07:00')).toBe('2017-03-09T09:00:00+07:00');
  });

  it('compares instants in different offsets by the moment they name', () => {
    // 08:00 in Hà Nội is 01:00 UTC: earlier than 02:00Z, although it reads as a later hour.
    expect(later('2017-03-09T08:00:00+07:00', '2017-03-09T02:00:00Z')).toBe('2017-03-09T02:00:00Z');
    expect(later('2017-03-09T08:00:00.000+07:00', '2017-03-09T07:59:59+07:00')).toBe('2017-03-09T08:00:00.000+07:00');
  });

  it('keeps the first of two ways of writing one instant', () => {
    expect(later('2017-03-09T08:00:00+07:00', '2017-03-09T01:00:00Z')).toBe('2017-03-09T08:00:00+07:00');
  });
});

describe('Vietnam time', () => {
  it('writes an instant in +07:00 and names its Vietnamese day', () => {
    const lateEvening = Date.parse('2017-03-09T18:30:00Z');
    expect(inVietnamTime(lateEvening)).toBe('2017-03-10T01:30:00.000+07:00');
    expect(vietnamDateAt(lateEvening)).toBe('2017-03-10');
  });
});
