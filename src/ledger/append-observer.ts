/** How one append ended, as an adapter saw it. */
export type AppendOutcome = 'written' | 'replayed' | 'conflict' | 'failed';

/** One durable commit: the appends it carried (the embedded store groups concurrent ones), their events, its time. */
export interface CommitObservation {
  readonly appends: number;
  readonly events: number;
  readonly seconds: number;
}

/**
 * What an adapter tells about its writes, for the operators' figures (metrics) only: callers of the
 * port never depend on it, and nothing of an adapter's own types leaves ledger/ through it.
 */
export interface AppendObserver {
  committed(commit: CommitObservation): void;
  appended(outcome: AppendOutcome): void;
}

/** Tells the observer, never the append: a fault in the figures must not fail a write that is already durable. */
export function tell(observer: AppendObserver | undefined, notice: (observer: AppendObserver) => void): void {
  if (!observer) return;
  try {
    notice(observer);
  } catch {
    // the figures are lost, the write stands
  }
}
