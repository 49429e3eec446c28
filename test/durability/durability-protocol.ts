/** What the child of kill-during-appends.spec.ts writes, and what the spec reads back. */
import type { ExpectedRevision } from '../../src/ledger/event-store.port.js';

export const PROBE_EVENT_TYPE = 'DurabilityProbe';

/** What every probe event carries, so that the database alone tells which append wrote it. */
export interface ProbeData {
  readonly appendId: string;
  /** Position of the event within its append, 0-based. */
  readonly index: number;
  /** Number of events in the append. */
  readonly count: number;
  readonly writer: number;
  readonly padding: string;
  [key: string]: string | number;
}

/** Written (synchronously, to a file) before an append is attempted. */
export interface IntentLine {
  readonly appendId: string;
  readonly streamId: string;
  readonly eventIds: readonly string[];
  readonly expected: ExpectedRevision;
}

/** One line of the child's stdout. */
export type ChildLine =
  | { readonly kind: 'ready'; readonly heads: Record<string, number | 'no-stream'> }
  | {
      readonly kind: 'ack';
      readonly appendId: string;
      readonly streamId: string;
      readonly eventIds: readonly string[];
      readonly firstRevision: number;
      readonly lastRevision: number;
      readonly lastGlobalPosition: number;
    }
  | { readonly kind: 'conflict'; readonly appendId: string };

/** mulberry32: a tiny seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
