import { Module } from '@nestjs/common';
import { loadVietnamCalendar } from '../holiday-files.js';
import { WorkingDayCalendar } from '../working-day-calendar.js';
import { CalendarController } from './calendar.controller.js';

/** The working-day calendar over HTTP, built once from the shipped decision files (a bad file stops the start). */
@Module({
  controllers: [CalendarController],
  providers: [{ provide: WorkingDayCalendar, useFactory: () => loadVietnamCalendar() }],
  exports: [WorkingDayCalendar],
})
export class CalendarModule {}
