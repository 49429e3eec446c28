import type { Request, Response } from 'express';
import type { Clock } from '../domain-kit/clock.js';
import type { Decider, DomainEvent } from '../domain-kit/decider.js';
import { readAggregate, type AggregateSnapshot } from '../ledger/aggregate-reader.js';
import type { CommandHandler } from '../ledger/command-handler.js';
import type { EventStore } from '../ledger/event-store.port.js';
import { answer, commandEnvelope, etagOf } from './command-request.js';

export interface AggregateDescription<Command, Event extends DomainEvent, State> {
  readonly decider: Decider<Command, Event, State>;
  readonly streamOf: (id: string) => string;
  /** How a sentence names it: "Unit", "Case"... */
  readonly name: string;
  readonly view: (state: State) => Record<string, unknown>;
}

/** What every aggregate's HTTP API does alike: show it with its ETag, and act on it when it exists. */
export class AggregateEndpoint<Command, Event extends DomainEvent, State> {
  constructor(
    private readonly aggregate: AggregateDescription<Command, Event, State>,
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly clock: Clock,
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

  /** A command on an existing aggregate: 404 if it does not exist, else the new state with its ETag. */
  async act(
    id: string,
    command: Command,
    occurredAt: string | undefined,
    request: Request,
    response: Response,
  ): Promise<Record<string, unknown>> {
    await this.read(id);
    const result = await this.commands.handle(
      this.aggregate.decider,
      this.aggregate.streamOf(id),
      command,
      commandEnvelope(request, this.clock.now(), occurredAt),
    );
    answer(response, result);
    return this.aggregate.view(result.state);
  }
}
