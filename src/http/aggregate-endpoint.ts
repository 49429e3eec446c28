import type { Response } from 'express';
import type { Decider, DomainEvent } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { readAggregate, type AggregateSnapshot } from '../ledger/aggregate-reader.js';
import type { CommandEnvelope, CommandHandler, CommandResult } from '../ledger/command-handler.js';
import type { EventStore } from '../ledger/event-store.port.js';
import { CommandAnswer } from './command-answer.interceptor.js';
import { etagOf } from './command-request.js';

export interface AggregateDescription<Command, Event extends DomainEvent, State> {
  readonly decider: Decider<Command, Event, State>;
  readonly streamOf: (id: string) => string;
  /** How a sentence names it: "Unit", "Case"... */
  readonly name: string;
  /** The decider's refusal of a command on an aggregate that does not exist, e.g. CASE.NOT_FOUND. */
  readonly notFoundCode: string;
  readonly view: (state: State) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** What every aggregate's HTTP API does alike: show it with its ETag, create it, act on it. */
export class AggregateEndpoint<Command, Event extends DomainEvent, State> {
  constructor(
    private readonly aggregate: AggregateDescription<Command, Event, State>,
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
  ) {}

  /** The aggregate now; 404 NOT_FOUND when its stream is empty. */
  read(id: string): Promise<AggregateSnapshot<State>> {
    return readAggregate(this.store, this.aggregate.decider, this.aggregate.streamOf(id), `${this.aggregate.name} ${id}`);
  }

  async show(id: string, response: Response): Promise<Record<string, unknown>> {
    const snapshot = await this.read(id);
    response.setHeader('ETag', etagOf(snapshot.revision));
    return this.aggregate.view(snapshot.state);
  }

  /** A command that creates the aggregate: 201, Location `location`, the id fields first in the body. */
  async create(
    id: string,
    command: Command,
    envelope: CommandEnvelope,
    location: string,
    ids: Record<string, unknown>,
  ): Promise<CommandAnswer> {
    const result = await this.handle(id, command, envelope);
    return new CommandAnswer(result, { ...ids, ...(await this.aggregate.view(result.state)) }, location);
  }

  /**
   * A command on an existing aggregate: the new state with its ETag. The stream is read once, by the
   * command handler; that the aggregate does not exist is the decider's refusal (e.g. CASE.NOT_FOUND),
   * answered as every route of the API answers a missing resource: 404 NOT_FOUND naming it.
   */
  async act(id: string, command: Command, envelope: CommandEnvelope): Promise<CommandAnswer> {
    const result = await this.handle(id, command, envelope);
    return new CommandAnswer(result, await this.aggregate.view(result.state));
  }

  /** The command handler's result, a missing aggregate named as a 404; for routes that shape their own answer. */
  async handle(id: string, command: Command, envelope: CommandEnvelope): Promise<CommandResult<State>> {
    try {
      return await this.commands.handle(this.aggregate.decider, this.aggregate.streamOf(id), command, envelope);
    } catch (error) {
      if (error instanceof DomainError && error.code === this.aggregate.notFoundCode) throw this.notFound(id);
      throw error;
    }
  }

  /** The 404 of a missing aggregate, for a route that learns it before the command (from the request's one read). */
  notFound(id: string): DomainError {
    return new DomainError('NOT_FOUND', `${this.aggregate.name} ${id.slice(0, 80)} does not exist.`, 'not-found');
  }
}
