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
