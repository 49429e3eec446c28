import pg from 'pg';
import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import { StoreUnavailableError } from '../../ledger/ledger.errors.js';
import { inPostgresTransaction } from '../../ledger/postgres-transaction.js';
import { describePostgresUrl, postgresUnavailable } from '../../ledger/postgres-unavailable.js';
import { PositionWaiters } from '../../projections/position-waiters.js';
import type { WebhookEventKind } from '../webhook-event-kinds.js';
import type { DeliveryAttempt, DeliveryRow, DueDelivery, NewDelivery, SubscriptionRow } from './webhook-outbox.js';
import type { DeliveryOf, FeedIntakeHooks, WebhookFeedIntake, WebhookStore } from './webhook-store.port.js';

/** pg_advisory_xact_lock's key while the tables are made: two instances starting at once create them once. */
const SCHEMA_LOCK = [0x57484b31, 0]; // "WHK1"

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS webhook_feed_checkpoint (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), position bigint NOT NULL);
  INSERT INTO webhook_feed_checkpoint (position) VALUES (0) ON CONFLICT DO NOTHING;
  CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    subscription_id     text PRIMARY KEY,
    url                 text NOT NULL,
    event_kinds         text NOT NULL,
    unit_id             text,
    description         text NOT NULL,
    status              text NOT NULL CHECK (status IN ('active', 'disabled')),
    registered_at       text NOT NULL,
    registered_event_id text NOT NULL,
    secret_fingerprint  text NOT NULL,
    disabled_at         text,
    disabled_reason     text
  );
  CREATE TABLE IF NOT EXISTS webhook_secrets (fingerprint text PRIMARY KEY, secret text NOT NULL);
  CREATE TABLE IF NOT EXISTS webhook_units (unit_id text PRIMARY KEY, parent_id text, merged_into text);
  CREATE TABLE IF NOT EXISTS webhook_case_units (case_id text PRIMARY KEY, unit_id text NOT NULL);
  CREATE TABLE IF NOT EXISTS webhook_deliveries (
    delivery_id      bigserial PRIMARY KEY,
    subscription_id  text    NOT NULL,
    webhook_id       text    NOT NULL,
    event_kind       text    NOT NULL,
    body             text    NOT NULL,
    status           text    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         integer NOT NULL,
    created_at_ms    bigint  NOT NULL,
    next_attempt_ms  bigint  NOT NULL,
    claimed_until_ms bigint,
    last_status_code integer,
    delivered_at_ms  bigint,
    UNIQUE (subscription_id, webhook_id)
  );
  CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_ms);
  CREATE TABLE IF NOT EXISTS webhook_attempts (
    delivery_id bigint  NOT NULL,
    attempt     integer NOT NULL,
    at_ms       bigint  NOT NULL,
    status_code integer,
    error       text,
    duration_ms integer NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
  );
