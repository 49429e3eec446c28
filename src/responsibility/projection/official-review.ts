import { addCalendarDays } from '../../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../../calendar/working-day-calendar.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import type { RuleBook } from '../../policies/rule-book.js';
import type { RuleBookQuery } from '../../policies/rule-book.query.js';
import { reviewResponsibility } from '../responsibility-review.js';
import type { ReviewPeriod, ReviewRules } from '../review-input.js';
import type { ResponsibilityReview } from '../review-output.js';
import type { ReviewFactsQuery, ReviewRecords } from './review-facts.query.js';

/** Five years at most: a review covers a term of office (nhiệm kỳ), not the whole ledger. */
export const MAX_REVIEW_YEARS = 5;

/**
 * The review of one official, read from the responsibility-facts projection and computed by the pure
 * reviewResponsibility. Must-report matters are judged by the rule book (the report-upward rules, as
 * the timelines judge them); cases handled by their assignment's due date.
 */
export class OfficialReview {
  constructor(
    private readonly facts: ReviewFactsQuery,
    private readonly calendar: WorkingDayCalendar,
    private readonly ruleBooks: RuleBookQuery,
    private readonly rules: Partial<ReviewRules> = {},
  ) {}

  review(officialId: string, period: ReviewPeriod, asOf: Date): ResponsibilityReview {
    assertPeriod(period);
    const records = this.facts.recordsFor([officialId], period);
    if (!records.officials.has(officialId))
      throw new DomainError('NOT_FOUND', `Official ${officialId.slice(0, 80)} does not exist.`, 'not-found');
    return reviewOf(officialId, records, period, asOf, { calendar: this.calendar, ruleBook: this.ruleBooks.current(), rules: this.rules });
  }
}

/** What a review is judged with besides the facts: the working days, the rule book, the review's own settings. */
export interface ReviewJudgement {
  readonly calendar: WorkingDayCalendar;
  readonly ruleBook: RuleBook;
  readonly rules: Partial<ReviewRules>;
}

/** The review of one official from records selected for them or for a group they belong to. */
export function reviewOf(
  officialId: string,
  records: ReviewRecords,
  period: ReviewPeriod,
  asOf: Date,
  { calendar, ruleBook, rules }: ReviewJudgement,
): ResponsibilityReview {
  return reviewResponsibility({
    officialId,
    period,
    asOf: asOf.toISOString(),
    assignments: records.assignments,
    units: records.units,
    meetings: records.meetings,
    visits: records.visits,
    cases: records.cases,
    reviews: records.reviews,
    ruleBook,
    calendar,
    rules,
  });
}

export function assertPeriod(period: ReviewPeriod): void {
  if (period.from > period.to)
    throw new DomainError('REVIEW.EMPTY_PERIOD', 'The period ends before it starts: "from" must not be after "to".', 'invalid');
  const longest = addCalendarDays(`${Number(period.from.slice(0, 4)) + MAX_REVIEW_YEARS}${period.from.slice(4)}`, -1);
  if (period.to > longest)
    throw new DomainError(
      'REVIEW.PERIOD_TOO_LONG',
      `A review covers at most ${MAX_REVIEW_YEARS} years; ask for several periods.`,
      'invalid',
    );
}
