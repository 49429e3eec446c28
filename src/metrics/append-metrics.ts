import type { AppendObserver, AppendOutcome, CommitObservation } from '../ledger/append-observer.js';
import type { LedgerMetrics } from './ledger-metrics.js';

/** The event store's reports, turned into the append figures. */
export class AppendMetrics implements AppendObserver {
  constructor(private readonly metrics: LedgerMetrics) {}

  committed({ appends, events, seconds }: CommitObservation): void {
    this.metrics.appendGroupSize.observe(appends);
    this.metrics.commitDuration.observe(seconds);
    if (events > 0) this.metrics.appendedEvents.inc(events);
  }

  appended(outcome: AppendOutcome): void {
    this.metrics.appends.inc({ outcome });
  }
}
