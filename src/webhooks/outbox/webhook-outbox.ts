import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createPrivateFile } from '../../ledger/data-folder.js';
import type { RecordedEvent } from '../../ledger/event-store.port.js';
import type { WebhookEventKind } from '../webhook-event-kinds.js';
import { OUTBOX_SCHEMA } from './outbox-schema.js';

export const WEBHOOKS_FILE = 'webhooks.db';

export function webhooksPath(dataDir: string): string {
  return join(dataDir, WEBHOOKS_FILE);
}

export interface SubscriptionRow {
  readonly subscriptionId: string;
  readonly url: string;
  readonly eventKinds: readonly WebhookEventKind[];
  readonly unitId: string | null;
  readonly description: string;
  readonly status: 'active' | 'disabled';
  readonly registeredAt: string;
  readonly registeredEventId: string;
  readonly disabledAt: string | null;
  readonly disabledReason: string | null;
}

/** One message for one subscription: what is sent, again and again until it is taken or the schedule is spent. */
export interface NewDelivery {
  /** The Standard Webhooks webhook-id: derived from the source (the event, the alert), the same on every attempt. */
  readonly webhookId: string;
  readonly eventKind: WebhookEventKind;
  /** The unit the matter is in, for the subscription's unit filter. */
  readonly unitId: string | null;
  /** The exact body sent (and signed). */
  readonly body: string;
}

export interface DueDelivery {
  readonly deliveryId: number;
  readonly subscriptionId: string;
  readonly url: string;
  readonly secret: string | null;
  readonly webhookId: string;
  readonly body: string;
  readonly attempts: number;
}

export interface DeliveryAttempt {
  readonly attempt: number;
  readonly at: string;
  /** The receiver's HTTP status; null when none came (refused connection, timeout). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface DeliveryRow {
  readonly deliveryId: number;
  readonly webhookId: string;
  readonly eventKind: string;
  readonly status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly lastStatusCode: number | null;
  readonly log: readonly DeliveryAttempt[];
}

type Row = Record<string, unknown>;

/**
 * The webhooks' own SQLite file in the data folder: the subscriptions as the feed has told them, the
 * secrets (never in the ledger), the outbox of deliveries and their log, and how far the feed was read.
 * It is not a read model: deliveries made are facts about the outside world that no rebuild from the
 * ledger could restore, so `ledger rebuild` leaves it alone. Every batch of the feed is applied in one
 * transaction with its checkpoint, so a crash never enqueues twice nor skips; the outbox row is written
 * before any attempt, so a restart resumes every pending delivery. synchronous=FULL: an acknowledged
 * registration's secret and the delivery log must survive a power cut.
 */
export class WebhookOutbox {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(filename: string) {
    if (filename !== ':memory:') createPrivateFile(filename);
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(OUTBOX_SCHEMA);
    this.statements = prepareStatements(this.db);
  }

  position(): number {
    return this.statements.position.pluck().get() as number;
  }

  /**
   * Keeps a new subscription's secret before its registration is appended; the registration, once the
   * feed brings it, takes the secret whose fingerprint it records. A secret whose registration never
   * came (a refused or replayed request) is forgotten with `forgetSecret`.
   */
  keepSecret(fingerprint: string, secret: string): void {
    this.statements.keepSecret.run(fingerprint, secret);
  }

  forgetSecret(fingerprint: string): void {
    this.statements.forgetSecret.run(fingerprint);
  }

  /**
   * One batch of the feed, with its checkpoint: subscriptions registered and disabled, the unit tree
   * and each case's unit (for the unit filters), and a delivery per matching subscription for each case
   * fact a subscription asks for. `deliveryOf` shapes the message of an event, or null for none.
   */
  applyFeed(
    events: readonly RecordedEvent[],
    deliveryOf: (event: RecordedEvent, unitId: string | null) => NewDelivery | null,
    nowMs: number,
  ): void {
    const s = this.statements;
    this.db.transaction(() => {
      for (const event of events) {
        const { data } = event;
        const id = event.streamId.slice(event.streamId.indexOf('-') + 1);
        switch (event.type) {
          case 'WebhookSubscriptionRegistered':
            s.register.run({
              subscriptionId: data.subscriptionId,
              url: data.url,
              eventKinds: JSON.stringify(data.eventKinds),
              unitId: data.unitId ?? null,
              description: data.description ?? '',
              registeredAt: event.metadata.occurredAt,
              registeredEventId: event.eventId,
            });
            s.takeSecret.run(data.subscriptionId, data.secretFingerprint);
            s.forgetSecret.run(data.secretFingerprint);
            break;
          case 'WebhookSubscriptionDisabled':
            s.disable.run(event.metadata.occurredAt, String(data.reason ?? ''), id);
            s.cancelPending.run(id);
            break;
          case 'UnitRegistered':
            s.unit.run(data.unitId, data.parentId ?? null);
            break;
          case 'UnitMerged':
            s.merge.run(data.intoUnitId, id);
            break;
          case 'CaseReceived':
            s.caseUnit.run(id, data.unitId);
            break;
          case 'CaseEscalated':
            s.caseUnit.run(id, data.toUnitId);
            break;
          default:
            break;
        }
        if (event.streamId.startsWith('case-')) {
          const unitId = (s.unitOfCase.pluck().get(id) as string | undefined) ?? null;
          const delivery = deliveryOf(event, unitId);
          if (delivery) this.enqueueNow(delivery, nowMs);
        }
      }
      s.checkpoint.run(events[events.length - 1].globalPosition);
    })();
  }

