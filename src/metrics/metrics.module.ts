import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { IntegrityLog } from '../integrity/integrity-log.js';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ProjectionEngine } from '../projections/projection-engine.js';
import { AppendMetrics } from './append-metrics.js';
import { LedgerMetrics } from './ledger-metrics.js';
import { LedgerStateMetrics } from './ledger-state-metrics.js';
import { MetricsController } from './metrics.controller.js';

/** GET /metrics, and the figures behind it; the request timer is applied in app.setup.ts, first of all middleware. */
@Module({
  imports: [IntegrityModule],
  controllers: [MetricsController],
  providers: [
    { provide: LedgerMetrics, useFactory: () => new LedgerMetrics() },
    {
      provide: LedgerStateMetrics,
      inject: [LedgerMetrics, EVENT_STORE, ProjectionEngine, IntegrityLog, LEDGER_CONFIG],
      useFactory: (metrics: LedgerMetrics, store: EventStore, engine: ProjectionEngine, integrity: IntegrityLog, config: LedgerConfig) =>
        new LedgerStateMetrics(metrics, store, engine, integrity, config.integrity.origin, config.store),
    },
  ],
  exports: [LedgerMetrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: LedgerMetrics,
  ) {}

  onModuleInit(): void {
    this.store.observeAppends?.(new AppendMetrics(this.metrics));
  }
}
