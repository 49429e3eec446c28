import type { Decider, DomainEvent, Fact } from '../domain-kit/decider.js';
import { foldStream } from '../ledger/command-handler.js';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../ledger/event-store.port.js';
import { UnitDirectory } from '../organisation/unit-directory.js';
import { unitDecider, type UnitState } from '../organisation/unit.decider.js';
import { unitStream } from '../organisation/unit.events.js';
import { OfficialDirectory } from '../officials/official-directory.js';
import { officialDecider, type OfficialState } from '../officials/official.decider.js';
import { officialStream } from '../officials/official.events.js';

export type AnyDecider = Pick<Decider<unknown, DomainEvent, unknown>, 'initialState' | 'evolve'>;

/** One stream as the import sees it: what the store held when first read, plus what the import decided for it. */
export interface ImportStream {
  readonly streamId: string;
  /** The store's revision when the import read it: the expected revision of its append. */
  readonly expected: ExpectedRevision;
  readonly eventIds: Set<string>;
  state: unknown;
  readonly pending: NewEvent[];
}

/**
 * The ledger as it will be once the rows accepted so far are written: each stream read from the store
 * once, then folded forward in memory with every event the import decided. Rows are decided against
 * it in file order, so a row may name a unit or official registered by an earlier row of the file,
 * exactly as if the rows had been sent to the API one after another; nothing is written meanwhile.
 */
export class ImportView {
  private readonly streams = new Map<string, ImportStream>();

  constructor(private readonly store: EventStore) {}

  async stream(streamId: string, decider: AnyDecider): Promise<ImportStream> {
    return this.streams.get(streamId) ?? this.known(streamId, decider, await this.store.readStream(streamId));
  }

  /** Reads, in one call of the store, every stream of the list the view does not hold yet (the streams a batch of rows is about). */
  async readAhead(streams: ReadonlyMap<string, AnyDecider>): Promise<void> {
    const unread = [...streams.keys()].filter((streamId) => !this.streams.has(streamId));
    if (unread.length === 0) return;
    for (const [streamId, recorded] of await this.store.readStreams(unread)) this.known(streamId, streams.get(streamId)!, recorded);
  }

  private known(streamId: string, decider: AnyDecider, recorded: readonly RecordedEvent[]): ImportStream {
    const stream: ImportStream = {
      streamId,
      expected: recorded.length === 0 ? 'no-stream' : recorded[recorded.length - 1].streamRevision,
      eventIds: new Set(recorded.map((event) => event.eventId)),
      state: foldStream(decider, recorded),
      pending: [],
    };
    this.streams.set(streamId, stream);
    return stream;
  }

  async state<State>(streamId: string, decider: Pick<Decider<unknown, DomainEvent, State>, 'initialState' | 'evolve'>): Promise<State> {
    return (await this.stream(streamId, decider as AnyDecider)).state as State;
  }

  /** Folds a row's new events into its stream and keeps them for the write. */
  record(stream: ImportStream, decider: AnyDecider, events: readonly NewEvent[]): void {
    for (const event of events) {
      const fact: Fact<DomainEvent> = { type: event.type, data: event.data, eventId: event.eventId, occurredAt: event.metadata.occurredAt };
      stream.state = decider.evolve(stream.state, fact);
      stream.eventIds.add(event.eventId);
      stream.pending.push(event);
    }
  }

  /** The streams with something to write, in the order the import first touched them. */
  toWrite(): ImportStream[] {
    return [...this.streams.values()].filter((stream) => stream.pending.length > 0);
  }
}

/** The unit directory of the API, reading units from the import's view instead of the store alone. */
export class ImportUnitDirectory extends UnitDirectory {
  constructor(
    store: EventStore,
    private readonly view: ImportView,
  ) {
    super(store);
  }

  override state(unitId: string): Promise<UnitState> {
    return this.view.state(unitStream(unitId), unitDecider);
  }
}

/** The official directory of the API, reading officials from the import's view. */
export class ImportOfficialDirectory extends OfficialDirectory {
  constructor(
    store: EventStore,
    private readonly view: ImportView,
  ) {
    super(store);
  }

  override state(officialId: string): Promise<OfficialState> {
    return this.view.state(officialStream(officialId), officialDecider);
  }
}
