import type { DomainEvent } from '../domain-kit/decider.js';
import { CASE_CATEGORIES } from '../cases/case.events.js';

/** The categories of citizens' matters a response rule applies to (as cases classify them). */
export const POLICY_CATEGORIES = CASE_CATEGORIES;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

/** The step of a case's timeline the limit is for. */
export const POLICY_STEPS = ['acknowledge', 'classify', 'report-upward', 'resolve', 'answer'] as const;
export type PolicyStep = (typeof POLICY_STEPS)[number];

/** How the limit is counted: "ngày" in the laws is calendar days unless they say "ngày làm việc". */
export const LIMIT_UNITS = ['calendar-days', 'working-days', 'hours'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** After a pause, the clock either continues where it stopped or starts again (Law 136/2025 art. 11a). */
export const RESUME_MODES = ['continue', 'restart'] as const;
export type ResumeMode = (typeof RESUME_MODES)[number];

export type ClockPause = {
  /** Event type that stops the clock, e.g. CaseSuspended. */
  readonly pausedBy: string;
  /** Event type that starts it again, e.g. CaseResumed. */
  readonly resumedBy: string;
  readonly onResume: ResumeMode;
};

export type ExtensionAllowance = {
  /** How many extensions may be granted (0: none). */
  readonly max: number;
  /** Length of each extension, in days of the rule's kind (calendar days when the limit is in hours). */
  readonly lengthDays: number;
};

/** The default allowance applies unless the case is marked complex or especially complex and the rule says otherwise. */
export type Extensions = ExtensionAllowance & {
  readonly complex: ExtensionAllowance | null;
  readonly especiallyComplex: ExtensionAllowance | null;
};

/**
 * The limits a rule gives a case received by a unit that was a remote or difficult area (vùng sâu,
 * vùng xa) on its receipt day, in the rule's unit: limit instead of the rule's, and complexLimit for a
 * complex case (null: the rule's complex allowance, unchanged). The complex limit is reached as the
 * rule's complex extensions reach it: their number stays the rule's, their length becomes
 * complexLimit − limit, so the case decider's allowance and the timeline agree whatever the area.
 */
export type RemoteAreaLimits = {
  readonly limit: number;
  readonly complexLimit: number | null;
};

/**
 * One rule, never edited: a change is a new rule and the retirement of the old one. In force on the
 * days effectiveFrom <= day < effectiveTo (effectiveTo excluded, so a successor starts on it).
 */
export type ResponsePolicyRuleRecorded = DomainEvent<
  'ResponsePolicyRuleRecorded',
  {
    ruleId: string;
    category: PolicyCategory;
    step: PolicyStep;
    limit: number;
    unit: LimitUnit;
    clockStartsAt: string;
    pauses: ClockPause[];
    extensions: Extensions | null;
    /** Null (or absent, in rules recorded before remote areas were modelled): the same limits everywhere. */
    remoteArea?: RemoteAreaLimits | null;
    effectiveFrom: string;
    effectiveTo: string | null;
    legalReference: string;
    /** The research marked the rule "check": not confirmed against the text of the law. */
    needsCheck: boolean;
  }
>;
/** From effectiveTo on (excluded from the rule's days) the rule no longer applies. */
export type ResponsePolicyRuleRetired = DomainEvent<'ResponsePolicyRuleRetired', { effectiveTo: string; reason: string }>;

export type PolicyEvent = ResponsePolicyRuleRecorded | ResponsePolicyRuleRetired;

export const policyStream = (ruleId: string): string => `policy-${ruleId}`;
