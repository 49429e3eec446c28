import { vietnamDayOf } from '../calendar/calendar-day.js';
import { caseActs, casesHandled, mustReportMatters, preemptions, type CaseReportContext } from './case-report.js';
import { attendanceOf, unique } from './monthly-attendance.js';
import { DEFAULT_REPORT_RULES, type ResponsibilityReportInput, type ReportRules } from './report-input.js';
import type { Figure, ResponsibilityReport, ReportOfOfficial } from './report-output.js';
import { UnitTree } from './unit-tree.js';
import { visitsByAssignment } from './visit-counts.js';

const FOREVER = '9999-12-31';

/**
 * The responsibility report of one official over a period (Vietnamese calendar days, both included):
 * assignments, monthly meeting attendance, visits, cases handled, acts on cases, must-report matters, pre-emptions
 * and reviews, every figure with the ids of the events it was counted from. Pure: the caller selects
 * and folds the facts (corrections applied) and passes asOf; nothing here reads a clock or a store.
 * Facts count by occurredAt (when they happened), whenever they were recorded.
 */
export function reportResponsibility(input: ResponsibilityReportInput): ResponsibilityReport {
  const rules: ReportRules = { ...DEFAULT_REPORT_RULES, ...input.rules };
  const { officialId, period } = input;
  const tree = UnitTree.of(input.units);
  const overlapsPeriod = (assignment: { from: string; to: string | null }) =>
    assignment.from <= period.to && period.from <= (assignment.to ?? FOREVER);
  const isInCharge = (assignment: { role: string }) => (rules.rolesInCharge as readonly string[]).includes(assignment.role);
  const own = input.assignments.filter((assignment) => assignment.officialId === officialId && overlapsPeriod(assignment));
  const ownInCharge = own.filter(isInCharge);

  const attendance = ownInCharge.map((assignment) =>
    attendanceOf(assignment, { officialId, period, asOf: input.asOf, meetings: input.meetings, tree, ruleBook: input.ruleBook }),
  );
  const missedMonths = attendance.flatMap((entry) => entry.months.filter((month) => month.status === 'missed'));
  const context: CaseReportContext = {
    officialId,
    period,
    asOf: input.asOf,
    inCharge: input.assignments.filter(isInCharge),
    tree,
    rules,
    ruleBook: input.ruleBook,
    calendar: input.calendar,
  };
  const mustReport = mustReportMatters(input.cases, context);
  const preempted = preemptions(input.cases, context);
  const reviews = reviewsOf(input);

  return {
    officialId,
    period,
    asOf: input.asOf,
    rules,
    assignments: own.map((assignment) => ({
      assignmentId: assignment.assignmentId,
      unitId: assignment.unitId,
      role: assignment.role,
      from: assignment.from,
      to: assignment.to,
      inCharge: isInCharge(assignment),
      evidence: assignment.eventIds,
    })),
    attendance,
    monthsMissed: figureOf(missedMonths),
    visits: visitsByAssignment(officialId, period, ownInCharge, input.visits, tree),
    casesHandled: casesHandled(input.cases, context),
    caseActs: caseActs(input.cases, context),
    mustReport: {
      matters: mustReport,
      late: figureOf(mustReport.filter((matter) => matter.status === 'late')),
      never: figureOf(mustReport.filter((matter) => matter.status === 'never')),
      unjudged: figureOf(mustReport.filter((matter) => matter.unjudged !== null)),
    },
    preemptions: { matters: preempted, total: figureOf(preempted) },
    reviews: {
      opened: figureOf(reviews.filter((review) => inPeriod(review.openedAt, period))),
      concluded: figureOf(reviews.filter((review) => review.concludedAt !== null && inPeriod(review.concludedAt, period))),
      items: reviews,
    },
  };
}

/** Reviews about the official opened or concluded in the period. */
function reviewsOf(input: ResponsibilityReportInput): ReportOfOfficial[] {
  return input.reviews
    .filter((review) => review.officialId === input.officialId)
    .filter(
      (review) => inPeriod(review.opened.at, input.period) || (review.concluded !== null && inPeriod(review.concluded.at, input.period)),
    )
    .map((review) => ({
      reviewId: review.reviewId,
      openedAt: review.opened.at,
      grounds: review.opened.grounds,
      concludedAt: review.concluded?.at ?? null,
      outcome: review.concluded?.outcome ?? null,
      evidence: [review.opened.eventId, ...(review.concluded ? [review.concluded.eventId] : [])],
    }));
}

function inPeriod(instant: string, period: { from: string; to: string }): boolean {
  const day = vietnamDayOf(instant);
  return day >= period.from && day <= period.to;
}

function figureOf(items: readonly { evidence: readonly string[] }[]): Figure {
  return { count: items.length, evidence: unique(items.flatMap((item) => item.evidence)) };
}
