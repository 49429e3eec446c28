import type { Observable } from 'rxjs';
import type { RecordedEvent } from './event-store.port.js';

/**
 * What verification reads from an adapter: the store's own events in global order, and whether its
 * global positions are dense (1, 2, 3..., so a missing event shows as a gap). Each adapter offers one
 * (EventStore.ledgerSource(), or openLedgerSource for a stopped service), so nothing outside ledger/
 * needs to know which adapter is in use.
 */
export interface LedgerSource {
  readonly densePositions: boolean;
  /** Every event in global order, in batches; an event that cannot be read back is thrown, at its place, as UnreadableEventError. */
  events(): AsyncIterable<readonly RecordedEvent[]>;
  /** One stream's events in order; one that cannot be read back is left out (events() reports it at its place). */
  readableStream(streamId: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

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

/**
 * Where another thread of this process can read the store's events itself (the Merkle log's worker):
 * plain data, so it crosses postMessage; only the embedded store has one (EventStore.storedFeed).
 */
export type StoredFeedAddress = { readonly adapter: 'sqlite'; readonly file: string };

/** The store's events as stored, followed from a position: what openStoredFeed gives a worker thread. */
export interface StoredFeed {
  /** Catches up from `after` (exclusive), then goes live by looking for new events every few milliseconds. */
  subscribe(after: number): Observable<StoredEvent>;
  headPosition(): Promise<number>;
  close(): void;
}

/** There is no ledger where the configuration points (the embedded store's file is missing). */
export class LedgerNotFoundError extends Error {
  constructor(readonly location: string) {
    super(`There is no ledger at ${location}; set LEDGER_DATA_DIR to the data folder.`);
    this.name = 'LedgerNotFoundError';
  }
}
