import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { ProjectionsModule } from '../projections/projections.module.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { AuditTrailQuery } from './audit-trail.query.js';
import { AuditController } from './http/audit.controller.js';

/** The audit trail over HTTP; its projection is registered in projections/all-projections.ts. */
@Module({
  imports: [ProjectionsModule],
  controllers: [AuditController],
  providers: [{ provide: AuditTrailQuery, inject: [READ_MODELS], useFactory: (db: Database.Database) => new AuditTrailQuery(db) }],
})
export class AuditModule {}
