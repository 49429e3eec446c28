import type { CountedDeadline } from './timeline-statistics.js';

/** A deadline whose clock started, judged at its case's horizon, with what selecting and grouping it needs at hand. */
export interface IndexedDeadline extends CountedDeadline {
  readonly clockStartedAt: string;
  readonly clockStartedMs: number;
  /** Vietnam month of the clock's start, YYYY-MM. */
  readonly month: string;
  /** NaN without a due instant. */
  readonly dueMs: number;
}

/** A verdict judged at the horizon, as of a later instant: only a step neither done nor paused changes, at its due instant. */
export function asOfInstant(deadline: IndexedDeadline, asOfMs: number): IndexedDeadline {
  if (deadline.status !== 'open' && deadline.status !== 'overdue') return deadline;
  const status = asOfMs > deadline.dueMs ? 'overdue' : 'open';
  return status === deadline.status ? deadline : { ...deadline, status };
}
