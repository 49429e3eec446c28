import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataFolderCalendar } from '../calendar/data-folder-calendar.js';
import { IntegrityLog } from '../integrity/integrity-log.js';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { ProjectionEngine } from '../projections/projection-engine.js';

/**
 * Whether this instance should get traffic (GET /health/ready). It is ready when
 *  - the event store answers;
 *  - every projection has applied every event that was in the ledger when the service started, and is
 *    neither failed (waiting to retry) nor rebuilding a new version (its answers would be stale);
 *  - the Merkle log has logged those events too and its follower has not failed;
 *  - the last checkpoint was recorded (a checkpoint signed but not recorded leaves auditors a gap);
 *  - every holiday decision dropped into the data folder is in force (a refused one means deadlines
 *    are counted without the decision the operator meant to give).
 * After the first catch-up a small lag under load does not make it unready (reads that need a write
 * wait for it with minPosition); /metrics shows the lag for alerts.
 */
@Injectable()
export class Readiness implements OnApplicationBootstrap {
  private headAtStart: number | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly engine: ProjectionEngine,
    private readonly integrity: IntegrityLog,
    private readonly indicators: HealthIndicatorService,
    @Optional() private readonly calendarFiles?: DataFolderCalendar,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.headAtStart = await this.store.headPosition();
    } catch {
      // the store is down: the first readiness check reads it
    }
  }

  async eventStore() {
    const indicator = this.indicators.check('eventStore');
    try {
      const headPosition = await this.store.headPosition();
      this.headAtStart ??= headPosition;
      return indicator.up({ headPosition });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  async projections() {
    const indicator = this.indicators.check('projections');
    let statuses;
    try {
      statuses = await this.engine.status();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
    const start = this.headAtStart ?? Number.POSITIVE_INFINITY;
    const projections = statuses.map(({ name, state, checkpoint, lag, lastError }) => ({
      name,
      state,
      checkpoint,
      lag,
      caughtUp: checkpoint >= start,
      lastError,
    }));
    const ready = projections.every(
      (projection) => projection.caughtUp && (projection.state === 'live' || projection.state === 'catching-up'),
    );
    return ready ? indicator.up({ projections }) : indicator.down({ projections });
  }

  async merkleLog() {
    const indicator = this.indicators.check('merkleLog');
    const { state, treeSize, position, lastError } = this.integrity.status();
    const start = this.headAtStart ?? Number.POSITIVE_INFINITY;
    const details = { state, treeSize, position, caughtUp: position >= start, lastError };
    return details.caughtUp && state === 'following' ? indicator.up(details) : indicator.down(details);
  }

  async checkpoints() {
    const indicator = this.indicators.check('checkpoints');
    const { checkpointError } = this.integrity.status();
    const latest = this.integrity.log.latestCheckpoint();
    const details = { latest: latest ? { treeSize: latest.treeSize, signedAt: latest.signedAt } : null, lastError: checkpointError };
    return checkpointError === null ? indicator.up(details) : indicator.down(details);
  }

  async calendar() {
    const indicator = this.indicators.check('calendar');
    const problem = this.calendarFiles?.problem() ?? null;
    return problem === null ? indicator.up() : indicator.down({ message: problem });
  }
}
