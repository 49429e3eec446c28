import Database from 'better-sqlite3';
import { createPrivateFile } from '../data-folder.js';
import { Observable, Subject } from 'rxjs';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
} from '../event-store.port.js';
import { tell, type AppendObserver, type AppendOutcome } from '../append-observer.js';
import { ConcurrencyError, EventIdReusedError, StoreUnavailableError } from '../ledger.errors.js';
import { assertValidAppend, type EncodedEvent } from '../new-event.validation.js';
import { assertValidExpectedRevision, expectationHolds, replayStartsAtExpectedPlace } from '../expected-revision.js';
import { canonicalEnvelopeOf, sha256Hex } from '../event-hash.js';
import { applyDurablePragmas, applySchema } from './sqlite-schema.js';
import { toRecordedEvent, type EventRow } from './sqlite-event-row.js';
import type { LedgerSource, StoredFeedAddress } from '../ledger-source.js';
import { SqliteLedgerFile } from './sqlite-ledger-file.js';

/** One stream's append, checked and encoded, ready to be written. */
interface StreamWrite {
  readonly streamId: string;
  readonly events: readonly EncodedEvent[];
  readonly expected: ExpectedRevision;
}

interface PendingAppend extends StreamWrite {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export interface SqliteEventStoreOptions {
  /** The store's clock for recordedAt; injectable so tests can pin it. */
  readonly now?: () => Date;
  /** How often to look for appends made by another process on the same file (the CLI). */
  readonly externalChangePollMs?: number;
}

const SUBSCRIPTION_BATCH = 500;
const KNOWN_HEADS_LIMIT = 10_000;
/** Streams named by one query of readStreams: a read short enough not to hold up the group commit for long. */
const STREAMS_PER_READ = 500;

/**
 * The embedded store on better-sqlite3. Appends are queued and written by one transaction per turn
 * of the event loop (group commit): one fsync for every caller in the group, while each caller's
 * append runs in its own savepoint, so each still gets its own success or its own conflict.
 */
export class SqliteEventStore implements EventStore {
  readonly densePositions = true;
  readonly storedFeed: StoredFeedAddress;
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly pollMs: number;
  private readonly committed = new Subject<void>();
  private queue: PendingAppend[] = [];
  /**
   * The head of each stream this store appended to alone (see appendAlone), so a lone writer skips
   * the head lookup. It can only be behind the file (another connection appended), never ahead: a
   * stale head makes the INSERT collide with UNIQUE(stream_id, stream_revision), and the append falls
   * back to the transactional path, which reads the head afresh.
   */
  private readonly knownHeads = new Map<string, { readonly stream_revision: number; readonly hash: string }>();
  private flushScheduled = false;
  private closed = false;
  private observer?: AppendObserver;

  private readonly selectHead;
  private readonly selectById;
  private readonly selectPositionById;
  private readonly insertEvent;
  private readonly selectAfter;
  private readonly selectForwards;
  private readonly selectBackwards;
  private readonly selectMaxPosition;
  private readonly selectStreams;
  private readonly appendGroup;
  private readonly appendInSavepoint;
  private readonly appendBatchAtOnce;
  private readonly appendBatchStreamByStream;

