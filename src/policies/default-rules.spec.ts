import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyDecider, type PolicyCommand } from './policy.decider.js';
import { context } from '../../test/support/given-when-then.js';

/** The shipped default rules must be recordable as they stand (extensions and effectiveTo default like the API's). */
describe('default response policy rules', () => {
  const { rules } = JSON.parse(readFileSync(join(process.cwd(), 'src/policies/default-rules.json'), 'utf8')) as { rules: Record<string, unknown>[] };

  it.each(rules.map((rule) => [rule.ruleId, rule]))('%s is a coherent rule', (_, rule) => {
    const extensions = (rule.extensions ?? null) as Record<string, unknown> | null;
    const command = {
      type: 'RecordResponsePolicyRule',
      ...rule,
      effectiveTo: rule.effectiveTo ?? null,
      extensions: extensions && { complex: null, especiallyComplex: null, ...extensions },
    } as PolicyCommand;
    expect(policyDecider.decide(command, policyDecider.initialState, context('2026-01-01T00:00:00Z'))).toHaveLength(1);
  });

  it('has one rule id per rule', () => {
    expect(new Set(rules.map((rule) => rule.ruleId)).size).toBe(rules.length);
  });
});
