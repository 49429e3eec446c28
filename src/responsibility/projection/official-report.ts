import { addCalendarDays } from '../../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../../calendar/working-day-calendar.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import type { RuleBook } from '../../policies/rule-book.js';
import type { RuleBookQuery } from '../../policies/rule-book.query.js';
import { reportResponsibility } from '../responsibility-report.js';
import type { ReportPeriod, ReportRules } from '../report-input.js';
import type { ResponsibilityReport } from '../report-output.js';
import type { ReportFactsQuery, ReportRecords } from './report-facts.query.js';

/** Five years at most: a report covers a term of office (nhiệm kỳ), not the whole ledger. */
export const MAX_REPORT_YEARS = 5;

/**
 * The report of one official, read from the responsibility-facts projection and computed by the pure
 * reportResponsibility. Must-report matters are judged by the rule book (the report-upward rules, as
 * the timelines judge them); cases handled by their assignment's due date.
 */
export class OfficialReports {
  constructor(
    private readonly facts: ReportFactsQuery,
    private readonly calendar: WorkingDayCalendar,
    private readonly ruleBooks: RuleBookQuery,
    private readonly rules: Partial<ReportRules> = {},
  ) {}

  review(officialId: string, period: ReportPeriod, asOf: Date): ResponsibilityReport {
    assertPeriod(period);
    const records = this.facts.recordsFor([officialId], period);
    if (!records.officials.has(officialId))
      throw new DomainError('NOT_FOUND', `Official ${officialId.slice(0, 80)} does not exist.`, 'not-found');
    return reportOf(officialId, records, period, asOf, { calendar: this.calendar, ruleBook: this.ruleBooks.current(), rules: this.rules });
  }
}

/** What a report is judged with besides the facts: the working days, the rule book, the report's own settings. */
export interface ReportJudgement {
  readonly calendar: WorkingDayCalendar;
  readonly ruleBook: RuleBook;
  readonly rules: Partial<ReportRules>;
}

/** The report of one official from records selected for them or for a group they belong to. */
export function reportOf(
  officialId: string,
  records: ReportRecords,
  period: ReportPeriod,
  asOf: Date,
  { calendar, ruleBook, rules }: ReportJudgement,
): ResponsibilityReport {
  return reportResponsibility({
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

export function assertPeriod(period: ReportPeriod): void {
  if (period.from > period.to)
    throw new DomainError('REVIEW.EMPTY_PERIOD', 'The period ends before it starts: "from" must not be after "to".', 'invalid');
  const longest = addCalendarDays(`${Number(period.from.slice(0, 4)) + MAX_REPORT_YEARS}${period.from.slice(4)}`, -1);
  if (period.to > longest)
    throw new DomainError(
      'REVIEW.PERIOD_TOO_LONG',
      `A review covers at most ${MAX_REPORT_YEARS} years; ask for several periods.`,
      'invalid',
    );
}
