import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CalendarModule } from '../calendar/http/calendar.module.js';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { CaseTimelinesQuery } from '../timelines/case-timelines.query.js';
import { TimelinesModule } from '../timelines/timelines.module.js';
import { AlertsQuery } from './alerts.query.js';
import { AlertsController } from './http/alerts.controller.js';

/** Deadlines approaching and breached, judged at query time over the lists and case-timelines read models. */
@Module({
  imports: [TimelinesModule, CalendarModule],
  controllers: [AlertsController],
  providers: [
    {
      provide: AlertsQuery,
      inject: [READ_MODELS, CaseTimelinesQuery, WorkingDayCalendar],
      useFactory: (db: Database.Database, timelines: CaseTimelinesQuery, calendar: WorkingDayCalendar) =>
        new AlertsQuery(db, timelines, calendar),
    },
  ],
  exports: [AlertsQuery],
})
export class AlertsModule {}
