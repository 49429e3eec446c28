import type { Decider, DomainEvent, Fact } from '../domain-kit/decider.js';
import { fold } from '../domain-kit/decider.js';
import { withCorrections } from '../domain-kit/corrections.js';
import { IdempotencyKeyReusedError, PreconditionFailedError } from './command-errors.js';
import { deterministicUuid } from './deterministic-uuid.js';
import type { EventStore, NewEvent, RecordedEvent } from './event-store.port.js';
import { KeyedSerialQueue } from './keyed-serial-queue.js';
import { ConcurrencyError, EventIdReusedError } from './ledger.errors.js';
import { randomUUID } from 'node:crypto';
import type { EarlierReads } from './request-reads.js';

export interface CommandEnvelope {
  readonly actor: string;
  /** The official the actor is, from the verified token; recorded in every event's metadata. */
  readonly officialId?: string;
  readonly correlationId: string;
  readonly now: Date;
  /** When the fact happened: from the request, defaulting to now. */
  readonly occurredAt: string;
  /** The revision the caller last saw (If-Match); a mismatch is a PreconditionFailedError. */
  readonly expectedRevision?: number;
  /** The request's Idempotency-Key and a fingerprint of the request it came with. */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
  /** Streams the same request read already (its permission check): the first attempt starts from that read. */
  readonly earlierReads?: EarlierReads;
}

export interface CommandResult<State> {
  readonly streamId: string;
  /** The stream's revision after the command: the ETag. -1 when the stream is still empty. */
  readonly revision: number;
  readonly state: State;
  readonly events: readonly RecordedEvent[];
  /** True when the request had been handled before: nothing new was written. */
  readonly replayed: boolean;
}

/** Folds a stream's recorded events into the state of its decider, corrections applied. */
export function foldStream<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  recorded: readonly RecordedEvent[],
): State {
  return fold(decider, withCorrections(recorded.map(toFact)) as Fact<Event>[]);
}

export function toFact(event: RecordedEvent): Fact<DomainEvent> {
  return { type: event.type, data: event.data, eventId: event.eventId, occurredAt: event.metadata.occurredAt };
}

export interface CommandHandlerOptions {
  /** Attempts at a command without If-Match when its append meets a conflict; the last conflict is thrown. */
  readonly maxAttempts?: number;
  /** How to wait between attempts (injectable, so a test need not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

type Attempted<State> =
  | { readonly kind: 'replayed' | 'unchanged' | 'appended'; readonly result: CommandResult<State> }
  | { readonly kind: 'conflict'; readonly error: ConcurrencyError };

const DEFAULT_ATTEMPTS = 10;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 200;

/**
 * Read the stream, fold, decide, append with the expected revision.
 *
 * Commands on one stream run one after another in this process (a queue per stream; different
 * streams stay concurrent), so writers of this instance never conflict with each other: a client
 * that sent no If-Match is not refused because someone else wrote at the same moment. A conflict can
 * still come from another process on the same store (another instance on EventStoreDB, the CLI);
 * without If-Match it is retried from a fresh read, a bounded number of times, after a random wait
 * that grows with each attempt ("full jitter", so racing instances do not collide again in step).
 * With If-Match, the caller decided on a state that is gone, and hears so at once (412).
 */
export class CommandHandler {
  private readonly perStream = new KeyedSerialQueue();
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly store: EventStore,
    options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  handle<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    envelope: CommandEnvelope,
  ): Promise<CommandResult<State>> {
    return this.perStream.run(streamId, () => this.attempt(decider, streamId, command, envelope));
  }

