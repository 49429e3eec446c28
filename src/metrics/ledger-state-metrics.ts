import type { IntegrityLog } from '../integrity/integrity-log.js';
import type { EventStore } from '../ledger/event-store.port.js';
import type { ProjectionEngine } from '../projections/projection-engine.js';
import type { LedgerMetrics } from './ledger-metrics.js';

/**
 * The gauges that describe the ledger's state, read when Prometheus scrapes (a few point reads):
 * the head, each projection's and the Merkle log's lag, the latest checkpoint and verification.
 * A figure that cannot be known now (the store is down, nothing signed yet) is left out rather than
 * shown as 0, which would read as "caught up" or "just signed".
 */
export class LedgerStateMetrics {
  private errorsReported = 0;

  constructor(
    private readonly metrics: LedgerMetrics,
    private readonly store: EventStore,
    private readonly engine: ProjectionEngine,
    private readonly integrity: IntegrityLog,
    private readonly origin: string,
    private readonly storeKind: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async refresh(): Promise<void> {
    const m = this.metrics;
    const labels = { origin: this.origin };
    const store = { store: this.storeKind };
    for (const gauge of [m.headPosition, m.merkleLogLag, m.projectionLag, m.projectionFailing]) gauge.reset();
    const log = this.integrity.status();
    try {
      const statuses = await this.engine.status();
      const head = statuses[0]?.headPosition ?? (await this.store.headPosition());
      m.storeUp.set(store, 1);
      m.headPosition.set(store, head);
      m.merkleLogLag.set(store, Math.max(0, head - log.position));
      for (const projection of statuses) {
        m.projectionLag.set({ projection: projection.name }, projection.lag);
        m.projectionFailing.set({ projection: projection.name }, projection.state === 'failed' ? 1 : 0);
      }
    } catch {
      m.storeUp.set(store, 0);
    }
    m.merkleLogTreeSize.set(log.treeSize);
    m.merkleLogFailing.set(log.state === 'failed' ? 1 : 0);

    m.checkpointFailing.set(labels, log.checkpointError === null ? 0 : 1);
    const latest = this.integrity.log.latestCheckpoint();
    if (latest) {
      m.checkpointAge.set(labels, Math.max(0, (this.now().getTime() - Date.parse(latest.signedAt)) / 1000));
      m.checkpointTreeSize.set(labels, latest.treeSize);
    } else {
      m.checkpointAge.reset();
      m.checkpointTreeSize.reset();
    }

    const verified = this.integrity.lastVerification;
    if (verified) {
      m.verificationOk.set(labels, verified.ok ? 1 : 0);
      m.verificationTime.set(labels, verified.finishedAt.getTime() / 1000);
      m.verificationDuration.set(labels, verified.seconds);
    }
    const errors = this.integrity.verificationErrors;
    if (errors > this.errorsReported) m.verificationErrors.inc(labels, errors - this.errorsReported);
    this.errorsReported = errors;
  }
}
