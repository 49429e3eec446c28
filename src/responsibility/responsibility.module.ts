import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
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
  imports: [ProjectionsModule],
  controllers: [OfficialReviewController],
  providers: [
    { provide: ReviewFactsQuery, inject: [READ_MODELS], useFactory: (db: Database.Database) => new ReviewFactsQuery(db) },
    { provide: WorkingDayCalendar, useFactory: () => loadVietnamCalendar() },
    {
      provide: OfficialReview,
      inject: [ReviewFactsQuery, WorkingDayCalendar],
      useFactory: (facts: ReviewFactsQuery, calendar: WorkingDayCalendar) => new OfficialReview(facts, calendar),
    },
  ],
  exports: [ReviewFactsQuery, WorkingDayCalendar],
})
export class ResponsibilityModule {}
