import { deterministicUuid } from './deterministic-uuid.js';
import type { EventMetadata, EventStore, RecordedEvent } from './event-store.port.js';

/**
 * The second half of a command that writes two streams (a finding that opens a case, a merger that
 * the continuing unit must record). No store can append to two streams atomically, so such a command
 * is made of two appends that complete or never start: the first event carries everything the
 * second needs, and the second event's id is derived from the first's. Whoever writes it, the request
 * itself right after the first or the process manager that follows the feed (live, and at start-up
 * after a crash), writes the same event, once.
 */
export interface SecondStep {
  /** kebab-case and stable: it names the step in the process manager's table and in the derived event id. */
  readonly name: string;
  /** The key of the second event that this event calls for; null when it starts no such command. */
  calledFor(event: RecordedEvent): string | null;
  /** The key this event settles when it is such a second event, whoever wrote it. */
  settles(event: RecordedEvent): string | null;
  /** Writes the second event of the command `first` started, idempotently, and answers it as recorded. */
  write(store: EventStore, first: RecordedEvent): Promise<RecordedEvent>;
}

/** The id of the event a step writes after `first`: the same for every writer. */
export function secondEventId(step: string, first: RecordedEvent): string {
  return deterministicUuid(`second-step\n${step}\n${first.eventId}`);
}

/** The second event is the same act as the first: same actor, correlation and time, caused by it. */
export function metadataFollowing(first: RecordedEvent): EventMetadata {
  return {
    actor: first.metadata.actor,
    correlationId: first.metadata.correlationId,
    causationId: first.eventId,
    occurredAt: first.metadata.occurredAt,
    ...(first.metadata.officialId === undefined ? {} : { officialId: first.metadata.officialId }),
  };
}
