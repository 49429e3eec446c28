import type { LedgerConfig } from '../../config/ledger.config.js';
import { ensureWritableFolder } from '../../ledger/open-event-store.js';
import { SqliteWebhookStore } from './sqlite-webhook-store.js';
import { WebhookOutbox, webhooksPath } from './webhook-outbox.js';
import type { WebhookStore } from './webhook-store.port.js';

/** The one place that chooses where the webhooks live (WEBHOOK_STORE); the PostgreSQL client is loaded only when used. */
export async function openWebhookStore(config: Pick<LedgerConfig, 'dataDir' | 'webhookStore'>): Promise<WebhookStore> {
  if (config.webhookStore.kind === 'postgresql') {
    const { PostgresWebhookStore } = await import('./postgres-webhook-store.js');
    return PostgresWebhookStore.open(config.webhookStore.url!);
  }
  ensureWritableFolder(config.dataDir);
  return new SqliteWebhookStore(new WebhookOutbox(webhooksPath(config.dataDir)));
}
