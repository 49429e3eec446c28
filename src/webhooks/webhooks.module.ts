import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AlertsQuery } from '../alerts/alerts.query.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { LedgerMetrics } from '../metrics/ledger-metrics.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { WebhooksController } from './http/webhooks.controller.js';
import { WebhookDeliveries } from './outbox/webhook-deliveries.js';
import { WebhookDispatcher } from './outbox/webhook-dispatcher.js';
import { openWebhookStore } from './outbox/open-webhook-store.js';
import { WEBHOOK_STORE, type WebhookStore } from './outbox/webhook-store.port.js';

/** Webhook subscriptions and their deliveries: the store (the outbox file in the data folder, or PostgreSQL), the feed into it, the dispatcher out of it. */
@Module({
  imports: [AlertsModule, MetricsModule],
  controllers: [WebhooksController],
  providers: [
    { provide: WEBHOOK_STORE, inject: [LEDGER_CONFIG], useFactory: (config: LedgerConfig) => openWebhookStore(config) },
    {
      provide: WebhookDispatcher,
      inject: [WEBHOOK_STORE, LedgerMetrics, LEDGER_CONFIG],
      useFactory: (outbox: WebhookStore, metrics: LedgerMetrics, config: LedgerConfig) =>
        new WebhookDispatcher(outbox, metrics, {
          retryScale: config.webhooks.retryScale,
          timeoutMs: config.webhooks.timeoutSeconds * 1000,
          allowedHosts: config.webhooks.allowedHosts,
        }),
    },
    {
      provide: WebhookDeliveries,
      inject: [EVENT_STORE, WEBHOOK_STORE, WebhookDispatcher, AlertsQuery, LEDGER_CONFIG],
      useFactory: (store: EventStore, outbox: WebhookStore, dispatcher: WebhookDispatcher, alerts: AlertsQuery, config: LedgerConfig) => {
        const logger = new Logger('Webhooks');
        return new WebhookDeliveries(store, outbox, dispatcher, alerts, {
          everyMs: config.webhooks.alertScanSeconds * 1000,
          approachingWorkingDays: config.alerts.approachingWorkingDays,
          onError: (message) => logger.warn(message),
        });
      },
    },
  ],
})
export class WebhooksModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly deliveries: WebhookDeliveries,
    @Inject(WEBHOOK_STORE) private readonly outbox: WebhookStore,
  ) {}

  onApplicationBootstrap(): void {
    this.deliveries.start();
  }

  /** Before the event store closes. */
  onModuleDestroy(): void {
    this.deliveries.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outbox.close();
  }
}