  constructor(filename: string, options: SqliteEventStoreOptions = {}) {
    this.storedFeed = { adapter: 'sqlite', file: filename };
    createPrivateFile(filename);
    this.db = new Database(filename);
    applyDurablePragmas(this.db);
    applySchema(this.db);
    this.now = options.now ?? (() => new Date());
    this.pollMs = options.externalChangePollMs ?? 200;
    this.selectHead = this.db.prepare<[string], Pick<EventRow, 'stream_revision' | 'hash'>>(
      'SELECT stream_revision, hash FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1',
    );
    this.selectById = this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE event_id = ?');
    // Answered from the unique index on event_id alone (it holds the rowid, which is the position).
    this.selectPositionById = this.db.prepare<[string], number>('SELECT global_position FROM events WHERE event_id = ?').pluck();
    // Positional parameters: binding from an object by name measured 2-3 us more per row.
    this.insertEvent = this.db.prepare<[string, string, number, string, number, string, string, string, string | null, string]>(
      `INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectAfter = this.db.prepare<[number, number], EventRow>(
      'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    );
    this.selectForwards = this.db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?',
    );
    this.selectBackwards = this.db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?',
    );
    this.selectStreams = this.db.prepare<[string], EventRow>(
      'SELECT * FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, stream_revision',
    );
    this.selectMaxPosition = this.db.prepare<[], { head: number | null }>('SELECT max(global_position) AS head FROM events');
    this.appendInSavepoint = this.db.transaction((pending: StreamWrite, recordedAt: string) => this.write(pending, recordedAt));
    this.appendGroup = this.db.transaction((group: PendingAppend[], recordedAt: string) =>
      group.map((pending): Outcome => {
        try {
          return { ok: true, result: this.appendInSavepoint(pending, recordedAt) };
        } catch (error) {
          return this.afterRollback(pending, error);
        }
      }),
    );
    this.appendBatchAtOnce = this.db.transaction((batch: readonly StreamWrite[], recordedAt: string) =>
      batch.map((stream) => this.write(stream, recordedAt)),
    );
    this.appendBatchStreamByStream = this.db.transaction((batch: readonly StreamWrite[], recordedAt: string) =>
      batch.map((stream) => {
        let outcome: Outcome;
        try {
          outcome = { ok: true, result: this.appendInSavepoint(stream, recordedAt) };
        } catch (error) {
          outcome = this.afterRollback(stream, error);
        }
        if (!outcome.ok) throw outcome.error;
        return outcome.result;
      }),
    );
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    let encoded: EncodedEvent[];
    try {
      if (this.closed) throw new StoreUnavailableError('The event store is closed');
      encoded = assertValidAppend(streamId, events);
      assertValidExpectedRevision(expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events: encoded, expected: expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * The batch in one transaction of its own, each stream's events inserted straight into it: no
   * savepoint per stream, since the batch stands or falls as a whole (a savepoint has SQLite copy each
   * page it changes to a statement journal, which measured about as much again as the inserts). What
   * was queued before is written first, so appends are still written in the order they were made.
   */
  appendStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    let batch: StreamWrite[];
    try {
      if (this.closed) throw new StoreUnavailableError('The event store is closed');
      batch = appends.map(({ streamId, events, expectedRevision }) => {
        const encoded = assertValidAppend(streamId, events);
        assertValidExpectedRevision(expectedRevision);
        return { streamId, events: encoded, expected: expectedRevision };
      });
    } catch (error) {
      return Promise.reject(error);
    }
    if (batch.length === 0) return Promise.resolve([]);
    if (this.queue.length > 0) this.flush();
    for (const stream of batch) this.knownHeads.delete(stream.streamId);
    const started = performance.now();
    let results: AppendResult[];
    try {
      results = this.appendBatch(batch, this.now().toISOString());
    } catch (error) {
      const refusal = error instanceof ConcurrencyError || error instanceof EventIdReusedError;
      tell(this.observer, (observer) => batch.forEach(() => observer.appended(refusal ? outcomeOf({ ok: false, error }) : 'failed')));
      if (refusal) return Promise.reject(error);
      return Promise.reject(new StoreUnavailableError(`The event store could not commit: ${(error as Error).message}`, { cause: error }));
    }
    this.report(
      results.map((result) => ({ ok: true, result })),
      (performance.now() - started) / 1000,
    );
    if (results.some((result) => !result.idempotentReplay)) this.committed.next();
    return Promise.resolve(results);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.selectBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.selectForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  /** One indexed query per STREAMS_PER_READ streams, the ids bound as one JSON array. */
  async readStreams(streamIds: readonly string[]): Promise<ReadonlyMap<string, RecordedEvent[]>> {
    this.assertOpen();
    const found = new Map<string, RecordedEvent[]>();
    const unique = [...new Set(streamIds)];
    for (const streamId of unique) found.set(streamId, []);
    for (let start = 0; start < unique.length; start += STREAMS_PER_READ) {
      for (const row of this.selectStreams.all(JSON.stringify(unique.slice(start, start + STREAMS_PER_READ)))) {
        found.get(row.stream_id)!.push(toRecordedEvent(row));
      }
    }
    return found;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const batchSize = options.batchSize ?? 1000;
    let after = options.after ?? 0;
    for (;;) {
      this.assertOpen();
      const rows = this.selectAfter.all(after, batchSize);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].global_position;
      yield rows.map(toRecordedEvent);
      if (rows.length < batchSize) return;
    }
  }

  subscribeToAll(after = 0): Observable<RecordedEvent> {
    return new Observable<RecordedEvent>((subscriber) => {
      let last = after;
      let pumping = false;
      let again = false;
      let dataVersion = -1;
      // Reads everything after the last delivered position: positions are dense and only grow, so the
      // catch-up and the live phase are the same loop and there is no seam to get wrong.
      const pump = (): void => {
        if (pumping) {
          again = true;
          return;
        }
        pumping = true;
        try {
          if (this.closed || subscriber.closed) return;
          const rows = this.selectAfter.all(last, SUBSCRIPTION_BATCH);
          for (const row of rows) {
            if (subscriber.closed) return;
            last = row.global_position;
            subscriber.next(toRecordedEvent(row));
          }
          if (rows.length === SUBSCRIPTION_BATCH) again = true;
        } catch (error) {
          subscriber.error(error);
          return;
        } finally {
          pumping = false;
        }
        if (again) {
          again = false;
          setImmediate(pump); // let the event loop breathe between batches of a long catch-up
        }
      };
      const onCommit = this.committed.subscribe({ next: pump, complete: () => subscriber.complete() });
      const poll = setInterval(() => {
        if (this.closed) return;
        const version = this.db.pragma('data_version', { simple: true }) as number;
        if (version !== dataVersion) {
          dataVersion = version;
          pump();
        }
      }, this.pollMs);
      poll.unref();
      setImmediate(pump);
      return () => {
        onCommit.unsubscribe();
        clearInterval(poll);
      };
    });
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.selectMaxPosition.get()?.head ?? 0;
  }

  async positionOfEvent(eventId: string): Promise<number | undefined> {
    this.assertOpen();
    return this.selectPositionById.get(eventId);
  }

  /** A read-only connection of its own, each row taken as stored: a row that no longer parses is reported at its place. */
  ledgerSource(): LedgerSource {
    this.assertOpen();
    return new SqliteLedgerFile(this.db);
  }

  observeAppends(observer: AppendObserver): void {
    this.observer = observer;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    this.committed.complete();
    this.db.close();
  }

  /** Runs a group of queued appends in one durable transaction and answers every caller. */
  private flush(): void {
    this.flushScheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: Outcome[];
    const started = performance.now();
    try {
      const recordedAt = this.now().toISOString();
      outcomes = this.appendAlone(group, recordedAt) ?? this.appendInGroup(group, recordedAt);
    } catch (error) {
      // The commit itself failed (disk full, file locked too long): nothing of the group is written.
      const failure = new StoreUnavailableError(`The event store could not commit: ${(error as Error).message}`, { cause: error });
      for (const pending of group) pending.reject(failure);
      tell(this.observer, (observer) => group.forEach(() => observer.appended('failed')));
      return;
    }
    this.report(outcomes, (performance.now() - started) / 1000);
    group.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    if (outcomes.some((outcome) => outcome.ok && !outcome.result.idempotentReplay)) this.committed.next();
  }

  private report(outcomes: readonly Outcome[], seconds: number): void {
    tell(this.observer, (observer) => {
      let events = 0;
      for (const outcome of outcomes) {
        if (outcome.ok && !outcome.result.idempotentReplay) events += outcome.result.events.length;
        observer.appended(outcomeOf(outcome));
      }
      observer.committed({ appends: outcomes.length, events, seconds });
    });
  }

  /**
   * A group of one single-event append needs no explicit transaction: one INSERT is atomic and
   * durable by itself, and the UNIQUE(stream_id, stream_revision) index refuses it if another
   * connection appended after the head was read. Saves BEGIN, SAVEPOINT, RELEASE and COMMIT on the
   * path of a lone writer. Undefined (nothing written) sends the append down the transactional path,
   * which settles every unusual case: a repeat, a reused id, a race with another process.
   */
  private appendAlone(group: readonly PendingAppend[], recordedAt: string): Outcome[] | undefined {
    if (group.length !== 1 || group[0].events.length !== 1) return undefined;
    const [pending] = group;
    const { streamId } = pending;
    const head = this.knownHeads.get(streamId) ?? this.selectHead.get(streamId);
    if (!expectationHolds(pending.expected, head ? head.stream_revision : 'no-stream')) return undefined;
    try {
      const result = this.insertAll(pending, recordedAt, head ? head.hash : null, head ? head.stream_revision + 1 : 0);
      const last = result.events[result.events.length - 1];
      if (this.knownHeads.size >= KNOWN_HEADS_LIMIT) this.knownHeads.clear();
      this.knownHeads.set(streamId, { stream_revision: last.streamRevision, hash: last.hash });
      return [{ ok: true, result }];
    } catch (error) {
      this.knownHeads.delete(streamId);
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  private appendInGroup(group: PendingAppend[], recordedAt: string): Outcome[] {
    for (const pending of group) this.knownHeads.delete(pending.streamId);
    return this.appendGroup.immediate(group, recordedAt);
  }

  /**
   * An event id the store holds already makes the INSERT fail, and only the savepoints of the stream by
   * stream path tell a faithful repeat (answered as a replay) from a misuse (see afterRollback); so the
   * batch is tried at once first, and again stream by stream, in the same all-or-nothing way, after such a failure.
   */
  private appendBatch(batch: readonly StreamWrite[], recordedAt: string): AppendResult[] {
    try {
      return this.appendBatchAtOnce.immediate(batch, recordedAt);
    } catch (error) {
      if (!isUniqueEventIdViolation(error)) throw error;
      return this.appendBatchStreamByStream.immediate(batch, recordedAt);
    }
  }

  private write(pending: StreamWrite, recordedAt: string): AppendResult {
    const { streamId, expected } = pending;
    const head = this.selectHead.get(streamId);
    const actual = head ? head.stream_revision : 'no-stream';
    if (!expectationHolds(expected, actual)) {
      const replay = this.findReplay(pending);
      if (replay) return replay;
      throw new ConcurrencyError(streamId, expected, actual);
    }
    return this.insertAll(pending, recordedAt, head ? head.hash : null, head ? head.stream_revision + 1 : 0);
  }

  private insertAll(pending: StreamWrite, recordedAt: string, previousHash: string | null, streamRevision: number): AppendResult {
    const { streamId, events } = pending;
    const recorded: RecordedEvent[] = [];
    for (const { event, dataJson, metadataJson } of events) {
      const { eventId, type, schemaVersion, data, metadata } = event;
      const envelope = { eventId, type, schemaVersion, data, metadata, streamId, streamRevision, recordedAt, previousHash };
      const hash = sha256Hex(canonicalEnvelopeOf(envelope, dataJson, metadataJson));
      const info = this.insertEvent.run(
        eventId,
        streamId,
        streamRevision,
        type,
        schemaVersion,
        dataJson,
        metadataJson,
        recordedAt,
        previousHash,
        hash,
      );
      recorded.push({ ...envelope, globalPosition: Number(info.lastInsertRowid), hash });
      previousHash = hash;
      streamRevision += 1;
    }
    const last = recorded[recorded.length - 1];
    return {
      nextExpectedRevision: last.streamRevision,
      lastGlobalPosition: last.globalPosition,
      events: recorded,
      idempotentReplay: false,
    };
  }

  /** After a savepoint was rolled back: a duplicate event id is either a faithful repeat or a misuse. */
  private afterRollback(pending: StreamWrite, error: unknown): Outcome {
    if (!isUniqueEventIdViolation(error)) return { ok: false, error };
    try {
      const replay = this.findReplay(pending);
      if (replay) return { ok: true, result: replay };
      const reused = pending.events.find(({ event }) => this.selectById.get(event.eventId) !== undefined) ?? pending.events[0];
      return { ok: false, error: new EventIdReusedError(reused.event.eventId, 'by a different append') };
    } catch (reuse) {
      return { ok: false, error: reuse };
    }
  }

  /**
   * The first result of an append whose events are all already stored, consecutively and in order,
   * in the same stream at the place the expectation names; throws when an id was used for another
   * event. Undefined when this is not a repeat.
   */
  private findReplay(pending: StreamWrite): AppendResult | undefined {
    const stored = pending.events.map(({ event }) => this.selectById.get(event.eventId));
    if (stored.every((row) => row === undefined)) return undefined;
    pending.events.forEach(({ event, dataJson }, index) => {
      const row = stored[index];
      if (row === undefined) return;
      if (row.stream_id !== pending.streamId) throw new EventIdReusedError(event.eventId, `in stream ${row.stream_id}`);
      // Same content: the same type, schema version and data (stored as canonical JSON, so bytes compare).
      if (row.type !== event.type || row.schema_version !== event.schemaVersion || row.data !== dataJson) {
        throw new EventIdReusedError(event.eventId, `for an event with different content at revision ${row.stream_revision}`);
      }
    });
    const rows = stored as EventRow[];
    const consecutive = rows.every((row, index) => row !== undefined && row.stream_revision === rows[0].stream_revision + index);
    if (!consecutive || !replayStartsAtExpectedPlace(pending.expected, rows[0].stream_revision)) return undefined;
    const events = rows.map(toRecordedEvent);
    const last = events[events.length - 1];
    return { nextExpectedRevision: last.streamRevision, lastGlobalPosition: last.globalPosition, events, idempotentReplay: true };
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }
}

function outcomeOf(outcome: Outcome): AppendOutcome {
  if (outcome.ok) return outcome.result.idempotentReplay ? 'replayed' : 'written';
  return outcome.error instanceof ConcurrencyError ? 'conflict' : 'failed';
}

/**
 * Duck-typed on purpose, not `instanceof Error`: better-sqlite3's native addon is loaded once per
 * process and builds its SqliteError from the realm that loaded it first, so under Jest (one VM
 * context per test file, one addon per worker) the errors of every later test file fail `instanceof`.
 */
function isUniqueEventIdViolation(error: unknown): boolean {
  return isUniqueViolation(error) && String((error as { message?: unknown }).message).includes('events.event_id');
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}