`;

type Queryable = Pick<pg.PoolClient, 'query'>;
type Row = Record<string, unknown>;

/**
 * The webhooks every instance shares, in PostgreSQL (the schema is the connection's search_path).
 *
 * Every instance follows the feed, and each batch is applied in one transaction that first locks the
 * one checkpoint row (FOR UPDATE): the instance that gets it applies the events past the checkpoint and
 * moves it; the other then finds them applied and skips them. A delivery is a row unique per
 * subscription and webhook-id, so an alert judged by both instances is enqueued once. Each attempt
 * begins by claiming due rows with FOR UPDATE SKIP LOCKED and a lease (claimed_until): two dispatchers
 * never take the same row, and a row whose instance died mid-attempt is taken again once its lease has
 * passed, with the same webhook-id (at least once, never once per instance).
 */
export class PostgresWebhookStore implements WebhookStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  static async open(url: string, options: { readonly connectTimeoutMs?: number } = {}): Promise<PostgresWebhookStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server must not bring the process down; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresWebhookStore(pool, describePostgresUrl(url));
    try {
      await store.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', SCHEMA_LOCK);
        await client.query(SCHEMA);
      });
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async keepSecret(fingerprint: string, secret: string): Promise<void> {
    await this.query(
      'INSERT INTO webhook_secrets (fingerprint, secret) VALUES ($1, $2) ON CONFLICT (fingerprint) DO UPDATE SET secret = $2',
      [fingerprint, secret],
    );
  }

  async forgetSecret(fingerprint: string): Promise<void> {
    // A registered subscription's secret stays: only a secret whose registration never came is forgotten.
    await this.query(
      'DELETE FROM webhook_secrets WHERE fingerprint = $1 AND NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE secret_fingerprint = $1)',
      [fingerprint],
    );
  }

  async position(): Promise<number> {
    const { rows } = await this.query<{ position: string }>('SELECT position FROM webhook_feed_checkpoint', []);
    return Number(rows[0]!.position);
  }

  intake(store: EventStore, hooks: FeedIntakeHooks): WebhookFeedIntake {
    return new PolledIntake(this, store, hooks);
  }

  /** One batch of the feed, applied once among all instances (see the class comment); answers the checkpoint after it. */
  async applyFeed(events: readonly RecordedEvent[], deliveryOf: DeliveryOf, nowMs: number): Promise<number> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ position: string }>('SELECT position FROM webhook_feed_checkpoint FOR UPDATE');
      const checkpoint = Number(rows[0]!.position);
      const fresh = events.filter((event) => event.globalPosition > checkpoint);
      if (fresh.length === 0) return checkpoint;
      for (const event of fresh) await applyEvent(client, event, deliveryOf, nowMs);
      const reached = fresh[fresh.length - 1]!.globalPosition;
      await client.query('UPDATE webhook_feed_checkpoint SET position = $1', [reached]);
      return reached;
    });
  }

  enqueue(deliveries: readonly NewDelivery[], nowMs: number): Promise<number> {
    return this.transaction(async (client) => {
      let count = 0;
      for (const delivery of deliveries) count += await enqueueNow(client, delivery, nowMs);
      return count;
    });
  }

  async wantsAny(kinds: readonly string[]): Promise<boolean> {
    return (await this.subscriptions()).some(
      (subscription) => subscription.status === 'active' && subscription.eventKinds.some((kind) => kinds.includes(kind)),
    );
  }

  async claimDue(nowMs: number, limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const { rows } = await this.query<Row>(
      `WITH claimed AS (
         UPDATE webhook_deliveries SET claimed_until_ms = $3
          WHERE delivery_id IN (
            SELECT delivery_id FROM webhook_deliveries
             WHERE status = 'pending' AND next_attempt_ms <= $1 AND (claimed_until_ms IS NULL OR claimed_until_ms <= $1)
             ORDER BY next_attempt_ms, delivery_id LIMIT $2
             FOR UPDATE SKIP LOCKED)
         RETURNING delivery_id, subscription_id, webhook_id, body, attempts, next_attempt_ms)
       SELECT c.*, s.url, k.secret FROM claimed c
         JOIN webhook_subscriptions s USING (subscription_id)
         LEFT JOIN webhook_secrets k ON k.fingerprint = s.secret_fingerprint
        ORDER BY c.next_attempt_ms, c.delivery_id`,
      [nowMs, limit, nowMs + leaseMs],
    );
    return rows.map((row) => ({
      deliveryId: Number(row.delivery_id),
      subscriptionId: row.subscription_id as string,
      url: row.url as string,
      secret: (row.secret as string | null) ?? null,
      webhookId: row.webhook_id as string,
      body: row.body as string,
      attempts: row.attempts as number,
    }));
  }

  async recordAttempt(
    deliveryId: number,
    attempt: DeliveryAttempt,
    next: { status: 'delivered' | 'pending' | 'failed'; nextAttemptMs: number | null },
  ): Promise<void> {
    await this.transaction(async (client) => {
      const at = Date.parse(attempt.at);
      await client.query(
        'INSERT INTO webhook_attempts (delivery_id, attempt, at_ms, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [deliveryId, attempt.attempt, at, attempt.statusCode, attempt.error, attempt.durationMs],
      );
      await client.query(
        `UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_ms = COALESCE($4, next_attempt_ms), claimed_until_ms = NULL,
           last_status_code = $5, delivered_at_ms = $6
         WHERE delivery_id = $1 AND status = 'pending' AND attempts < $3`,
        [deliveryId, next.status, attempt.attempt, next.nextAttemptMs, attempt.statusCode, next.status === 'delivered' ? at : null],
      );
    });
  }

  async subscriptions(): Promise<SubscriptionRow[]> {
    const { rows } = await this.query<Row>('SELECT * FROM webhook_subscriptions ORDER BY registered_at, subscription_id', []);
    return rows.map(subscriptionOf);
  }

  async subscription(subscriptionId: string): Promise<SubscriptionRow | null> {
    const { rows } = await this.query<Row>('SELECT * FROM webhook_subscriptions WHERE subscription_id = $1', [subscriptionId]);
    return rows[0] ? subscriptionOf(rows[0]) : null;
  }

  async deliveries(subscriptionId: string, before: number | null, limit: number): Promise<DeliveryRow[]> {
    const { rows } = await this.query<Row>(
      'SELECT * FROM webhook_deliveries WHERE subscription_id = $1 AND delivery_id < $2 ORDER BY delivery_id DESC LIMIT $3',
      [subscriptionId, before ?? Number.MAX_SAFE_INTEGER, limit],
    );
    const ids = rows.map((row) => row.delivery_id as string);
    const attempts =
      ids.length === 0
        ? []
        : (await this.query<Row>('SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1) ORDER BY attempt', [ids])).rows;
    return rows.map((row) => ({
      deliveryId: Number(row.delivery_id),
      webhookId: row.webhook_id as string,
      eventKind: row.event_kind as string,
      status: row.status as DeliveryRow['status'],
      attempts: row.attempts as number,
      createdAt: new Date(Number(row.created_at_ms)).toISOString(),
      nextAttemptAt: row.status === 'pending' ? new Date(Number(row.next_attempt_ms)).toISOString() : null,
      deliveredAt: row.delivered_at_ms === null ? null : new Date(Number(row.delivered_at_ms)).toISOString(),
      lastStatusCode: (row.last_status_code as number | null) ?? null,
      log: attempts
        .filter((attempt) => attempt.delivery_id === row.delivery_id)
        .map((attempt) => ({
          attempt: attempt.attempt as number,
          at: new Date(Number(attempt.at_ms)).toISOString(),
          statusCode: (attempt.status_code as number | null) ?? null,
          error: (attempt.error as string | null) ?? null,
          durationMs: attempt.duration_ms as number,
        })),
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inPostgresTransaction(this.pool, work, (error) => this.unavailable(error));
  }

  private unavailable(error: unknown): unknown {
    return postgresUnavailable(
      error,
      (reason) =>
        new StoreUnavailableError(`The webhook store (PostgreSQL at ${this.where}) cannot be reached: ${reason}`, { cause: error }),
    );
  }
}

/** The same bookkeeping as the SQLite outbox's applyFeed, one event at a time inside the batch's transaction. */
async function applyEvent(client: Queryable, event: RecordedEvent, deliveryOf: DeliveryOf, nowMs: number): Promise<void> {
  const { data } = event;
  const id = event.streamId.slice(event.streamId.indexOf('-') + 1);
  switch (event.type) {
    case 'WebhookSubscriptionRegistered':
      await client.query(
        `INSERT INTO webhook_subscriptions (subscription_id, url, event_kinds, unit_id, description, status, registered_at, registered_event_id, secret_fingerprint)
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8) ON CONFLICT DO NOTHING`,
        [
          data.subscriptionId,
          data.url,
          JSON.stringify(data.eventKinds),
          data.unitId ?? null,
          data.description ?? '',
          event.metadata.occurredAt,
          event.eventId,
          data.secretFingerprint,
        ],
      );
      break;
    case 'WebhookSubscriptionDisabled':
      await client.query(
        `UPDATE webhook_subscriptions SET status = 'disabled', disabled_at = $1, disabled_reason = $2 WHERE subscription_id = $3`,
        [event.metadata.occurredAt, String(data.reason ?? ''), id],
      );
      await client.query(`UPDATE webhook_deliveries SET status = 'cancelled' WHERE subscription_id = $1 AND status = 'pending'`, [id]);
      break;
    case 'UnitRegistered':
      await client.query('INSERT INTO webhook_units (unit_id, parent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        data.unitId,
        data.parentId ?? null,
      ]);
      break;
    case 'UnitMerged':
      await client.query('UPDATE webhook_units SET merged_into = $1 WHERE unit_id = $2', [data.intoUnitId, id]);
      break;
    case 'CaseReceived':
    case 'CaseEscalated':
      await client.query(
        'INSERT INTO webhook_case_units (case_id, unit_id) VALUES ($1, $2) ON CONFLICT (case_id) DO UPDATE SET unit_id = EXCLUDED.unit_id',
        [id, event.type === 'CaseReceived' ? data.unitId : data.toUnitId],
      );
      break;
    default:
      break;
  }
  if (!event.streamId.startsWith('case-')) return;
  const { rows } = await client.query<{ unit_id: string }>('SELECT unit_id FROM webhook_case_units WHERE case_id = $1', [id]);
  const delivery = deliveryOf(event, rows[0]?.unit_id ?? null);
  if (delivery) await enqueueNow(client, delivery, nowMs);
}

async function enqueueNow(client: Queryable, delivery: NewDelivery, nowMs: number): Promise<number> {
  const { rows } = await client.query<Row>(
    `SELECT * FROM webhook_subscriptions WHERE status = 'active' ORDER BY registered_at, subscription_id`,
  );
  let count = 0;
  for (const subscription of rows.map(subscriptionOf)) {
    if (!subscription.eventKinds.includes(delivery.eventKind)) continue;
    if (subscription.unitId !== null && !(await covers(client, subscription.unitId, delivery.unitId))) continue;
    const inserted = await client.query(
      `INSERT INTO webhook_deliveries (subscription_id, webhook_id, event_kind, body, status, attempts, created_at_ms, next_attempt_ms)
       VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5) ON CONFLICT DO NOTHING`,
      [subscription.subscriptionId, delivery.webhookId, delivery.eventKind, delivery.body, nowMs],
    );
    count += inserted.rowCount ?? 0;
  }
  return count;
}

/** Whether the unit is `scopeUnitId` or lies under it (by parents, and by the unit a merged unit went into). */
async function covers(client: Queryable, scopeUnitId: string, unitId: string | null): Promise<boolean> {
  let current = unitId;
  for (let depth = 0; current !== null && depth < 32; depth++) {
    if (current === scopeUnitId) return true;
    const { rows } = await client.query<{ parent_id: string | null; merged_into: string | null }>(
      'SELECT parent_id, merged_into FROM webhook_units WHERE unit_id = $1',
      [current],
    );
    current = rows[0] ? (rows[0].merged_into ?? rows[0].parent_id) : null;
  }
  return false;
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

/**
 * Reads the feed from the shared checkpoint every `pollMs` and applies it batch by batch. Polling the
 * shared checkpoint, rather than following a subscription from a position of its own, is what lets the
 * instances take turns: whichever applies a batch moves the checkpoint for all.
 */
class PolledIntake implements WebhookFeedIntake {
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private failures = 0;
  private reached = 0;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly webhooks: PostgresWebhookStore,
    private readonly store: EventStore,
    private readonly hooks: FeedIntakeHooks,
    private readonly pollMs = 250,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.waiters.wakeAll();
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitUntil(
      () => this.reached >= position,
      timeoutMs,
      () => this.stopped,
    );
  }

  private schedule(afterMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), afterMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let pause = this.pollMs;
    try {
      this.reached = Math.max(this.reached, await this.webhooks.position());
      for await (const batch of this.store.readAll({ after: this.reached, batchSize: 500 })) {
        if (this.stopped) return;
        this.reached = Math.max(this.reached, await this.webhooks.applyFeed(batch, this.hooks.deliveryOf, this.hooks.now()));
        this.hooks.taken(batch);
        this.waiters.wakeAll();
      }
      this.failures = 0;
      this.waiters.wakeAll();
    } catch (error) {
      if (this.stopped) return; // the store closes at shutdown under a batch in flight: it is read again on the next start
      this.failures += 1;
      pause = Math.min(60_000, 1000 * 2 ** (this.failures - 1));
      this.hooks.failed(error instanceof Error ? error.message : String(error), pause);
    }
    this.schedule(pause);
  }
}
