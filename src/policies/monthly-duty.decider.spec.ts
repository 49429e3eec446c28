import { monthlyDutyDecider, type DutyPeriod, type MonthlyDutyCommand, type RecordedMonthlyDuty } from './monthly-duty.decider.js';
import type { MonthlyDutyEvent } from './monthly-duty.events.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';

const duties = spec(monthlyDutyDecider);
const at = (occurredAt = '2020-01-02T08:00:00+07:00') => context(occurredAt);

const committeeOnly: RecordedMonthlyDuty = {
  dutyId: 'committee-only-2020',
  attend: [{ kind: 'party-committee', where: 'the-unit' }],
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  reference: 'Working rules of the district Party committee, 2020, art. 5',
  needsCheck: false,
};
const record = (overrides: Partial<RecordedMonthlyDuty> = {}, otherDuties: readonly DutyPeriod[] = []): MonthlyDutyCommand => ({
  type: 'RecordMonthlyDuty',
  otherDuties,
  ...committeeOnly,
  ...overrides,
});
const recorded = (overrides: Partial<RecordedMonthlyDuty> = {}) =>
  fact<MonthlyDutyEvent>({ type: 'MonthlyDutyRecorded', data: { ...committeeOnly, ...overrides } }, '2020-01-01T08:00:00+07:00');
const retired = fact<MonthlyDutyEvent>(
  { type: 'MonthlyDutyRetired', data: { effectiveTo: '2021-01-01', reason: 'Replaced' } },
  '2020-12-01T08:00:00+07:00',
);
const retire = (effectiveTo: string): MonthlyDutyCommand => ({
  type: 'RetireMonthlyDuty',
  effectiveTo,
  reason: 'Replaced by new working rules',
});

describe('monthly duty decider', () => {
  describe('RecordMonthlyDuty', () => {
    it('records the meetings to attend, its days and its reference', () => {
      duties
        .given([])
        .when(record(), at())
        .then([{ type: 'MonthlyDutyRecorded', data: committeeOnly }]);
    });

    it('records a duty that follows another recorded duty on the day it ends', () => {
      duties
        .given([])
        .when(record({}, [{ dutyId: 'earlier', effectiveFrom: '2018-01-01', effectiveTo: '2020-01-01' }]), at())
        .then([{ type: 'MonthlyDutyRecorded', data: committeeOnly }]);
    });

    it.each([
      ['twice', [recorded()], record(), 'DUTY.ALREADY_RECORDED', 'conflict' as const],
      ['ending on its first day', [], record({ effectiveTo: '2020-01-01' }), 'DUTY.EFFECTIVE_PERIOD_EMPTY', 'invalid' as const],
      ['ending before it starts', [], record({ effectiveTo: '2019-06-01' }), 'DUTY.EFFECTIVE_PERIOD_EMPTY', 'invalid' as const],
      ['requiring nothing', [], record({ attend: [] }), 'DUTY.NOTHING_TO_ATTEND', 'invalid' as const],
      [
        'naming a kind twice',
        [],
        record({
          attend: [
            { kind: 'party-cell', where: 'within-the-unit' },
            { kind: 'party-cell', where: 'the-unit' },
          ],
        }),
        'DUTY.KIND_REPEATED',
        'invalid' as const,
      ],
      [
        'on days an open-ended recorded duty covers',
        [],
        record({}, [{ dutyId: 'open', effectiveFrom: '2019-01-01', effectiveTo: null }]),
        'DUTY.OVERLAP',
        'conflict' as const,
      ],
      [
        'ending inside a later recorded duty',
        [],
        record({ effectiveTo: '2021-02-01' }, [{ dutyId: 'later', effectiveFrom: '2021-01-31', effectiveTo: null }]),
        'DUTY.OVERLAP',
        'conflict' as const,
      ],
    ])('refuses recording a duty %s', (_, given, command, code, kind) => {
      duties.given(given).when(command, at()).thenRefused(code, kind);
    });

    it('refuses a duty recorded in the future', () => {
      duties.given([]).when(record(), context('2027-01-01T00:00:00Z')).thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('RetireMonthlyDuty', () => {
    it('retires a duty from a day', () => {
      duties
        .given([recorded()])
        .when(retire('2021-01-01'), at('2020-12-01T08:00:00+07:00'))
        .then([{ type: 'MonthlyDutyRetired', data: { effectiveTo: '2021-01-01', reason: 'Replaced by new working rules' } }]);
    });

    it.each([
      ['never recorded', [], '2021-01-01', 'DUTY.NOT_FOUND', 'not-found' as const],
      ['already retired', [recorded(), retired], '2021-06-01', 'DUTY.ALREADY_RETIRED', 'conflict' as const],
      ['before it takes effect', [recorded()], '2019-12-31', 'DUTY.RETIRED_BEFORE_EFFECTIVE', 'conflict' as const],
      ['after it already ends', [recorded({ effectiveTo: '2020-07-01' })], '2020-08-01', 'DUTY.ALREADY_ENDS', 'conflict' as const],
    ])('refuses retiring a duty %s', (_, given, effectiveTo, code, kind) => {
      duties.given(given).when(retire(effectiveTo), at('2020-12-01T08:00:00+07:00')).thenRefused(code, kind);
    });
  });
});
