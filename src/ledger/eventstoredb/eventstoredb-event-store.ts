import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { throwError, type Observable } from 'rxjs';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port.js';
import { tell, type AppendObserver } from '../append-observer.js';
import type { LedgerSource } from '../ledger-source.js';
import { hashEnvelope } from '../event-hash.js';
import { assertValidExpectedRevision } from '../expected-revision.js';
import { ConcurrencyError, StoreUnavailableError, type ActualRevision } from '../ledger.errors.js';
import { assertValidAppend } from '../new-event.validation.js';
import { decideAppend } from './append-decision.js';
import { asLedgerError, isStreamNotFound, isWrongExpectedVersion } from './esdb-errors.js';
import { comparePositions, globalPositionOf, hasKnownPosition, positionOfGlobal } from './global-position.js';
import { KeyedSerialQueue } from '../keyed-serial-queue.js';
import {
  appendIdOf,
  assertNoReservedMetadata,
  fromEsdbEvent,
  isLedgerEvent,
  placed,
  toEventData,
  type UnplacedEvent,
} from './ledger-event-codec.js';
import { DEFAULT_RESUBSCRIBE_POLICY, resubscribingAllFeed, type ResubscribePolicy } from './resubscribing-all-feed.js';

export interface EventStoreDbEventStoreOptions {
  /** The store's clock for recordedAt; injectable so tests can pin it. */
  readonly now?: () => Date;
  readonly resubscribe?: Partial<ResubscribePolicy>;
  /** Attempts for an 'any' or 'stream-exists' append that keeps losing races to other processes. */
  readonly maxAppendAttempts?: number;
}

/** A ledger event of a stream, with its $all position when the server told it (22.6 and later). */
interface StreamEvent {
  readonly event: UnplacedEvent;
  readonly position: Position | undefined;
  readonly appendId: string | undefined;
}

/** Stream reads are paged so a long stream never arrives as one huge gRPC response. */
const STREAM_PAGE = 500;
/** $all is read in pages of at least this many events, since system events are skipped client-side. */
const MIN_ALL_PAGE = 256;
const MAX_ALL_PAGE = 4096;
/** Stream reads readStreams keeps in flight at once: enough to hide the round trips, few enough not to crowd the connection. */
const READS_AT_ONCE = 32;

/**
 * The EventStore port on EventStoreDB (gRPC client @eventstore/db-client).
 *
 * Appends read the stream first: the per-stream hash chain needs the last event's hash, and the
 * idempotency rules need the events already carrying the new ids (EventStoreDB has no index by
 * event id, so the stream is scanned; streams of the ledger are short-lived cases, not logs). The
 * adapter then checks the caller's expectation itself and appends with the exact revision it read,
 * so a writer in another process that got in between makes the append fail instead of breaking
 * the chain. Appends from this process to one stream are queued rather than raced.
 *
 * See global-position.ts for how globalPosition maps to EventStoreDB's $all positions.
 */
export class EventStoreDbEventStore implements EventStore {
  /** $all positions are commit and prepare positions in the server's log, with gaps between events. */
  readonly densePositions = false;
  private readonly client: EventStoreDBClient;
  private readonly now: () => Date;
  private readonly policy: ResubscribePolicy;
  private readonly maxAppendAttempts: number;
  private readonly appendQueue = new KeyedSerialQueue();
  private readonly openFeeds = new Set<() => void>();
  private closed = false;
  private observer?: AppendObserver;

  constructor(connectionString: string, options: EventStoreDbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.now = options.now ?? (() => new Date());
    this.policy = { ...DEFAULT_RESUBSCRIBE_POLICY, ...options.resubscribe };
    this.maxAppendAttempts = options.maxAppendAttempts ?? 20;
  }

