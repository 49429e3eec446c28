import { loadDefaultDuties } from './default-rules.js';
import { monthlyDutyDuring, type MonthlyDuty } from './monthly-duty.js';

const duty = (dutyId: string, effectiveFrom: string, effectiveTo: string | null): MonthlyDuty => ({
  dutyId,
  attend: [{ kind: 'party-committee', where: 'the-unit' }],
  effectiveFrom,
  effectiveTo,
  reference: 'A provincial working rule',
  needsCheck: false,
});

describe('the monthly duty in the rule book', () => {
  it("ships the seed's duty as data: the unit's Party committee and at least one Party cell in it, from 2017", () => {
    expect(loadDefaultDuties()).toEqual([
      expect.objectContaining({
        dutyId: 'monthly-attendance-2017',
        attend: [
          { kind: 'party-committee', where: 'the-unit' },
          { kind: 'party-cell', where: 'within-the-unit' },
        ],
        effectiveFrom: '2017-01-01',
        effectiveTo: null,
        needsCheck: true,
      }),
    ]);
  });

  it('gives the duty in force on the days asked, clipped to its own days, and none before it', () => {
    const duties = [duty('old', '2017-01-01', '2020-03-16'), duty('new', '2020-03-16', null)];
    expect(monthlyDutyDuring(duties, '2016-12-01', '2016-12-31')).toBeNull();
    expect(monthlyDutyDuring(duties, '2016-12-20', '2017-01-10')).toMatchObject({
      duty: { dutyId: 'old' },
      from: '2017-01-01',
      to: '2017-01-10',
    });
    expect(monthlyDutyDuring(duties, '2020-03-01', '2020-03-31')).toMatchObject({
      duty: { dutyId: 'old' },
      from: '2020-03-01',
      to: '2020-03-15',
    });
    expect(monthlyDutyDuring(duties, '2020-03-16', '2020-03-31')).toMatchObject({
      duty: { dutyId: 'new' },
      from: '2020-03-16',
      to: '2020-03-31',
    });
  });
});
