import type { JsonObject } from '../domain-kit/json.js';
import type { Observable } from 'rxjs';
import type { AppendObserver } from './append-observer.js';

/**
 * The one port every event store adapter implements. The ledger's promises (all-or-nothing appends,
 * gap-free stream revisions, idempotent event ids, a per-stream hash chain, a catch-up subscription
 * with no gap and no duplicate) are checked for every adapter by test/contract.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type { JsonPrimitive, JsonValue, JsonObject } from '../domain-kit/json.js';

/** What the writer of an event says about the write; the store adds recordedAt itself. */
export interface EventMetadata {
  /** Who recorded the fact: comes from the verified caller, never from a request body. */
  readonly actor: string;
  readonly correlationId: string;
  /** The event or command that caused this one; null for a first cause. */
  readonly causationId: string | null;
  /** When the fact happened in the world, ISO-8601 with an offset. */
  readonly occurredAt: string;
  /** The official the actor is (their token says so), when the actor is one: who did it, beside who recorded it. */
  readonly officialId?: string;
  /**
   * For events written by a request carrying an Idempotency-Key: a fingerprint of that request, so a
   * repeat with the same key but a different request is told apart from a faithful repeat.
   */
  readonly requestFingerprint?: string;
  /** For an event brought in by `ledger import`: where it came from. */
  readonly import?: ImportOrigin;
}

/** The row of an import file an event was decided from (see src/import). */
export interface ImportOrigin {
  /** The file's name and the SHA-256 of its bytes, so the very file can be found and checked again. */
  readonly file: string;
  readonly sha256: string;
  /** 1-based line of the row in that file. */
  readonly line: number;
  /** The previous system whose ids the file gives, and the command of the row. */
  readonly system: string;
  readonly command: string;
  /** The previous system's id of the record the row is about. */
  readonly sourceId: string;
}

export interface NewEvent {
  /** A UUID chosen by the writer; appending the same id again at the same place is a no-op. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 0 for the first event of a stream; no gaps. */
  readonly streamRevision: number;
  /** Strictly increasing in the global order; dense (1, 2, 3...) in the embedded store. */
  readonly globalPosition: number;
  /** When the store accepted the event (UTC, ISO-8601, milliseconds): set by the store alone. */
  readonly recordedAt: string;
  /** The hash of the previous event of the same stream; null for revision 0. */
  readonly previousHash: string | null;
  /** SHA-256 (hex) of the canonical encoding of this envelope, see event-hash.ts. */
  readonly hash: string;
}

/** A revision number (the stream's last revision), or one of EventStoreDB's three conditions. */
export type ExpectedRevision = number | 'no-stream' | 'stream-exists' | 'any';

/** One stream's part of a batch of appends (EventStore.appendStreams). */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream: pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** The global position of the last appended event. */
  readonly lastGlobalPosition: number;
  readonly events: readonly RecordedEvent[];
  /** True when every event id was already there: nothing was written, the first result is returned. */
  readonly idempotentReplay: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first revision (forwards) or the last (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a global position greater than this. 0 reads from the beginning. */
  readonly after?: number;
  readonly batchSize?: number;
}

export interface EventStore {
  /** All or nothing. Rejects with ConcurrencyError, EventIdReusedError or InvalidEventError. */
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /**
   * Many streams' appends in one transaction, all or nothing: each is checked as append checks it (its
   * expected revision; a faithful repeat is answered as a replay, writing nothing), the results by
   * position; the first refusal rejects the whole batch and nothing of it is written. For a writer of
   * thousands of streams (an import), which then pays for one commit instead of one per group of
   * appends. Only where the store has transactions across streams (the embedded store); EventStoreDB
   * has none, and such a writer appends stream by stream there.
   */
  appendStreams?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** An unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Many whole streams at once, each as readStream reads it (an unknown one as empty), keyed by stream
   * id: for a caller that names thousands of streams up front (an import), in a few reads instead of
   * one per stream.
   */
  readStreams(streamIds: readonly string[]): Promise<ReadonlyMap<string, RecordedEvent[]>>;
  /** The global feed, forwards, in batches; system events of the engine are never included. */
  readAll(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  /** Catches up from `after` (exclusive), then goes live; no gap and no duplicate at the seam. */
  subscribeToAll(after?: number): Observable<RecordedEvent>;
  /** The global position of the newest event, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /**
   * The global position of the event with this id, undefined when the store has none; present only
   * where the store keeps its own index of event ids (the embedded store's unique index), so that
   * the Merkle log need not keep a second one. EventStoreDB has no lookup by event id short of reading
   * $all, so it offers none and the log keeps its own index of event ids (MerkleLog's eventIndex).
   */
  positionOfEvent?(eventId: string): Promise<number | undefined>;
  /** True when global positions are 1, 2, 3... (the embedded store), so verification reads a missing position as a gap. */
  readonly densePositions: boolean;
  /** The adapter's own source of its events for verification (see ledger-source.ts); close it after use. */
  ledgerSource(): LedgerSource;
  /** Set when another thread of this process can read the events itself (the embedded store's file). */
  readonly storedFeed?: StoredFeedAddress;
  /** Where the adapter reports its commits and each append's outcome (the metrics); optional, one observer at a time. */
  observeAppends?(observer: AppendObserver): void;
  close(): Promise<void>;
}

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

/**
 * Where another thread of this process can read the store's events itself (the Merkle log's worker):
 * plain data, so it crosses postMessage; only the embedded store has one (EventStore.storedFeed).
 */
export type StoredFeedAddress = { readonly adapter: 'sqlite'; readonly file: string };
