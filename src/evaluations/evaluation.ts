import type { ReportRecords } from '../responsibility/projection/report-facts.query.js';
import type { Figure, ResponsibilityReport } from '../responsibility/report-output.js';

/** The indicators of the annual evaluation, in the order they are shown and exported. */
export const INDICATORS = [
  'assignments',
  'monthsRequired',
  'monthsMet',
  'monthsMissed',
  'monthsNoMeetingHeld',
  'monthsUnjudged',
  'visitsConducted',
  'visitsCancelled',
  'casesHandled',
  'casesOnTime',
  'casesLate',
  'casesOverdue',
  'acknowledgements',
  'caseActions',
  'mustReportLate',
  'mustReportNever',
  'mustReportUnjudged',
  'preemptions',
  'reviewsOpened',
  'reviewsConcluded',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface OfficialEvaluation {
  readonly officialId: string;
  readonly fullName: string | null;
  /** Every indicator a count with the ids of the events it was computed from. */
  readonly indicators: Readonly<Record<Indicator, Figure>>;
}

/**
 * One official's year, read off their responsibility review of that year, so the evaluation and the
 * review can never disagree. Visits are counted once each even when two of the official's assignments
 * cover the same unit (the report lists them under each assignment).
 */
export function evaluationOf(review: ResponsibilityReport, records: ReportRecords): OfficialEvaluation {
  const months = review.attendance.flatMap((entry) => entry.months);
  const visitCells = (outcome: 'conducted' | 'cancelled') =>
    review.visits.flatMap((entry) => Object.values(entry.counts).map((byOutcome) => byOutcome[outcome]));
  const { byTimeliness } = review.casesHandled;
  const indicators: Record<Indicator, Figure> = {
    assignments: figure(
      review.assignments.length,
      review.assignments.flatMap((assignment) => assignment.evidence),
    ),
    monthsRequired: figureOf(months.filter((month) => month.required)),
    monthsMet: figureOf(months.filter((month) => month.status === 'met')),
    monthsMissed: review.monthsMissed,
    monthsNoMeetingHeld: figureOf(months.filter((month) => month.status === 'no-meeting-held')),
    monthsUnjudged: figureOf(months.filter((month) => month.status === 'no-rule')),
    visitsConducted: distinctVisits(visitCells('conducted'), records),
    visitsCancelled: distinctVisits(visitCells('cancelled'), records),
    casesHandled: review.casesHandled.total,
    casesOnTime: byTimeliness['on-time'],
    casesLate: byTimeliness.late,
    casesOverdue: byTimeliness.overdue,
    acknowledgements: review.caseActs.acknowledgements,
    caseActions: review.caseActs.actions,
    mustReportLate: review.mustReport.late,
    mustReportNever: review.mustReport.never,
    mustReportUnjudged: review.mustReport.unjudged,
    preemptions: review.preemptions.total,
    reviewsOpened: review.reviews.opened,
    reviewsConcluded: review.reviews.concluded,
  };
  return { officialId: review.officialId, fullName: records.officials.get(review.officialId)?.fullName ?? null, indicators };
}

/** A visit's record begins with its VisitScheduled event: a visit is counted when that id is in the evidence. */
function distinctVisits(cells: readonly Figure[], records: ReportRecords): Figure {
  const evidence = unique(cells.flatMap((cell) => cell.evidence));
  const ids = new Set(evidence);
  return { count: records.visits.filter((visit) => ids.has(visit.eventIds[0])).length, evidence };
}

function figureOf(items: readonly { evidence: readonly string[] }[]): Figure {
  return figure(
    items.length,
    items.flatMap((item) => item.evidence),
  );
}

function figure(count: number, evidence: readonly string[]): Figure {
  return { count, evidence: unique(evidence) };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** By the indicator's count, then by official id, so equal counts keep a stable order. */
export function sortEvaluations(
  evaluations: readonly OfficialEvaluation[],
  by: Indicator | 'officialId',
  order: 'asc' | 'desc',
): OfficialEvaluation[] {
  const sign = order === 'asc' ? 1 : -1;
  const byId = (a: OfficialEvaluation, b: OfficialEvaluation) => (a.officialId < b.officialId ? -1 : a.officialId > b.officialId ? 1 : 0);
  return [...evaluations].sort((a, b) => {
    if (by === 'officialId') return sign * byId(a, b);
    return sign * (a.indicators[by].count - b.indicators[by].count) || byId(a, b);
  });
}
