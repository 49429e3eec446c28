import { describe, expect, it } from 'vitest';
import { caseCsvHref, caseListQueryOf, caseSearchOf, filterCount } from './case-filters';

describe('the worklist filters in the address bar', () => {
  it('keeps the filters the case list knows, in its own names, and drops the rest', () => {
    expect(
      caseSearchOf({
        q: '  o nhiem ',
        unitId: 'gia-loc',
        below: 'true',
        status: 'open',
        category: 'reflection',
        classification: 'unclassified',
        channel: 'hotline',
        dueWithinWorkingDays: 3,
        sort: 'due',
        page: '2',
      }),
    ).toEqual({
      q: 'o nhiem',
      unitId: 'gia-loc',
      below: true,
      status: 'open',
      category: 'reflection',
      classification: 'unclassified',
      channel: 'hotline',
      dueWithinWorkingDays: 3,
      sort: 'due',
    });
  });

  it('reads flags and counts as the router parses them from the address (below=true, dueWithinWorkingDays=3)', () => {
    expect(caseSearchOf({ below: true, overdue: 'true', notReportedUpward: false, dueWithinWorkingDays: '12' })).toEqual({
      below: true,
      overdue: true,
      dueWithinWorkingDays: 12,
    });
  });

  it('drops values the API would refuse: unknown codes, malformed ids and days, more than 60 working days', () => {
    expect(
      caseSearchOf({
        status: 'lost',
        unitId: 'gia loc',
        receivedFrom: '20/02/2017',
        dueBefore: '2017-13-45',
        dueWithinWorkingDays: '61',
        overdue: 'yes',
        sort: 'summary',
      }),
    ).toEqual({});
  });

  it('asks the API for Vietnam days as instants, the last received day included, and flags as booleans', () => {
    expect(
      caseListQueryOf({
        receivedFrom: '2017-02-01',
        receivedTo: '2017-02-28',
        dueBefore: '2017-12-31',
        overdue: true,
        below: true,
        unitId: 'gia-loc',
        dueWithinWorkingDays: 0,
      }),
    ).toEqual({
      receivedFrom: '2017-02-01T00:00:00+07:00',
      receivedTo: '2017-03-01T00:00:00+07:00',
      dueBefore: '2017-12-31T00:00:00+07:00',
      overdue: true,
      below: true,
      unitId: 'gia-loc',
      dueWithinWorkingDays: 0,
    });
    expect(caseListQueryOf({ receivedTo: '2016-12-31' }).receivedTo).toBe('2017-01-01T00:00:00+07:00');
  });

  it('exports the same filters as CSV', () => {
    const href = new URL(caseCsvHref({ q: 'ô nhiễm', status: 'open', receivedFrom: '2017-02-01', notReportedUpward: true }), 'http://x');
    expect(href.pathname).toBe('/api/v1/cases');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      q: 'ô nhiễm',
      status: 'open',
      receivedFrom: '2017-02-01T00:00:00+07:00',
      notReportedUpward: 'true',
      format: 'csv',
    });
  });

  it('counts the filters that narrow the list, not the sort', () => {
    expect(filterCount({ sort: 'due', status: 'open', unitId: 'gia-loc', below: true })).toBe(2);
  });
});
