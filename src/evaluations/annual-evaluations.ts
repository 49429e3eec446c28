import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { DomainError } from '../domain-kit/domain-error.js';
import type { RuleBookQuery } from '../policies/rule-book.query.js';
import { reportOf } from '../responsibility/projection/official-report.js';
import type { ReportFactsQuery } from '../responsibility/projection/report-facts.query.js';
import type { ReportPeriod } from '../responsibility/report-input.js';
import { UnitTree } from '../responsibility/unit-tree.js';
import { evaluationOf, type OfficialEvaluation } from './evaluation.js';
import { RelevantRecords } from './records-relevant-to.js';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export type EvaluationScope =
  { readonly officialId: string; readonly unitId?: undefined } | { readonly unitId: string; readonly officialId?: undefined };

export interface AnnualEvaluation {
  readonly year: number;
  readonly period: ReportPeriod;
  readonly asOf: string;
  readonly scope: EvaluationScope;
  readonly officials: readonly OfficialEvaluation[];
}

/**
 * The annual evaluation of one official, or of every official assigned (in any role) during the year
 * to a unit or to a unit under it, the unit tree as it stood on the last day of the assignment within
 * the year (so a unit merged in later in the year counts from its merge on). The facts are selected
 * once for the whole group; each official's review is computed from the part that can concern them.
 */
export class AnnualEvaluations {
  constructor(
    private readonly facts: ReportFactsQuery,
    private readonly calendar: WorkingDayCalendar,
    private readonly ruleBooks: RuleBookQuery,
  ) {}

  evaluate(year: number, scope: EvaluationScope, asOf: Date): AnnualEvaluation {
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
      throw new DomainError('EVALUATION.YEAR_OUT_OF_RANGE', `The year must be between ${FIRST_YEAR} and ${LAST_YEAR}.`, 'invalid');
    }
    const period = { from: `${year}-01-01`, to: `${year}-12-31` };
    const officialIds = scope.officialId !== undefined ? [scope.officialId] : this.candidatesUnder(scope.unitId);
    const records = this.facts.recordsFor(officialIds, period);
    if (scope.officialId !== undefined && !records.officials.has(scope.officialId)) {
      throw new DomainError('NOT_FOUND', `Official ${scope.officialId.slice(0, 80)} does not exist.`, 'not-found');
    }
    const evaluated = scope.unitId === undefined ? officialIds : assignedDuring(scope.unitId, period, officialIds, records);
    const relevant = new RelevantRecords(records);
    const judgement = { calendar: this.calendar, ruleBook: this.ruleBooks.current(), rules: {} };
    const officials = evaluated
      .filter((officialId) => records.officials.has(officialId))
      .map((officialId) => {
        // The official's cut holds every visit their review can count, so it serves evaluationOf too.
        const own = relevant.of(officialId);
        return evaluationOf(reportOf(officialId, own, period, asOf, judgement), own);
      });
    return { year, period, asOf: asOf.toISOString(), scope, officials };
  }

  private candidatesUnder(unitId: string): string[] {
    const { units, under } = this.facts.unitsUnder(unitId);
    if (!units.some((unit) => unit.unitId === unitId))
      throw new DomainError('NOT_FOUND', `Unit ${unitId.slice(0, 80)} does not exist.`, 'not-found');
    return this.facts.officialsAssignedTo(under);
  }
}

function assignedDuring(
  unitId: string,
  period: ReportPeriod,
  officialIds: readonly string[],
  records: Parameters<typeof evaluationOf>[1],
): string[] {
  const tree = UnitTree.of(records.units);
  const candidates = new Set(officialIds);
  const assigned = records.assignments.filter((assignment) => {
    if (!candidates.has(assignment.officialId)) return false;
    const lastDay = assignment.to === null || assignment.to > period.to ? period.to : assignment.to;
    if (assignment.from > period.to || lastDay < period.from) return false;
    return tree.linkTo(assignment.unitId, unitId, lastDay) !== null;
  });
  return [...new Set(assigned.map((assignment) => assignment.officialId))].sort();
}
