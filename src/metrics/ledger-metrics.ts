import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every figure the service exposes at /metrics, named and explained in this one place (the README's
 * "Operations" section lists them). One registry per application, never prom-client's global one, so
 * that two applications in one process (the e2e suite) keep their figures apart.
 *
 * Positions: with the embedded store global positions are 1, 2, 3..., so a lag in positions is a
 * number of events; with EventStoreDB they are log offsets in bytes, so only 0 (caught up) and the
 * trend mean something there.
 */
export class LedgerMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern (never the raw path: no ids) and status, from arrival to the last byte sent.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'ledger_appends_total',
    help: 'Appends to the event store by outcome: written, replayed (an idempotent repeat, nothing written), conflict (wrong expected revision), failed.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'ledger_appended_events_total',
    help: 'Events written to the event store (repeats not counted).',
    registers: [this.registry],
  });

  readonly appendGroupSize = new Histogram({
    name: 'ledger_append_group_size',
    help: 'Appends per durable commit: the embedded store commits the appends of one turn of the event loop together (group commit); 1 on EventStoreDB.',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers: [this.registry],
  });

  readonly commitDuration = new Histogram({
    name: 'ledger_append_commit_duration_seconds',
    help: 'Time of one durable commit (the embedded store: the transaction and its fsync; EventStoreDB: the read and the append).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  readonly storeUp = new Gauge({
    name: 'ledger_event_store_up',
    help: 'Whether the event store answered when the figures were read (1) or not (0).',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  readonly headPosition = new Gauge({
    name: 'ledger_head_position',
    help: 'The global position of the newest event in the ledger (absent while the store does not answer).',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  readonly projectionLag = new Gauge({
    name: 'ledger_projection_lag_positions',
    help: "Global positions between the ledger's head and a projection's checkpoint (events, with the embedded store).",
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionFailing = new Gauge({
    name: 'ledger_projection_failing',
    help: "1 while a projection's last batch failed and it waits to retry from its checkpoint, else 0.",
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly merkleLogLag = new Gauge({
    name: 'ledger_merkle_log_lag_positions',
    help: "Global positions between the ledger's head and the last event the Merkle log holds (events, with the embedded store).",
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  readonly merkleLogTreeSize = new Gauge({
    name: 'ledger_merkle_log_tree_size',
    help: 'Leaves in the Merkle log (one per event).',
    registers: [this.registry],
  });

  readonly merkleLogFailing = new Gauge({
    name: 'ledger_merkle_log_failing',
    help: "1 while the Merkle log's follower has failed and waits to retry, else 0.",
    registers: [this.registry],
  });

  readonly checkpointAge = new Gauge({
    name: 'ledger_checkpoint_age_seconds',
    help: 'Seconds since the latest signed checkpoint (absent before the first).',
    labelNames: ['origin'] as const,
    registers: [this.registry],
  });

  readonly checkpointTreeSize = new Gauge({
    name: 'ledger_checkpoint_tree_size',
    help: 'Events covered by the latest signed checkpoint (absent before the first).',
    labelNames: ['origin'] as const,
    registers: [this.registry],
  });

  readonly checkpointFailing = new Gauge({
    name: 'ledger_checkpoint_failing',
    help: '1 when the last checkpoint was signed but could not be recorded in the ledger, else 0.',
    labelNames: ['origin'] as const,
    registers: [this.registry],
  });

  readonly verificationOk = new Gauge({
    name: 'ledger_verification_last_ok',
    help: 'The result of the latest full verification the service ran (1: every chain, position and signed root holds; 0: see GET /api/v1/integrity/verification). Absent before the first.',
    labelNames: ['origin'] as const,
    registers: [this.registry],
  });

  readonly verificationTime = new Gauge({
    name: 'ledger_verification_last_timestamp_seconds',
    help: 'When the latest full verification finished (Unix time; absent before the first).',
    labelNames: ['origin'] as const,
    registers: [this.registry],
  });

  readonly verificationDuration = new Gauge({
    name: 'ledger_verification_last_duration_seconds',
    help: 'How long the latest full verification took (absent before the first).',
    labelNames: ['origin'] as const,
    registers: [this.registry],
  });

  readonly verificationErrors = new Counter({
    name: 'ledger_verification_errors_total',
    help: 'Verifications since the start that could not run to their end (the store unreachable, for example).',
    labelNames: ['origin'] as const,
    registers: [this.registry],
  });

  /** Fed by the webhook dispatcher (webhooks/outbox/webhook-dispatcher.ts): one count per attempt. */
  readonly webhookDeliveries = new Counter({
    name: 'ledger_webhook_deliveries_total',
    help: 'Webhook deliveries by result: delivered, failed (to be retried), abandoned.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveryDuration = new Histogram({
    name: 'ledger_webhook_delivery_duration_seconds',
    help: 'Time from sending a webhook to its answer, by result.',
    labelNames: ['result'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    // The process: CPU, memory, event-loop delay, garbage collection, open handles (prom-client's standard names).
    collectDefaultMetrics({ register: this.registry });
  }
}
