import { vietnamDayOf } from '../calendar/calendar-day.js';
import { DomainError } from '../domain-kit/domain-error.js';
import type { ResponsePolicyRule } from './policy.decider.js';
import type { PolicyCategory, PolicyStep } from './policy.events.js';

/** A recorded rule and its retirement, if any: the shape of a folded policy stream. */
export interface RuleVersion {
  readonly rule: ResponsePolicyRule;
  readonly retirement: { readonly effectiveTo: string } | null;
}

/** The first day the rule no longer applies: its own effectiveTo or its retirement, whichever is earlier. */
export function ruleEndsOn(version: RuleVersion): string | null {
  const ends = [version.rule.effectiveTo, version.retirement?.effectiveTo].filter((day): day is string => typeof day === 'string');
  return ends.length === 0 ? null : ends.sort()[0];
}

/**
 * The rule a case is judged by: the one in force on the day (in Vietnam) its clock started,
 * effectiveFrom <= day < end. A later change of rule does not change the deadline of a case already
 * running. Null when no rule covers that day; two rules covering it are a data error, said loudly.
 */
export function ruleInForce(
  versions: readonly RuleVersion[],
  category: PolicyCategory,
  step: PolicyStep,
  clockStartedAt: string,
): ResponsePolicyRule | null {
  const day = vietnamDayOf(clockStartedAt);
  const matching = versions.filter((version) => {
    const { rule } = version;
    const end = ruleEndsOn(version);
    return rule.category === category && rule.step === step && rule.effectiveFrom <= day && (end === null || day < end);
  });
  if (matching.length > 1) {
    throw new DomainError(
      'POLICY.RULES_OVERLAP',
      `Rules ${matching.map((version) => version.rule.ruleId).join(', ')} all apply to ${category}/${step} on ${day}; retire all but one.`,
      'conflict',
      {
        ruleIds: matching.map((version) => version.rule.ruleId),
        day,
      },
    );
  }
  return matching[0]?.rule ?? null;
}
