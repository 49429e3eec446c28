import { EXTENDABLE_STEPS } from '../cases/case-event-catalogue.js';
import type { CaseFacts } from '../cases/case-facts.js';
import { POLICY_STEPS, type PolicyStep } from '../policies/policy.events.js';
import type { RuleBook } from '../policies/rule-book.js';
import { allowanceFor, clockWindowOf, latestComplexity } from './deadline-calculator.js';

/** How many extensions a running rule allows the case, and how many its clock has seen. */
export interface RunningAllowance {
  readonly ruleId: string;
  readonly step: PolicyStep;
  readonly allowed: number;
  readonly used: number;
}

/**
 * The allowances of the rules whose clocks run at an instant for the handling of the case (accepting,
 * then resolving or answering it): the rule in force when each clock started, for the case's category
 * and its complexity now, counted over the same window as computeDeadline counts extensions, so an
 * extension the decider lets through is one the timeline counts. Empty when no rule of the rule book
 * runs for the handling then (no rule known for the category or the date): nothing bounds it.
 */
export function runningAllowances(rules: RuleBook, facts: CaseFacts, at: string): RunningAllowance[] {
  const limit = Date.parse(at);
  const moments = facts.moments.filter((moment) => Date.parse(moment.at) <= limit);
  const complexity = latestComplexity(moments);
  const running: RunningAllowance[] = [];
  for (const step of POLICY_STEPS) {
    if (!EXTENDABLE_STEPS[step]) continue;
    for (const clockStartsAt of rules.clockStartsFor(facts.category, step)) {
      const { startIndex, completionIndex } = clockWindowOf({ clockStartsAt, step }, moments);
      if (startIndex < 0 || completionIndex >= 0) continue;
      const sourced = rules.inForce(facts.category, step, clockStartsAt, moments[startIndex].at);
      if (!sourced) continue;
      const used = moments.slice(startIndex + 1).filter((moment) => moment.type === 'CaseDeadlineExtended').length;
      running.push({ ruleId: sourced.rule.ruleId, step, allowed: allowanceFor(sourced.rule.extensions, complexity).max, used });
    }
  }
  return running;
}
