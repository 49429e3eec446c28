import { dutiesInForce, type MonthlyDuty } from './monthly-duty.js';
import type { RecordedDutyVersion } from './recorded-duties.js';
import { RuleBook } from './rule-book.js';

const shipped: MonthlyDuty = {
  dutyId: 'monthly-attendance-2017',
  attend: [
    { kind: 'party-committee', where: 'the-unit' },
    { kind: 'party-cell', where: 'within-the-unit' },
  ],
  effectiveFrom: '2017-01-01',
  effectiveTo: null,
  reference: 'Shipped working rules',
  needsCheck: true,
};
const committeeOnly = (dutyId: string, effectiveFrom: string, effectiveTo: string | null): MonthlyDuty => ({
  dutyId,
  attend: [{ kind: 'party-committee', where: 'the-unit' }],
  effectiveFrom,
  effectiveTo,
  reference: 'Provincial working rules, art. 5',
  needsCheck: false,
});
const recorded = (duty: MonthlyDuty, retiredFrom: string | null = null): RecordedDutyVersion => ({
  duty: { ...duty, attend: [...duty.attend] },
  retirement: retiredFrom === null ? null : { effectiveTo: retiredFrom },
  eventIds: ['evt-recorded'],
});
const periods = (duties: MonthlyDuty[]) => duties.map(({ dutyId, effectiveFrom, effectiveTo }) => [dutyId, effectiveFrom, effectiveTo]);

describe('recorded monthly duties in the rule book', () => {
  it('gives the shipped duty every day when nothing is recorded', () => {
    expect(dutiesInForce([shipped], [])).toEqual([shipped]);
  });

  it('a recorded duty wins on the days it covers, the shipped duty keeps the days before and after', () => {
    expect(periods(dutiesInForce([shipped], [committeeOnly('local', '2020-04-01', '2021-01-01')]))).toEqual([
      ['local', '2020-04-01', '2021-01-01'],
      ['monthly-attendance-2017', '2017-01-01', '2020-04-01'],
      ['monthly-attendance-2017', '2021-01-01', null],
    ]);
  });

  it('an open-ended recorded duty takes every day from its start; one recorded before the shipped start leaves nothing to it', () => {
    expect(periods(dutiesInForce([shipped], [committeeOnly('local', '2020-04-01', null)]))).toEqual([
      ['local', '2020-04-01', null],
      ['monthly-attendance-2017', '2017-01-01', '2020-04-01'],
    ]);
    expect(periods(dutiesInForce([shipped], [committeeOnly('local', '2016-01-01', null)]))).toEqual([['local', '2016-01-01', null]]);
  });

  it('a duty recorded under the shipped id replaces the shipped copy whole', () => {
    expect(periods(dutiesInForce([shipped], [committeeOnly('monthly-attendance-2017', '2019-01-01', null)]))).toEqual([
      ['monthly-attendance-2017', '2019-01-01', null],
    ]);
  });

  it('judges a month after the recorded start by the recorded duty, a month before by the shipped, and gives the days back once retired', () => {
    const book = new RuleBook([], [], [shipped], [recorded(committeeOnly('local', '2020-04-01', null))]);
    expect(book.monthlyDutyDuring('2020-04-01', '2020-04-30')).toMatchObject({
      duty: { dutyId: 'local' },
      from: '2020-04-01',
      to: '2020-04-30',
    });
    expect(book.monthlyDutyDuring('2020-03-01', '2020-03-31')).toMatchObject({
      duty: { dutyId: 'monthly-attendance-2017' },
      to: '2020-03-31',
    });
    const retired = new RuleBook([], [], [shipped], [recorded(committeeOnly('local', '2020-04-01', null), '2020-06-01')]);
    expect(retired.monthlyDutyDuring('2020-05-01', '2020-05-31')).toMatchObject({ duty: { dutyId: 'local' } });
    expect(retired.monthlyDutyDuring('2020-06-01', '2020-06-30')).toMatchObject({ duty: { dutyId: 'monthly-attendance-2017' } });
    expect(retired.recordedDutyPeriods()).toEqual([{ dutyId: 'local', effectiveFrom: '2020-04-01', effectiveTo: '2020-06-01' }]);
  });
});
