import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { StoreHealthIndicator } from './store-health.indicator.js';
import { Readiness } from './readiness.js';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { CalendarModule } from '../calendar/http/calendar.module.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), IntegrityModule, CalendarModule],
  controllers: [HealthController],
  providers: [StoreHealthIndicator, Readiness],
})
export class HealthModule {}
