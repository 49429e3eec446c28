import { checkCommit, type ExpectedVersion } from './commit-check.js';

/**
 * One event as the fake server keeps it. Every event a gRPC append writes is its own committed
 * prepare record on a real server, so its commit and prepare positions are the same number: the
 * byte offset of the record in the transaction log.
 */
export interface StoredRecord {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's "created" metadata carries them. */
  readonly created: bigint;
}

export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export type AppendOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly lastRevision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: bigint | 'no-stream' };

export type RevisionStart = 'start' | 'end' | bigint;

/** A real log starts with an epoch record, so the first event is never at position 0. */
const FIRST_POSITION = 128n;
/** The fixed part of a prepare record's size on disk, roughly; positions only need to look real. */
const RECORD_OVERHEAD = 100n;

/**
 * The whole "database" of the fake server: the transaction log ($all), each stream's events and the
 * committed-event-id table the idempotency check consults. Kept outside the gRPC server so it
 * survives dropConnections(), as a real server's data survives a network failure.
 */
export class InMemoryLog {
  private readonly records: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  /** EventStoreDB keeps a bounded cache of recently committed event ids; the fake keeps all of them. */
  private readonly committedIds = new Map<string, StoredRecord>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = FIRST_POSITION;

  get length(): number {
    return this.records.length;
  }

  at(index: number): StoredRecord {
    return this.records[index];
  }

  append(streamId: string, expected: ExpectedVersion, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const decision = checkCommit(
      streamId,
      stream,
      (eventId) => this.committedIds.get(eventId),
      expected,
      events.map((event) => event.eventId),
    );
    if (decision.kind === 'wrong-expected-version') {
      return { kind: 'wrong-expected-version', currentRevision: stream.length === 0 ? 'no-stream' : BigInt(stream.length - 1) };
    }
    if (decision.kind === 'idempotent') {
      const last = stream[Number(decision.lastRevision)];
      return { kind: 'idempotent', lastRevision: last.revision, position: last.position };
    }
    const created = BigInt(Date.now()) * 10_000n;
    for (const event of events) {
      const record: StoredRecord = { ...event, streamId, revision: BigInt(stream.length), position: this.nextPosition, created };
      this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.metadata.length + streamId.length + event.type.length);
      stream.push(record);
      this.records.push(record);
      this.committedIds.set(record.eventId, record);
    }
    this.streams.set(streamId, stream);
    const last = stream[stream.length - 1];
    for (const listener of [...this.listeners]) listener();
    return { kind: 'written', lastRevision: last.revision, position: last.position };
  }

  /** undefined when the stream does not exist (a real server answers StreamNotFound). */
  readStream(streamId: string, from: RevisionStart, backwards: boolean, count: bigint): StoredRecord[] | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    const length = stream.length;
    const limit = count > BigInt(length) ? length : Number(count);
    if (backwards) {
      // Backwards from a revision past the end starts at the last event, as on a real server.
      const start = from === 'end' ? length - 1 : from === 'start' ? 0 : Math.min(Number(from), length - 1);
      return stream.slice(Math.max(0, start - limit + 1), start + 1).reverse();
    }
    const start = from === 'start' ? 0 : from === 'end' ? length : Number(from);
    return stream.slice(start, start + limit);
  }

  /**
   * $all as a real server reads it: forwards from a position is inclusive (the event at that
   * position comes first), backwards from a position is exclusive (events strictly before it).
   */
  readAll(from: RevisionStart, backwards: boolean, count: bigint, accept: (record: StoredRecord) => boolean = () => true): StoredRecord[] {
    const result: StoredRecord[] = [];
    if (backwards) {
      let index = from === 'end' ? this.records.length - 1 : from === 'start' ? -1 : this.lastIndexBefore(from);
      for (; index >= 0 && BigInt(result.length) < count; index--) if (accept(this.records[index])) result.push(this.records[index]);
      return result;
    }
    let index = from === 'start' ? 0 : from === 'end' ? this.records.length : this.firstIndexAtOrAfter(from);
    for (; index < this.records.length && BigInt(result.length) < count; index++)
      if (accept(this.records[index])) result.push(this.records[index]);
    return result;
  }

  firstIndexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.records[middle].position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private lastIndexBefore(position: bigint): number {
    return this.firstIndexAtOrAfter(position) - 1;
  }

  /** Called after every write; subscriptions use it to go on from where they are. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
