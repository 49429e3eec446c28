import type { JsonObject } from './json.js';

/** A fact of the domain as a decider emits it: a past-tense type and the data it needs. */
export interface DomainEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  readonly type: Type;
  readonly data: Data;
}

/** A domain event as it comes back from the ledger: with its id and when it happened. */
export type Fact<Event extends DomainEvent> = Event & { readonly eventId: string; readonly occurredAt: string };

/** What every decision is given besides the command: time and actor are inputs, never looked up. */
export interface DecisionContext {
  /** The server's clock when the command arrived. */
  readonly now: Date;
  /** When the fact happened in the world (from the request, defaulting to now), ISO-8601 with offset. */
  readonly occurredAt: string;
  readonly actor: string;
}

/**
 * The pure core of an aggregate: decide turns a command and the current state into new events (or
 * throws a DomainError); evolve folds one fact into the state. No I/O, no clock, no framework.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  decide(command: Command, state: State, context: DecisionContext): readonly Event[];
  evolve(state: State, fact: Fact<Event>): State;
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  facts: readonly Fact<Event>[],
): State {
  return facts.reduce(decider.evolve, decider.initialState);
}