  /** The client connects lazily and reconnects by itself, so there is nothing to wait for here. */
  static async connect(connectionString: string, options?: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    return new EventStoreDbEventStore(connectionString, options);
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertValidAppend(streamId, events);
    assertValidExpectedRevision(expectedRevision);
    for (const event of events) assertNoReservedMetadata(event.metadata);
    return this.appendQueue.run(streamId, async () => {
      const started = performance.now();
      try {
        const result = await this.appendNow(streamId, events, expectedRevision);
        tell(this.observer, (observer) => {
          observer.appended(result.idempotentReplay ? 'replayed' : 'written');
          // Each append is its own write to the server: a commit group of one.
          if (!result.idempotentReplay)
            observer.committed({ appends: 1, events: result.events.length, seconds: (performance.now() - started) / 1000 });
        });
        return result;
      } catch (error) {
        const refused = asLedgerError(error, `appending to ${streamId}`);
        tell(this.observer, (observer) => observer.appended(refused instanceof ConcurrencyError ? 'conflict' : 'failed'));
        throw refused;
      }
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    try {
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision ?? (backwards ? END : START);
      const found = await this.readStreamEvents(streamId, backwards, from, options.maxCount ?? Number.MAX_SAFE_INTEGER);
      return await this.placeAll(found);
    } catch (error) {
      throw asLedgerError(error, `reading ${streamId}`);
    }
  }

  /** EventStoreDB reads one stream per call: READS_AT_ONCE of them in flight on the one connection. */
  async readStreams(streamIds: readonly string[]): Promise<ReadonlyMap<string, RecordedEvent[]>> {
    const unique = [...new Set(streamIds)];
    const found = new Map<string, RecordedEvent[]>();
    let next = 0;
    const reader = async () => {
      while (next < unique.length) {
        const streamId = unique[next++]!;
        found.set(streamId, await this.readStream(streamId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, unique.length) }, reader));
    return new Map(unique.map((streamId) => [streamId, found.get(streamId)!]));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const batchSize = options.batchSize ?? 1000;
    const pageSize = Math.min(MAX_ALL_PAGE, Math.max(MIN_ALL_PAGE, batchSize));
    let cursor = positionOfGlobal(options.after ?? 0);
    let batch: RecordedEvent[] = [];
    for (;;) {
      this.assertOpen();
      const page = await this.readAllPage(cursor ?? START, FORWARDS, pageSize);
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || (cursor && comparePositions(event.position, cursor) <= 0)) continue;
        cursor = event.position;
        if (!isLedgerEvent(event)) continue;
        batch.push(placed(fromEsdbEvent(event), globalPositionOf(event.position)));
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (page.length < pageSize) break;
    }
    if (batch.length > 0) yield batch;
  }

  subscribeToAll(after = 0): Observable<RecordedEvent> {
    if (this.closed) return throwError(() => new StoreUnavailableError('The event store is closed'));
    return resubscribingAllFeed(
      () => this.client,
      after,
      this.policy,
      (stop) => {
        this.openFeeds.add(stop);
        return () => this.openFeeds.delete(stop);
      },
    );
  }

  async headPosition(): Promise<number> {
    let before: ReadPosition = END;
    for (;;) {
      this.assertOpen();
      const page = await this.readAllPage(before, BACKWARDS, MIN_ALL_PAGE);
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || (before !== END && comparePositions(event.position, before as Position) >= 0)) continue;
        if (isLedgerEvent(event)) return globalPositionOf(event.position);
      }
      const last = page[page.length - 1]?.event;
      if (page.length < MIN_ALL_PAGE || !last) return 0;
      before = last.position;
    }
  }

  /** Through the client, as every read: the server's log is the only copy of the events there is. */
  ledgerSource(): LedgerSource {
    return {
      densePositions: false,
      events: () => this.readAll({ batchSize: 2000 }),
      readableStream: (streamId) => this.readStream(streamId),
      close: async () => {},
    };
  }

  observeAppends(observer: AppendObserver): void {
    this.observer = observer;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.openFeeds]) stop();
    await this.client.dispose();
  }

  private async appendNow(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const { head, alreadyStored } = await this.inspectStream(streamId, events);
      const actual: ActualRevision = head ? head.streamRevision : 'no-stream';
      const stored = new Map([...alreadyStored].map(([eventId, found]) => [eventId, found.event]));
      const decision = decideAppend({ streamId, events, expected, actual, alreadyStored: stored });
      if (decision.kind === 'replay') {
        return result(await this.placeAll(decision.events.map((event) => alreadyStored.get(event.eventId) as StreamEvent)), true);
      }

      const sealed = this.seal(streamId, events, head);
      const appendId = randomUUID();
      try {
        await this.client.appendToStream(
          streamId,
          sealed.map((event) => toEventData(event, appendId)),
          {
            expectedRevision: head ? BigInt(head.streamRevision) : NO_STREAM,
          },
        );
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        // Another process appended between our read and our write. Looking again settles it: a
        // repeat, a conflict for an exact expectation, or one more try for 'any'/'stream-exists'.
        if (attempt >= this.maxAppendAttempts) {
          const current = error.actualVersion;
          throw new ConcurrencyError(streamId, expected, typeof current === 'bigint' ? Number(current) : 'no-stream');
        }
        // A random pause, so writers that keep colliding stop doing it in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        continue;
      }

      const written = await this.readStreamEvents(streamId, false, BigInt(sealed[0].streamRevision), sealed.length);
      if (written.length === sealed.length && written.every((found) => found.appendId === appendId)) {
        return result(await this.placeAll(written), false);
      }
      // EventStoreDB found the same event ids right after the revision we sent (another process
      // wrote this very append meanwhile) and answered success without writing: look again.
    }
  }

  /** The last event of the stream and the stream's events that carry one of the new ids. */
  private async inspectStream(
    streamId: string,
    events: readonly NewEvent[],
  ): Promise<{ head: UnplacedEvent | undefined; alreadyStored: Map<string, StreamEvent> }> {
    const wanted = new Set(events.map((event) => event.eventId));
    const alreadyStored = new Map<string, StreamEvent>();
    let head: UnplacedEvent | undefined;
    let from: bigint | typeof END = END;
    for (;;) {
      const page = await this.readStreamEvents(streamId, true, from, STREAM_PAGE);
      head ??= page[0]?.event;
      for (const found of page) if (wanted.has(found.event.eventId)) alreadyStored.set(found.event.eventId, found);
      const oldest = page[page.length - 1]?.event;
      if (page.length < STREAM_PAGE || !oldest || oldest.streamRevision === 0) return { head, alreadyStored };
      from = BigInt(oldest.streamRevision - 1);
    }
  }

  private seal(streamId: string, events: readonly NewEvent[], head: UnplacedEvent | undefined): UnplacedEvent[] {
    const recordedAt = this.now().toISOString();
    let previousHash = head ? head.hash : null;
    let streamRevision = head ? head.streamRevision + 1 : 0;
    return events.map(({ eventId, type, schemaVersion, data, metadata }) => {
      const envelope = { eventId, type, schemaVersion, data, metadata, streamId, streamRevision, recordedAt, previousHash };
      const sealed = { ...envelope, hash: hashEnvelope(envelope) };
      previousHash = sealed.hash;
      streamRevision += 1;
      return sealed;
    });
  }

  private async readStreamEvents(
    streamId: string,
    backwards: boolean,
    from: bigint | number | typeof START | typeof END,
    maxCount: number,
  ): Promise<StreamEvent[]> {
    if (maxCount <= 0) return [];
    const found: StreamEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: typeof from === 'number' ? BigInt(from) : from,
        maxCount,
      });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (!resolved.event) continue;
        found.push({ event: fromEsdbEvent(resolved.event), position: resolved.event.position, appendId: appendIdOf(resolved.event) });
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return found;
  }

  private async readAllPage(
    from: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    try {
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ fromPosition: from, direction, maxCount })) page.push(resolved);
      return page;
    } catch (error) {
      throw asLedgerError(error, 'reading $all');
    }
  }

  /**
   * Gives stream events their globalPosition. Servers since 22.6 send it with a stream read; for
   * older ones the events are looked up in $all, newest first, which is cheap for what was just
   * appended and costly for old events (upgrade the server rather than rely on it).
   */
  private async placeAll(found: readonly StreamEvent[]): Promise<RecordedEvent[]> {
    const missing = new Map<string, UnplacedEvent>();
    for (const { event, position } of found) if (!hasKnownPosition(position)) missing.set(event.eventId, event);
    const located = missing.size > 0 ? await this.locateInAll(missing) : new Map<string, Position>();
    return found.map(({ event, position }) =>
      placed(event, globalPositionOf(hasKnownPosition(position) ? position : (located.get(event.eventId) as Position))),
    );
  }

  private async locateInAll(missing: ReadonlyMap<string, UnplacedEvent>): Promise<Map<string, Position>> {
    const located = new Map<string, Position>();
    let before: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(before, BACKWARDS, MAX_ALL_PAGE);
      for (const { event } of page) {
        if (event && missing.get(event.id)?.streamId === event.streamId) located.set(event.id, event.position);
      }
      const last = page[page.length - 1]?.event;
      if (located.size === missing.size) return located;
      if (page.length < MAX_ALL_PAGE || !last)
        throw new Error(`Events ${[...missing.keys()].filter((id) => !located.has(id)).join(', ')} are not in $all`);
      before = last.position;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }
}

function result(events: readonly RecordedEvent[], idempotentReplay: boolean): AppendResult {
  const last = events[events.length - 1];
  return { nextExpectedRevision: last.streamRevision, lastGlobalPosition: last.globalPosition, events, idempotentReplay };
}
