import { Logger, Module } from '@nestjs/common';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { DataFolderCalendar } from '../data-folder-calendar.js';
import { WorkingDayCalendar } from '../working-day-calendar.js';
import { CalendarController } from './calendar.controller.js';

/**
 * The working-day calendar, one for the whole service: the shipped decision files (a bad one stops the
 * start) and those dropped into <LEDGER_DATA_DIR>/calendar/, picked up without a restart. Every reader
 * (the API's calendar, the timelines, the responsibility records) holds the same live calendar.
 */
@Module({
  controllers: [CalendarController],
  providers: [
    {
      provide: DataFolderCalendar,
      inject: [LEDGER_CONFIG],
      useFactory: (config: LedgerConfig) => {
        const logger = new Logger('Calendar');
        return new DataFolderCalendar(config.dataDir, {
          reloaded: (message) => logger.log(message),
          refused: (message) => logger.error(message),
        });
      },
    },
    { provide: WorkingDayCalendar, inject: [DataFolderCalendar], useFactory: (source: DataFolderCalendar) => source.calendar },
  ],
  exports: [WorkingDayCalendar, DataFolderCalendar],
})
export class CalendarModule {}