  private async attempt<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    envelope: CommandEnvelope,
  ): Promise<CommandResult<State>> {
    const earlier = await envelope.earlierReads?.earlier(streamId)?.catch(() => undefined);
    if (earlier) {
      // Read before this command's turn in the queue, so possibly stale. Trusted only when the append
      // proves it current (the expected revision matched) or it holds this request's earlier answer;
      // anything else (a refusal, a conflict, nothing to write, a 412) is decided again on a fresh read.
      const outcome = await this.decideOn(decider, streamId, command, envelope, earlier).catch(() => undefined);
      if (outcome?.kind === 'appended' || outcome?.kind === 'replayed') return outcome.result;
    }
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.decideOn(decider, streamId, command, envelope, await this.store.readStream(streamId));
      if (outcome.kind !== 'conflict') return outcome.result;
      if (envelope.expectedRevision !== undefined) {
        const { actual } = outcome.error;
        throw new PreconditionFailedError(streamId, envelope.expectedRevision, typeof actual === 'number' ? actual : -1);
      }
      if (attempt >= this.maxAttempts) throw outcome.error;
      await this.sleep(Math.floor(this.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1))));
    }
  }

  /** One attempt on one read of the stream: replay, refuse, write nothing, append, or meet a conflict. */
  private async decideOn<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    envelope: CommandEnvelope,
    recorded: readonly RecordedEvent[],
  ): Promise<Attempted<State>> {
    const replay = envelope.idempotency && this.findEarlierAnswer(decider, streamId, recorded, envelope.actor, envelope.idempotency);
    if (replay) return { kind: 'replayed', result: replay };
    const revision = recorded.length > 0 ? recorded[recorded.length - 1].streamRevision : -1;
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== revision) {
      throw new PreconditionFailedError(streamId, envelope.expectedRevision, revision);
    }
    const state = foldStream(decider, recorded);
    const events = decider.decide(command, state, { now: envelope.now, occurredAt: envelope.occurredAt, actor: envelope.actor });
    if (events.length === 0) return { kind: 'unchanged', result: { streamId, revision, state, events: [], replayed: false } };
    try {
      const appended = await this.store.append(
        streamId,
        this.toNewEvents(streamId, events, envelope),
        revision < 0 ? 'no-stream' : revision,
      );
      const after = [...recorded, ...appended.events];
      return {
        kind: 'appended',
        result: {
          streamId,
          revision: appended.nextExpectedRevision,
          state: foldStream(decider, after),
          events: appended.events,
          replayed: appended.idempotentReplay,
        },
      };
    } catch (error) {
      if (error instanceof EventIdReusedError && envelope.idempotency) throw new IdempotencyKeyReusedError(envelope.idempotency.key);
      if (error instanceof ConcurrencyError) return { kind: 'conflict', error };
      throw error;
    }
  }

  /** Event ids derived from the actor, the key and the stream: a repeated request lands on the same ids. */
  static eventIdFor(actor: string, key: string, streamId: string, index: number): string {
    return deterministicUuid(`event\n${actor}\n${key}\n${streamId}\n${index}`);
  }

  private toNewEvents(streamId: string, events: readonly DomainEvent[], envelope: CommandEnvelope): NewEvent[] {
    const { idempotency } = envelope;
    return events.map((event, index) => ({
      eventId: idempotency ? CommandHandler.eventIdFor(envelope.actor, idempotency.key, streamId, index) : randomUUID(),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: {
        actor: envelope.actor,
        correlationId: envelope.correlationId,
        causationId: null,
        occurredAt: envelope.occurredAt,
        ...(envelope.officialId === undefined ? {} : { officialId: envelope.officialId }),
        ...(idempotency ? { requestFingerprint: idempotency.fingerprint } : {}),
      },
    }));
  }

  /** The first answer to a request with this key, if the stream already holds its events. */
  private findEarlierAnswer<Event extends DomainEvent, State>(
    decider: Decider<unknown, Event, State>,
    streamId: string,
    recorded: readonly RecordedEvent[],
    actor: string,
    idempotency: NonNullable<CommandEnvelope['idempotency']>,
  ): CommandResult<State> | undefined {
    const firstId = CommandHandler.eventIdFor(actor, idempotency.key, streamId, 0);
    const first = recorded.findIndex((event) => event.eventId === firstId);
    if (first < 0) return undefined;
    if (recorded[first].metadata.requestFingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError(idempotency.key);
    let end = first;
    while (end < recorded.length && recorded[end].eventId === CommandHandler.eventIdFor(actor, idempotency.key, streamId, end - first))
      end++;
    const upTo = recorded.slice(0, end);
    return {
      streamId,
      revision: recorded[end - 1].streamRevision,
      state: foldStream(decider, upTo),
      events: recorded.slice(first, end),
      replayed: true,
    };
  }
}
