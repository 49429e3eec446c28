import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CalendarModule } from '../calendar/http/calendar.module.js';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { RuleBookQuery } from '../policies/rule-book.query.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { OfficialReviewController } from './http/official-review.controller.js';
import { OfficialReview } from './projection/official-review.js';
import { ReviewFactsQuery } from './projection/review-facts.query.js';

/**
 * The responsibility review over HTTP, read from the responsibility-facts projection (registered in
 * projections/all-projections.ts). Exports the query and the calendar for the annual evaluation.
 */
@Module({
  imports: [ProjectionsModule, PoliciesModule, CalendarModule],
  controllers: [OfficialReviewController],
  providers: [
    { provide: ReviewFactsQuery, inject: [READ_MODELS], useFactory: (db: Database.Database) => new ReviewFactsQuery(db) },
    {
      provide: OfficialReview,
      inject: [ReviewFactsQuery, WorkingDayCalendar, RuleBookQuery],
      useFactory: (facts: ReviewFactsQuery, calendar: WorkingDayCalendar, rules: RuleBookQuery) =>
        new OfficialReview(facts, calendar, rules),
    },
  ],
  exports: [ReviewFactsQuery, CalendarModule],
})
export class ResponsibilityModule {}
