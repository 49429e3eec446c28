import type { LedgerMetrics } from '../../metrics/ledger-metrics.js';
import { retryPauseMs } from '../retry-schedule.js';
import { standardWebhookHeaders } from '../standard-webhooks.js';
import { hostRefusal } from '../webhook-hosts.js';
import type { DueDelivery } from './webhook-outbox.js';
import type { WebhookStore } from './webhook-store.port.js';

export interface DispatcherOptions {
  readonly retryScale: number;
  readonly timeoutMs: number;
  readonly allowedHosts: readonly string[];
  /** How often the outbox is looked at for deliveries due. */
  readonly pollMs?: number;
  /** Attempts in flight at once, at most. */
  readonly concurrency?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly send?: typeof fetch;
}

/**
 * Sends the outbox's due deliveries, at least once each: an attempt is logged after its answer, so a
 * crash in between sends it again after a restart, with the same webhook-id. A 2xx answer delivers;
 * anything else (another status, a redirect, which is not followed, no answer within the timeout) is
 * retried on the schedule, then the delivery fails for good. Every attempt is signed afresh: a new
 * webhook-timestamp, so a receiver's replay window holds for retries too. With several instances on one
 * shared store, each attempt is of a delivery this instance claimed (WebhookStore.claimDue).
 */
export class WebhookDispatcher {
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = true;
  private readonly inFlight = new Set<number>();

  constructor(
    private readonly outbox: WebhookStore,
    private readonly metrics: LedgerMetrics,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Looks at the outbox now (after something was enqueued) rather than at the next poll. */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(afterMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), afterMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.running = true;
    try {
      const now = this.now();
      const due = (await this.outbox.claimDue(now, this.options.concurrency ?? 8, this.leaseMs())).filter(
        (delivery) => !this.inFlight.has(delivery.deliveryId),
      );
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
    } catch {
      // The outbox is closed at shutdown while an attempt may still answer; what was not logged is sent again later.
    } finally {
      this.running = false;
      if (!this.stopped) this.schedule(this.options.pollMs ?? 250);
    }
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    this.inFlight.add(delivery.deliveryId);
    const attempt = delivery.attempts + 1;
    const startedAt = this.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const refusal =
        delivery.secret === null
          ? 'The subscription has no secret in this webhook store (WEBHOOK_STORE): register it again to get one.'
          : hostRefusal(delivery.url, this.options.allowedHosts);
      if (refusal !== null) error = refusal;
      else {
        const headers = standardWebhookHeaders(delivery.secret!, delivery.webhookId, Math.floor(startedAt / 1000), delivery.body);
        const response = await (this.options.send ?? fetch)(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'accountability-ledger-webhooks', ...headers },
          body: delivery.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        statusCode = response.status;
        await response.body?.cancel();
        if (statusCode < 200 || statusCode > 299) error = `The receiver answered ${statusCode}.`;
      }
    } catch (failure) {
      error = failure instanceof Error ? `${failure.name}: ${failure.message}`.slice(0, 500) : String(failure).slice(0, 500);
    }
    const durationMs = this.now() - startedAt;
    const pause = error === null ? null : retryPauseMs(attempt, this.options.retryScale, this.options.random);
    const status = error === null ? 'delivered' : pause === null ? 'failed' : 'pending';
    const result = status === 'delivered' ? 'delivered' : status === 'pending' ? 'failed' : 'abandoned';
    try {
      await this.outbox.recordAttempt(
        delivery.deliveryId,
        { attempt, at: new Date(startedAt).toISOString(), statusCode, error, durationMs },
        { status, nextAttemptMs: pause === null ? null : startedAt + durationMs + pause },
      );
      this.metrics.webhookDeliveries.inc({ result });
      this.metrics.webhookDeliveryDuration.observe({ result }, durationMs / 1000);
    } finally {
      this.inFlight.delete(delivery.deliveryId);
    }
  }

  /** How long a claimed delivery is this instance's: the attempt's timeout and a margin for logging it. */
  private leaseMs(): number {
    return this.options.timeoutMs + 30_000;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
