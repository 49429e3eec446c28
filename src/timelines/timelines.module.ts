import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { CaseTimelinesQuery } from './case-timelines.query.js';
import { TimelinesController } from './http/timelines.controller.js';
import { loadDefaultRules } from './response-rules.js';

/** Response timelines over HTTP; the case-timelines projection is registered in projections/all-projections.ts. */
@Module({
  imports: [ProjectionsModule],
  controllers: [TimelinesController],
  providers: [
    {
      provide: CaseTimelinesQuery,
      inject: [READ_MODELS],
      useFactory: (db: Database.Database) => new CaseTimelinesQuery(db, loadVietnamCalendar(), loadDefaultRules()),
    },
  ],
})
export class TimelinesModule {}
