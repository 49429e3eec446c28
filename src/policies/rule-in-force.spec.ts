import { DomainError } from '../domain-kit/domain-error.js';
import type { ResponsePolicyRule } from './policy.decider.js';
import { ruleInForce, type RuleVersion } from './rule-in-force.js';

const rule = (ruleId: string, overrides: Partial<ResponsePolicyRule>): ResponsePolicyRule => ({
  ruleId,
  category: 'complaint',
  step: 'acknowledge',
  limit: 10,
  unit: 'calendar-days',
  clockStartsAt: 'CaseReceived',
  pauses: [],
  extensions: null,
  effectiveFrom: '2012-07-01',
  effectiveTo: null,
  legalReference: 'test',
  needsCheck: false,
  ...overrides,
});

describe('ruleInForce', () => {
  const old = rule('complaint-accept-2012', { effectiveTo: '2026-07-01' });
  const current = rule('complaint-accept-2026', { limit: 7, unit: 'working-days', effectiveFrom: '2026-07-01' });
  const versions: RuleVersion[] = [
    { rule: old, retirement: null },
    { rule: current, retirement: null },
    { rule: rule('denunciation-accept', { category: 'denunciation' }), retirement: null },
  ];

  it.each([
    ['2026-06-30T23:59:59+07:00', 'complaint-accept-2012'],
    ['2026-07-01T00:00:00+07:00', 'complaint-accept-2026'],
    // 17:00 UTC on 30 June is already 1 July in Vietnam.
    ['2026-06-30T17:00:00Z', 'complaint-accept-2026'],
    ['2017-03-01T08:00:00+07:00', 'complaint-accept-2012'],
  ])('a clock started at %s is judged by %s', (clockStartedAt, ruleId) => {
    expect(ruleInForce(versions, 'complaint', 'acknowledge', clockStartedAt)?.ruleId).toBe(ruleId);
  });

  it('a retired rule ends on its retirement date', () => {
    const retired: RuleVersion[] = [
      { rule: rule('open-ended', {}), retirement: { effectiveTo: '2026-07-01' } },
      { rule: current, retirement: null },
    ];
    expect(ruleInForce(retired, 'complaint', 'acknowledge', '2026-06-30T10:00:00+07:00')?.ruleId).toBe('open-ended');
    expect(ruleInForce(retired, 'complaint', 'acknowledge', '2026-07-01T10:00:00+07:00')?.ruleId).toBe('complaint-accept-2026');
  });

  it('none before the first rule, or for another step', () => {
    expect(ruleInForce(versions, 'complaint', 'acknowledge', '2012-06-30T10:00:00+07:00')).toBeNull();
    expect(ruleInForce(versions, 'complaint', 'resolve', '2020-01-01T10:00:00+07:00')).toBeNull();
  });

  it('refuses overlapping rules', () => {
    const overlapping = [...versions, { rule: rule('duplicate', { effectiveFrom: '2026-01-01' }), retirement: null }];
    expect(() => ruleInForce(overlapping, 'complaint', 'acknowledge', '2026-03-01T10:00:00+07:00')).toThrow(DomainError);
    expect(() => ruleInForce(overlapping, 'complaint', 'acknowledge', '2026-03-01T10:00:00+07:00')).toThrow(
      /complaint-accept-2012, duplicate/,
    );
  });
});
