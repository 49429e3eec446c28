import { dutiesInForce, monthlyDutyDuring, type MonthlyDuty } from './monthly-duty.js';
import type { DutyPeriod } from './monthly-duty.decider.js';
import type { RecordedDutyVersion } from './recorded-duties.js';
import type { ResponsePolicyRule } from './policy.decider.js';
import type { PolicyCategory, PolicyStep } from './policy.events.js';
import { ruleInForce, type RuleVersion } from './rule-in-force.js';

/** Where a rule comes from: the shipped defaults, or a ResponsePolicyRuleRecorded event. */
export type RuleSource = 'default' | 'recorded';

export interface SourcedRule {
  readonly rule: ResponsePolicyRule;
  readonly source: RuleSource;
  /** The ResponsePolicyRuleRecorded and ResponsePolicyRuleRetired events, for recorded rules. */
  readonly eventIds: readonly string[];
}

export interface RecordedRuleVersion extends RuleVersion {
  readonly eventIds: readonly string[];
}

/**
 * Every time limit the ledger judges by, whoever asks: the timelines, the responsibility review and
 * the case decider's extension allowance. Recorded rules first, the shipped defaults where no recorded
 * rule covers the day. So recording a rule (e.g. a local, shorter limit from a date) takes over from
 * the default on its days without retiring anything, and a default recorded under its own id (to
 * retire it later) replaces the shipped copy. Two recorded rules covering the same day are a data
 * error (POLICY.RULES_OVERLAP, 409). The monthly duty of the members in charge is here too, as
 * effective-dated data, shipped and recorded alike: a recorded duty wins on the days it covers
 * (monthly-duty.ts, dutiesInForce). Immutable: a snapshot of the rules as they stood when it was read.
 */
export class RuleBook {
  private readonly defaults: RuleVersion[];
  private readonly duties: readonly MonthlyDuty[];
  private readonly recordedDuties: readonly MonthlyDuty[];

  constructor(
    defaults: readonly ResponsePolicyRule[],
    private readonly recorded: readonly RecordedRuleVersion[] = [],
    shippedDuties: readonly MonthlyDuty[] = [],
    recordedDuties: readonly RecordedDutyVersion[] = [],
  ) {
    this.recordedDuties = recordedDuties.map(({ duty, retirement }) => ({
      ...duty,
      effectiveTo: retirement?.effectiveTo ?? duty.effectiveTo,
    }));
    this.duties = dutiesInForce(shippedDuties, this.recordedDuties);
    const recordedIds = new Set(recorded.map((version) => version.rule.ruleId));
    this.defaults = defaults.filter((rule) => !recordedIds.has(rule.ruleId)).map((rule) => ({ rule, retirement: null }));
  }

  /** The clock-starting event types any rule for this category and step uses (usually one). */
  clockStartsFor(category: PolicyCategory, step: PolicyStep): string[] {
    const all = [...this.recorded, ...this.defaults].filter((version) => version.rule.category === category && version.rule.step === step);
    return [...new Set(all.map((version) => version.rule.clockStartsAt))];
  }

  /** The rule in force on the day (in Vietnam) the clock started, among those started by `clockStartsAt`. */
  inForce(category: PolicyCategory, step: PolicyStep, clockStartsAt: string, clockStartedAt: string): SourcedRule | null {
    const started = (version: RuleVersion): boolean => version.rule.clockStartsAt === clockStartsAt;
    const recorded = ruleInForce(this.recorded.filter(started), category, step, clockStartedAt);
    if (recorded)
      return { rule: recorded, source: 'recorded', eventIds: this.recorded.find((version) => version.rule === recorded)?.eventIds ?? [] };
    const shipped = ruleInForce(this.defaults.filter(started), category, step, clockStartedAt);
    return shipped ? { rule: shipped, source: 'default', eventIds: [] } : null;
  }

  /** The monthly duty in force on some day of from..to (a member's days in charge in a month), with the days it covers. */
  monthlyDutyDuring(from: string, to: string): ReturnType<typeof monthlyDutyDuring> {
    return monthlyDutyDuring(this.duties, from, to);
  }

  /** The recorded duties in force, their retirement applied (the decider refuses a new one that overlaps them). */
  recordedDutyPeriods(): DutyPeriod[] {
    return this.recordedDuties.map(({ dutyId, effectiveFrom, effectiveTo }) => ({ dutyId, effectiveFrom, effectiveTo }));
  }
}
