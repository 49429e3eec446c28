import type { Decider, DomainEvent } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { foldStream } from './command-handler.js';
import type { EventStore } from './event-store.port.js';

export interface AggregateSnapshot<State> {
  readonly state: State;
  /** The ETag: the stream's last revision. */
  readonly revision: number;
}

/** The current state of one aggregate, folded from its stream; an empty stream is a 404. */
export async function readAggregate<Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  what: string,
): Promise<AggregateSnapshot<State>> {
  const recorded = await store.readStream(streamId);
  if (recorded.length === 0) throw new DomainError('NOT_FOUND', `${what} does not exist.`, 'not-found');
  return { state: foldStream(decider, recorded), revision: recorded[recorded.length - 1].streamRevision };
}
