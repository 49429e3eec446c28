import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AlertsQuery } from '../alerts/alerts.query.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { ensureWritableFolder } from '../ledger/open-event-store.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { LedgerMetrics } from '../metrics/ledger-metrics.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { WebhooksController } from './http/webhooks.controller.js';
import { WebhookDeliveries } from './outbox/webhook-deliveries.js';
import { WebhookDispatcher } from './outbox/webhook-dispatcher.js';
import { WebhookOutbox, webhooksPath } from './outbox/webhook-outbox.js';

/** Webhook subscriptions and their deliveries: the outbox file in the data folder, the feed into it, the dispatcher out of it. */
@Module({
  imports: [AlertsModule, MetricsModule],
  controllers: [WebhooksController],
  providers: [
    {
      provide: WebhookOutbox,
      inject: [LEDGER_CONFIG],
      useFactory: (config: LedgerConfig) => {
        ensureWritableFolder(config.dataDir);
        return new WebhookOutbox(webhooksPath(config.dataDir));
      },
    },
    {
      provide: WebhookDispatcher,
      inject: [WebhookOutbox, LedgerMetrics, LEDGER_CONFIG],
      useFactory: (outbox: WebhookOutbox, metrics: LedgerMetrics, config: LedgerConfig) =>
        new WebhookDispatcher(outbox, metrics, {
          retryScale: config.webhooks.retryScale,
          timeoutMs: config.webhooks.timeoutSeconds * 1000,
          allowedHosts: config.webhooks.allowedHosts,
        }),
    },
    {
      provide: WebhookDeliveries,
      inject: [EVENT_STORE, WebhookOutbox, WebhookDispatcher, AlertsQuery, LEDGER_CONFIG],
      useFactory: (store: EventStore, outbox: WebhookOutbox, dispatcher: WebhookDispatcher, alerts: AlertsQuery, config: LedgerConfig) => {
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
    @Inject(WebhookOutbox) private readonly outbox: WebhookOutbox,
  ) {}

  onApplicationBootstrap(): void {
    this.deliveries.start();
  }

  /** Before the event store closes. */
  onModuleDestroy(): void {
    this.deliveries.stop();
  }

  onApplicationShutdown(): void {
    this.outbox.close();
  }
}
