import type { Observable } from 'rxjs';
import type { RecordedEvent } from './event-store.port.js';

export type { LedgerSource, StoredFeedAddress } from './event-store.port.js';

/** An event whose stored form cannot even be read back (its data is not JSON, a field has the wrong type). */
export class UnreadableEventError extends Error {
  constructor(
    readonly globalPosition: number,
    readonly streamId: string,
    readonly streamRevision: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'UnreadableEventError';
  }
}

/**
 * An event as the store keeps it: every field, with data and metadata as the canonical JSON text
 * (RFC 8785) they were hashed from, unparsed, so a reader that only hashes them need not parse and
 * encode them again.
 */
export interface StoredEvent extends Omit<RecordedEvent, 'data' | 'metadata'> {
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** The store's events as stored, followed from a position: what openStoredFeed gives a worker thread. */
export interface StoredFeed {
  /** Catches up from `after` (exclusive), then goes live by looking for new events every few milliseconds. */
  subscribe(after: number): Observable<StoredEvent>;
  headPosition(): Promise<number>;
  close(): void;
}

/** A batch of the store's events as ONE JSON text: an array of the events as RecordedEvent has them. */
export interface FeedTextBatch {
  readonly json: string;
  readonly count: number;
  /** The global position of its last event. */
  readonly last: number;
}

/**
 * The store's events read as JSON text built by the store's engine itself, for a reader in another
 * thread (a rebuild's): a string crosses postMessage as a copy, and one JSON.parse on the other side
 * costs less than reading and parsing the rows there.
 */
export interface FeedText {
  /** Up to `limit` events after `after`, in order; null when there are none. */
  batchAfter(after: number, limit: number): FeedTextBatch | null;
  /** The events of one stream up to a global position (inclusive), in order; an unreadable one throws. */
  streamUpTo(streamId: string, position: number): RecordedEvent[];
  close(): Promise<void>;
}

/** There is no ledger where the configuration points (the embedded store's file is missing). */
export class LedgerNotFoundError extends Error {
  constructor(readonly location: string) {
    super(`There is no ledger at ${location}; set LEDGER_DATA_DIR to the data folder.`);
    this.name = 'LedgerNotFoundError';
  }
}
