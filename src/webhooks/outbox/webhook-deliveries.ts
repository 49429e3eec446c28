import type { AlertsQuery } from '../../alerts/alerts.query.js';
import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import { ALERT_EVENT_KINDS } from '../webhook-event-kinds.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';
import { alertMessage, caseFactMessage } from './webhook-messages.js';
import type { WebhookFeedIntake, WebhookStore } from './webhook-store.port.js';

export interface AlertScanOptions {
  readonly everyMs: number;
  readonly approachingWorkingDays: number;
  readonly now?: () => Date;
  /** A scan or a feed batch that failed (a read model not built yet, say): it is tried again. */
  readonly onError?: (message: string) => void;
}

/**
 * What fills the outbox: the ledger's feed, taken in from the store's own checkpoint (subscriptions,
 * the unit tree, case facts), and the alerts, judged every few seconds as of now. Registered
 * subscriptions receive what happens after their registration in the feed; the alerts in force when
 * they are judged, each once.
 */
export class WebhookDeliveries {
  private readonly follower: WebhookFeedIntake;
  private scanTimer?: NodeJS.Timeout;
  private scanning = false;

  constructor(
    store: EventStore,
    private readonly outbox: WebhookStore,
    private readonly dispatcher: WebhookDispatcher,
    private readonly alerts: AlertsQuery,
    private readonly scan: AlertScanOptions,
  ) {
    this.follower = outbox.intake(store, {
      deliveryOf: caseFactMessage,
      now: () => this.now().getTime(),
      taken: (events: readonly RecordedEvent[]) => {
        this.dispatcher.wake();
        if (events.some((event) => event.type === 'WebhookSubscriptionRegistered')) void this.scanAlerts();
      },
      failed: (message, retryInMs) => scan.onError?.(`The webhook outbox could not take the feed (${message}); again in ${retryInMs} ms.`),
    });
  }

  start(): void {
    this.follower.start();
    this.dispatcher.start();
    this.scanTimer = setInterval(() => void this.scanAlerts(), this.scan.everyMs);
    this.scanTimer.unref();
  }

  stop(): void {
    clearInterval(this.scanTimer);
    this.follower.stop();
    this.dispatcher.stop();
  }

  /** Resolves true once the outbox has read the feed up to `position` (so a subscription just registered is listed). */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.follower.waitFor(position, timeoutMs);
  }

  /** Enqueues the alerts in force now for the subscriptions that ask for them; an alert already enqueued is not again. */
  async scanAlerts(): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    try {
      if (!(await this.outbox.wantsAny(ALERT_EVENT_KINDS))) return;
      const now = this.now().toISOString();
      const messages = this.alerts.all(now, this.scan.approachingWorkingDays).map((alert) => alertMessage(alert, now));
      if ((await this.outbox.enqueue(messages, Date.parse(now))) > 0) this.dispatcher.wake();
    } catch (error) {
      this.scan.onError?.(`The alert scan for webhooks failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.scanning = false;
    }
  }

  private now(): Date {
    return (this.scan.now ?? (() => new Date()))();
  }
}
