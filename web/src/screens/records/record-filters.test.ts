import { describe, expect, it } from 'vitest';
import { meetingListQueryOf, meetingSearchOf, monthPeriod, visitListQueryOf, visitSearchOf } from './record-filters';

describe('the visits and meetings filters in the address', () => {
  it('keeps the filters the list knows, drops what it cannot read', () => {
    expect(
      visitSearchOf({
        unitId: 'gia-tan',
        below: 'true',
        participantId: 'chu-tich gia tan',
        from: '2017-02-01',
        to: '2017-02-30x',
        kind: 'periodic',
        status: 'done',
        sort: 'plannedFor',
        q: 'anything',
      }),
    ).toEqual({ unitId: 'gia-tan', below: true, from: '2017-02-01', kind: 'periodic', sort: 'plannedFor' });
    expect(meetingSearchOf({ attendeeId: 'bi-thu-gia-tan', kind: 'party-cell', status: 'held', sort: '-heldAt' })).toEqual({
      attendeeId: 'bi-thu-gia-tan',
      kind: 'party-cell',
      sort: '-heldAt',
    });
  });

  it('asks the API for the period as Vietnam instants, the last day included', () => {
    expect(visitListQueryOf({ unitId: 'gia-loc', below: true, from: '2017-02-01', to: '2017-02-28', status: 'conducted' })).toEqual({
      unitId: 'gia-loc',
      below: true,
      status: 'conducted',
      from: '2017-02-01T00:00:00+07:00',
      to: '2017-03-01T00:00:00+07:00',
    });
    expect(meetingListQueryOf({ to: '2017-12-31' })).toEqual({ to: '2018-01-01T00:00:00+07:00' });
  });

  it('gives a duty grid month as its first and last days', () => {
    expect(monthPeriod('2017-02')).toEqual({ from: '2017-02-01', to: '2017-02-28' });
    expect(monthPeriod('2016-02')).toEqual({ from: '2016-02-01', to: '2016-02-29' });
    expect(monthPeriod('2017-12')).toEqual({ from: '2017-12-01', to: '2017-12-31' });
  });
});
