import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { READ_MODELS } from '../projections/read-models.database.js';
import { caseTimelinesProjection } from '../timelines/case-timelines.projection.js';
import { loadDefaultDuties, loadDefaultRules } from './default-rules.js';
import { MonthlyDutiesController } from './http/monthly-duties.controller.js';
import { PoliciesController } from './http/policies.controller.js';
import { RuleBookQuery } from './rule-book.query.js';

/**
 * The response policies over HTTP, and the one rule book every judgement reads (RuleBookQuery): the
 * shipped defaults, loaded once here, and the recorded rules, kept by the case-timelines read model
 * (so its queries read them in the same snapshot as the case facts, and a rebuild reads the feed once
 * for both).
 */
@Module({
  controllers: [MonthlyDutiesController, PoliciesController],
  providers: [
    {
      provide: RuleBookQuery,
      inject: [READ_MODELS],
      useFactory: (db: Database.Database) => new RuleBookQuery(db, caseTimelinesProjection, loadDefaultRules(), loadDefaultDuties()),
    },
  ],
  exports: [RuleBookQuery],
})
export class PoliciesModule {}
