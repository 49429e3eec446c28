import { policyDecider, type PolicyCommand, type ResponsePolicyRule } from './policy.decider.js';
import type { PolicyEvent } from './policy.events.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';

const policies = spec(policyDecider);
const at = (occurredAt = '2019-01-02T08:00:00+07:00') => context(occurredAt);

const denunciationResolution: ResponsePolicyRule = {
  ruleId: 'denunciation-resolve-2018',
  category: 'denunciation',
  step: 'resolve',
  limit: 30,
  unit: 'calendar-days',
  clockStartsAt: 'CaseAccepted',
  pauses: [{ pausedBy: 'CaseSuspended', resumedBy: 'CaseResumed', onResume: 'continue' }],
  extensions: { max: 0, lengthDays: 30, complex: { max: 1, lengthDays: 30 }, especiallyComplex: { max: 2, lengthDays: 30 } },
  effectiveFrom: '2019-01-01',
  effectiveTo: null,
  legalReference: 'Law on Denunciations 25/2018/QH14, art. 30',
  needsCheck: true,
};
const record = (overrides: Partial<ResponsePolicyRule> = {}): PolicyCommand => ({
  type: 'RecordResponsePolicyRule',
  ...denunciationResolution,
  ...overrides,
});
const recorded = (overrides: Partial<ResponsePolicyRule> = {}) =>
  fact<PolicyEvent>({ type: 'ResponsePolicyRuleRecorded', data: { ...denunciationResolution, ...overrides } }, '2019-01-01T08:00:00+07:00');
const retired = fact<PolicyEvent>(
  { type: 'ResponsePolicyRuleRetired', data: { effectiveTo: '2020-01-01', reason: 'Replaced' } },
  '2019-12-01T08:00:00+07:00',
);
const retire = (effectiveTo: string): PolicyCommand => ({
  type: 'RetireResponsePolicyRule',
  effectiveTo,
  reason: 'Replaced by a new decree',
});

