import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CalendarModule } from '../calendar/http/calendar.module.js';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { RuleBookQuery } from '../policies/rule-book.query.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { OfficialReportController } from './http/official-report.controller.js';
import { OfficialReports } from './projection/official-report.js';
import { ReportFactsQuery } from './projection/report-facts.query.js';

/**
 * The responsibility report over HTTP, read from the responsibility-facts projection (registered in
 * projections/all-projections.ts). Exports the query and the calendar for the annual evaluation.
 */
@Module({
  imports: [ProjectionsModule, PoliciesModule, CalendarModule],
  controllers: [OfficialReportController],
  providers: [
    { provide: ReportFactsQuery, inject: [READ_MODELS], useFactory: (db: Database.Database) => new ReportFactsQuery(db) },
    {
      provide: OfficialReports,
      inject: [ReportFactsQuery, WorkingDayCalendar, RuleBookQuery],
      useFactory: (facts: ReportFactsQuery, calendar: WorkingDayCalendar, rules: RuleBookQuery) =>
        new OfficialReports(facts, calendar, rules),
    },
  ],
  exports: [ReportFactsQuery, CalendarModule],
})
export class ResponsibilityModule {}
