import { Module } from '@nestjs/common';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { RuleBookQuery } from '../policies/rule-book.query.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { ReportFactsQuery } from '../responsibility/projection/report-facts.query.js';
import { ResponsibilityModule } from '../responsibility/responsibility.module.js';
import { AnnualEvaluations } from './annual-evaluations.js';
import { EvaluationsController } from './http/evaluations.controller.js';

/** The annual evaluation over HTTP, computed from the responsibility report of each official. */
@Module({
  imports: [ProjectionsModule, ResponsibilityModule, PoliciesModule],
  controllers: [EvaluationsController],
  providers: [
    {
      provide: AnnualEvaluations,
      inject: [ReportFactsQuery, WorkingDayCalendar, RuleBookQuery],
      useFactory: (facts: ReportFactsQuery, calendar: WorkingDayCalendar, rules: RuleBookQuery) =>
        new AnnualEvaluations(facts, calendar, rules),
    },
  ],
})
export class EvaluationsModule {}
