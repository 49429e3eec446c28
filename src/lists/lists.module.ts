import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { READ_MODELS } from '../projections/read-models.database.js';
import { CaseListQuery } from './case-list.query.js';
import { CaseListController } from './http/case-list.controller.js';
import { WorklistsController } from './http/worklists.controller.js';
import { Worklists } from './worklists.js';
import { DirectoryListsQuery } from './directory-lists.query.js';
import {
  MeetingListController,
  OfficialListController,
  UnitListController,
  VisitListController,
} from './http/directory-lists.controllers.js';

/** The lists and the search over the lists read model (lists.projection.ts, run by the projection engine). */
@Module({
  controllers: [
    CaseListController,
    UnitListController,
    OfficialListController,
    VisitListController,
    MeetingListController,
    WorklistsController,
  ],
  providers: [
    { provide: WorkingDayCalendar, useFactory: () => loadVietnamCalendar() },
    {
      provide: CaseListQuery,
      inject: [READ_MODELS, WorkingDayCalendar],
      useFactory: (db: Database.Database, calendar: WorkingDayCalendar) => new CaseListQuery(db, calendar),
    },
    { provide: DirectoryListsQuery, inject: [READ_MODELS], useFactory: (db: Database.Database) => new DirectoryListsQuery(db) },
    {
      provide: Worklists,
      inject: [CaseListQuery, DirectoryListsQuery],
      useFactory: (cases: CaseListQuery, directory: DirectoryListsQuery) => new Worklists(cases, directory),
    },
  ],
})
export class ListsModule {}
