import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { CaseTimelinesQuery } from './case-timelines.query.js';
import { TimelinesController } from './http/timelines.controller.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { RuleBookQuery } from '../policies/rule-book.query.js';

/** Response timelines over HTTP; the case-timelines projection is registered in projections/all-projections.ts. */
@Module({
  imports: [ProjectionsModule, PoliciesModule],
  controllers: [TimelinesController],
  providers: [
    {
      provide: CaseTimelinesQuery,
      inject: [READ_MODELS, RuleBookQuery],
      useFactory: (db: Database.Database, rules: RuleBookQuery) => new CaseTimelinesQuery(db, loadVietnamCalendar(), rules),
    },
  ],
})
export class TimelinesModule {}