  /** Deliveries for every active subscription that wants them and whose unit filter covers them; a repeat (same webhook-id) is ignored. */
  enqueue(deliveries: readonly NewDelivery[], nowMs: number): number {
    return this.db.transaction(() => deliveries.reduce((count, delivery) => count + this.enqueueNow(delivery, nowMs), 0))();
  }

  /** Whether any active subscription asks for one of these kinds: the alert scan is skipped when none does. */
  wantsAny(kinds: readonly string[]): boolean {
    return this.subscriptions().some(
      (subscription) => subscription.status === 'active' && subscription.eventKinds.some((kind) => kinds.includes(kind)),
    );
  }

  /** Pending deliveries due by now, oldest first, with their subscription's URL and secret. */
  due(nowMs: number, limit: number): DueDelivery[] {
    return (this.statements.due.all(nowMs, limit) as Row[]).map((row) => ({
      deliveryId: row.delivery_id as number,
      subscriptionId: row.subscription_id as string,
      url: row.url as string,
      secret: (row.secret as string | null) ?? null,
      webhookId: row.webhook_id as string,
      body: row.body as string,
      attempts: row.attempts as number,
    }));
  }

  /** Logs an attempt and sets what comes next: delivered, another attempt at nextAttemptMs, or failed for good. */
  recordAttempt(
    deliveryId: number,
    attempt: DeliveryAttempt,
    next: { status: 'delivered' | 'pending' | 'failed'; nextAttemptMs: number | null },
  ): void {
    const s = this.statements;
    this.db.transaction(() => {
      s.logAttempt.run(deliveryId, attempt.attempt, Date.parse(attempt.at), attempt.statusCode, attempt.error, attempt.durationMs);
      s.afterAttempt.run({
        deliveryId,
        status: next.status,
        attempts: attempt.attempt,
        nextAttemptMs: next.nextAttemptMs,
        lastStatusCode: attempt.statusCode,
        deliveredAtMs: next.status === 'delivered' ? Date.parse(attempt.at) : null,
      });
    })();
  }

  subscriptions(): SubscriptionRow[] {
    return (this.statements.subscriptions.all() as Row[]).map(subscriptionOf);
  }

  subscription(subscriptionId: string): SubscriptionRow | null {
    const row = this.statements.subscription.get(subscriptionId) as Row | undefined;
    return row ? subscriptionOf(row) : null;
  }