describe('response policy decider', () => {
  describe('RecordResponsePolicyRule', () => {
    it('records a rule with its clock, pauses, extensions and legal reference', () => {
      policies
        .given([])
        .when(record(), at())
        .then([{ type: 'ResponsePolicyRuleRecorded', data: denunciationResolution }]);
    });

    it('records a rule with the longer limits of remote areas', () => {
      const remoteArea = { limit: 60, complexLimit: 90 };
      policies
        .given([])
        .when(record({ remoteArea }), at())
        .then([{ type: 'ResponsePolicyRuleRecorded', data: { ...denunciationResolution, remoteArea } }]);
    });

    it('records a rule without pauses or extensions, ending on a given day', () => {
      policies
        .given([])
        .when(record({ pauses: [], extensions: null, effectiveTo: '2026-07-01' }), at())
        .then([
          {
            type: 'ResponsePolicyRuleRecorded',
            data: { ...denunciationResolution, pauses: [], extensions: null, effectiveTo: '2026-07-01' },
          },
        ]);
    });

    it.each([
      ['twice (rules are never edited)', [recorded()], record(), 'POLICY.ALREADY_RECORDED', 'conflict' as const],
      ['with a zero limit', [], record({ limit: 0 }), 'POLICY.LIMIT_NOT_POSITIVE', 'invalid' as const],
      ['with a fractional limit', [], record({ limit: 1.5 }), 'POLICY.LIMIT_NOT_POSITIVE', 'invalid' as const],
      [
        'with a remote-area limit shorter than its own',
        [],
        record({ remoteArea: { limit: 20, complexLimit: null } }),
        'POLICY.REMOTE_LIMIT_SHORTER',
        'invalid' as const,
      ],
      [
        'with a remote complex limit no longer than the remote limit',
        [],
        record({ remoteArea: { limit: 60, complexLimit: 60 } }),
        'POLICY.REMOTE_COMPLEX_LIMIT_INCOHERENT',
        'invalid' as const,
      ],
      [
        'with a remote complex limit but no complex extension to reach it',
        [],
        record({ extensions: null, remoteArea: { limit: 60, complexLimit: 90 } }),
        'POLICY.REMOTE_COMPLEX_LIMIT_INCOHERENT',
        'invalid' as const,
      ],
      ['ending the day it starts', [], record({ effectiveTo: '2019-01-01' }), 'POLICY.EFFECTIVE_PERIOD_EMPTY', 'invalid' as const],
      ['ending before it starts', [], record({ effectiveTo: '2018-01-01' }), 'POLICY.EFFECTIVE_PERIOD_EMPTY', 'invalid' as const],
      [
        'with the same pause twice',
        [],
        record({
          pauses: [
            { pausedBy: 'CaseSuspended', resumedBy: 'CaseResumed', onResume: 'continue' },
            { pausedBy: 'CaseSuspended', resumedBy: 'CaseReopened', onResume: 'restart' },
          ],
        }),
        'POLICY.PAUSE_REPEATED',
        'invalid' as const,
      ],
      [
        'paused and resumed by the same event',
        [],
        record({ pauses: [{ pausedBy: 'CaseSuspended', resumedBy: 'CaseSuspended', onResume: 'continue' }] }),
        'POLICY.PAUSE_INCOHERENT',
        'invalid' as const,
      ],
      [
        'paused by the event that starts it',
        [],
        record({ pauses: [{ pausedBy: 'CaseAccepted', resumedBy: 'CaseResumed', onResume: 'continue' }] }),
        'POLICY.PAUSE_INCOHERENT',
        'invalid' as const,
      ],
    ])('refuses recording a rule %s', (_, given, command, code, kind) => {
      policies.given(given).when(command, at()).thenRefused(code, kind);
    });

    it('refuses a rule recorded in the future', () => {
      policies.given([]).when(record(), context('2027-01-01T00:00:00Z')).thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('RetireResponsePolicyRule', () => {
    it('retires a rule from a day on', () => {
      policies
        .given([recorded()])
        .when(retire('2026-07-01'), at('2026-06-01T08:00:00+07:00'))
        .then([{ type: 'ResponsePolicyRuleRetired', data: { effectiveTo: '2026-07-01', reason: 'Replaced by a new decree' } }]);
      expect(policies.given([recorded(), retired]).state).toMatchObject({ status: 'retired', retirement: { effectiveTo: '2020-01-01' } });
    });

    it('retires a rule recorded by mistake from its first day, so it never applied', () => {
      policies
        .given([recorded()])
        .when(retire('2019-01-01'), at())
        .then([expect.objectContaining({ type: 'ResponsePolicyRuleRetired' })]);
    });

    it.each([
      ['a rule never recorded', [], '2026-07-01', at(), 'POLICY.NOT_FOUND', 'not-found' as const],
      ['twice', [recorded(), retired], '2026-07-01', at('2020-01-02T00:00:00+07:00'), 'POLICY.ALREADY_RETIRED', 'conflict' as const],
      ['from before it applies', [recorded()], '2018-12-31', at(), 'POLICY.RETIRED_BEFORE_EFFECTIVE', 'conflict' as const],
      [
        'from after it already ends',
        [recorded({ effectiveTo: '2026-07-01' })],
        '2026-07-01',
        at(),
        'POLICY.ALREADY_ENDS',
        'conflict' as const,
      ],
      [
        'dated before the rule was recorded',
        [recorded()],
        '2026-07-01',
        at('2018-01-01T00:00:00+07:00'),
        'OCCURRED_AT.BEFORE_PREVIOUS',
        'conflict' as const,
      ],
    ])('refuses retiring %s', (_, given, effectiveTo, when, code, kind) => {
      policies.given(given).when(retire(effectiveTo), when).thenRefused(code, kind);
    });
  });
});
