import { vietnamDayOf } from '../calendar/calendar-day.js';
import { DomainError } from '../domain-kit/domain-error.js';
import type { PolicyCategory, PolicyStep } from '../policies/policy.events.js';
import { computeDeadline, type Deadline, type DeadlineQuery } from './deadline-calculator.js';

/**
 * Why a deadline cannot be judged: no rule of the rule book covers the day its clock started, or the
 * count meets a year outside the working-day calendar. Either leaves that one item unjudged (neither
 * met nor missed), with a sentence a reader understands; every other figure of the answer stands.
 */
export interface Unjudged {
  readonly reason: 'no-rule' | 'no-calendar';
  readonly sentence: string;
}

export type JudgedDeadline =
  { readonly deadline: Deadline; readonly unjudged: null } | { readonly deadline: null; readonly unjudged: Unjudged };

/** computeDeadline, with an uncovered year turned into an unjudged item instead of an error for the whole answer. */
export function judgeDeadline(query: DeadlineQuery): JudgedDeadline {
  try {
    return { deadline: computeDeadline(query), unjudged: null };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CALENDAR.YEAR_OUT_OF_RANGE')
      return { deadline: null, unjudged: { reason: 'no-calendar', sentence: error.message } };
    throw error;
  }
}

/** The sentence for a step whose clock started on a day no rule covers (before 2012-07-01 for the laws, say). */
export function noRuleFor(category: PolicyCategory, step: PolicyStep, clockStartedAt: string): Unjudged {
  return {
    reason: 'no-rule',
    sentence: `No ${step} rule for ${category} matters was in force on ${vietnamDayOf(clockStartedAt)}, the day the clock started; record one with POST /api/v1/policies to judge it.`,
  };
}

/** The sentence for a step whose clock never started, so no rule could be chosen. */
export function noClockStart(category: PolicyCategory, step: PolicyStep): Unjudged {
  return {
    reason: 'no-rule',
    sentence: `No ${step} rule for ${category} matters applies: the fact that starts its clock is not recorded.`,
  };
}