  /** A subscription's deliveries, newest first, each with its attempts; `before` pages on from a delivery id. */
  deliveries(subscriptionId: string, before: number | null, limit: number): DeliveryRow[] {
    const rows = this.statements.deliveries.all(subscriptionId, before ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
    return rows.map((row) => ({
      deliveryId: row.delivery_id as number,
      webhookId: row.webhook_id as string,
      eventKind: row.event_kind as string,
      status: row.status as DeliveryRow['status'],
      attempts: row.attempts as number,
      createdAt: new Date(row.created_at_ms as number).toISOString(),
      nextAttemptAt: row.status === 'pending' ? new Date(row.next_attempt_ms as number).toISOString() : null,
      deliveredAt: row.delivered_at_ms === null ? null : new Date(row.delivered_at_ms as number).toISOString(),
      lastStatusCode: (row.last_status_code as number | null) ?? null,
      log: (this.statements.attempts.all(row.delivery_id) as Row[]).map((attempt) => ({
        attempt: attempt.attempt as number,
        at: new Date(attempt.at_ms as number).toISOString(),
        statusCode: (attempt.status_code as number | null) ?? null,
        error: (attempt.error as string | null) ?? null,
        durationMs: attempt.duration_ms as number,
      })),
    }));
  }

  close(): void {
    this.db.close();
  }

  private enqueueNow(delivery: NewDelivery, nowMs: number): number {
    let count = 0;
    for (const subscription of this.subscriptions()) {
      if (subscription.status !== 'active' || !subscription.eventKinds.includes(delivery.eventKind)) continue;
      if (subscription.unitId !== null && !this.covers(subscription.unitId, delivery.unitId)) continue;
      count += this.statements.enqueue.run(
        subscription.subscriptionId,
        delivery.webhookId,
        delivery.eventKind,
        delivery.body,
        nowMs,
        nowMs,
      ).changes;
    }
    return count;
  }

  /** Whether the unit is `scopeUnitId` or lies under it (by parents, and by the unit a merged unit went into). */
  private covers(scopeUnitId: string, unitId: string | null): boolean {
    let current = unitId;
    for (let depth = 0; current !== null && depth < 32; depth++) {
      if (current === scopeUnitId) return true;
      const row = this.statements.unitParent.get(current) as { parent_id: string | null; merged_into: string | null } | undefined;
      current = row ? (row.merged_into ?? row.parent_id) : null;
    }
    return false;
  }
}

function subscriptionOf(row: Row): SubscriptionRow {
  return {
    subscriptionId: row.subscription_id as string,
    url: row.url as string,
    eventKinds: JSON.parse(row.event_kinds as string) as WebhookEventKind[],
    unitId: (row.unit_id as string | null) ?? null,
    description: row.description as string,
    status: row.status as SubscriptionRow['status'],
    registeredAt: row.registered_at as string,
    registeredEventId: row.registered_event_id as string,
    disabledAt: (row.disabled_at as string | null) ?? null,
    disabledReason: (row.disabled_reason as string | null) ?? null,
  };
}

function prepareStatements(db: Database.Database) {
  return {
    position: db.prepare('SELECT position FROM checkpoint'),
    checkpoint: db.prepare('UPDATE checkpoint SET position = ?'),
    keepSecret: db.prepare('INSERT OR REPLACE INTO new_secrets (fingerprint, secret) VALUES (?, ?)'),
    forgetSecret: db.prepare('DELETE FROM new_secrets WHERE fingerprint = ?'),
    takeSecret: db.prepare(
      'INSERT OR IGNORE INTO secrets (subscription_id, secret) SELECT ?, secret FROM new_secrets WHERE fingerprint = ?',
    ),
    register: db.prepare(
      `INSERT OR IGNORE INTO subscriptions (subscription_id, url, event_kinds, unit_id, description, status, registered_at, registered_event_id)
       VALUES (@subscriptionId, @url, @eventKinds, @unitId, @description, 'active', @registeredAt, @registeredEventId)`,
    ),
    disable: db.prepare(`UPDATE subscriptions SET status = 'disabled', disabled_at = ?, disabled_reason = ? WHERE subscription_id = ?`),
    cancelPending: db.prepare(`UPDATE deliveries SET status = 'cancelled' WHERE subscription_id = ? AND status = 'pending'`),
    unit: db.prepare('INSERT OR IGNORE INTO units (unit_id, parent_id) VALUES (?, ?)'),
    merge: db.prepare('UPDATE units SET merged_into = ? WHERE unit_id = ?'),
    unitParent: db.prepare('SELECT parent_id, merged_into FROM units WHERE unit_id = ?'),
    caseUnit: db.prepare('INSERT OR REPLACE INTO case_units (case_id, unit_id) VALUES (?, ?)'),
    unitOfCase: db.prepare('SELECT unit_id FROM case_units WHERE case_id = ?'),
    enqueue: db.prepare(
      `INSERT OR IGNORE INTO deliveries (subscription_id, webhook_id, event_kind, body, status, attempts, created_at_ms, next_attempt_ms)
       VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
    ),
    due: db.prepare(
      `SELECT d.delivery_id, d.subscription_id, s.url, k.secret, d.webhook_id, d.body, d.attempts
       FROM deliveries d JOIN subscriptions s USING (subscription_id) LEFT JOIN secrets k USING (subscription_id)
       WHERE d.status = 'pending' AND d.next_attempt_ms <= ? ORDER BY d.next_attempt_ms, d.delivery_id LIMIT ?`,
    ),
    logAttempt: db.prepare('INSERT INTO attempts (delivery_id, attempt, at_ms, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)'),
    afterAttempt: db.prepare(
      `UPDATE deliveries SET status = @status, attempts = @attempts, next_attempt_ms = COALESCE(@nextAttemptMs, next_attempt_ms),
         last_status_code = @lastStatusCode, delivered_at_ms = @deliveredAtMs
       WHERE delivery_id = @deliveryId AND status = 'pending'`,
    ),
    subscriptions: db.prepare('SELECT * FROM subscriptions ORDER BY registered_at, subscription_id'),
    subscription: db.prepare('SELECT * FROM subscriptions WHERE subscription_id = ?'),
    deliveries: db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? AND delivery_id < ? ORDER BY delivery_id DESC LIMIT ?'),
    attempts: db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY attempt'),
  };
}
