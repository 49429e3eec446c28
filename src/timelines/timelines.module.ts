import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CalendarModule } from '../calendar/http/calendar.module.js';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { CaseTimelinesQuery } from './case-timelines.query.js';
import { TimelinesController } from './http/timelines.controller.js';
import { JudgedDeadlineWarmUp } from './judged-deadline-warm-up.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { RuleBookQuery } from '../policies/rule-book.query.js';

/** Response timelines over HTTP; the case-timelines projection is registered in projections/all-projections.ts. */
@Module({
  imports: [ProjectionsModule, PoliciesModule, CalendarModule],
  controllers: [TimelinesController],
  providers: [
    {
      provide: CaseTimelinesQuery,
      inject: [READ_MODELS, WorkingDayCalendar, RuleBookQuery],
      useFactory: (db: Database.Database, calendar: WorkingDayCalendar, rules: RuleBookQuery) =>
        new CaseTimelinesQuery(db, calendar, rules),
    },
    JudgedDeadlineWarmUp,
  ],
  exports: [CaseTimelinesQuery],
})
export class TimelinesModule {}
