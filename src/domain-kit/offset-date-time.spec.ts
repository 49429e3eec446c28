import { isOffsetDateTime } from './offset-date-time.js';

describe('isOffsetDateTime', () => {
  it.each(['2017-03-09T08:00:00+07:00', '2017-03-09T01:00Z', '2016-02-29T23:59:59.999-05:00'])('accepts %s', (value) => {
    expect(isOffsetDateTime(value)).toBe(true);
  });

  it.each([
    '2017-03-09T08:00:00',
    '2017-02-30T08:00:00Z',
    '2017-13-01T00:00:00Z',
    '2017-02-29T00:00:00Z',
    '2017-03-09T24:30:00Z',
    '2017-03-09',
    42,
    null,
  ])('refuses %p', (value) => {
    expect(isOffsetDateTime(value)).toBe(false);
  });
});
