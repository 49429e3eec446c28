import type { ExpectedRevision, NewEvent } from '../event-store.port.js';
import { expectationHolds, replayStartsAtExpectedPlace } from '../expected-revision.js';
import { ConcurrencyError, EventIdReusedError, type ActualRevision } from '../ledger.errors.js';
import { sameContent } from '../new-event.validation.js';
import type { UnplacedEvent } from './ledger-event-codec.js';

export type AppendDecision = { readonly kind: 'write' } | { readonly kind: 'replay'; readonly events: readonly UnplacedEvent[] };

export interface AppendSituation {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  readonly actual: ActualRevision;
  /** The events of the stream that carry one of the new events' ids, by id. */
  readonly alreadyStored: ReadonlyMap<string, UnplacedEvent>;
}

/**
 * What to do with an append given what the stream holds, with the embedded store's rules:
 * - none of the ids is in the stream: write if the expectation holds, else ConcurrencyError;
 * - an id is there for different content: EventIdReusedError;
 * - all ids are there, consecutive and in order, where the expectation places them: a repeat,
 *   answered with the stored events;
 * - otherwise ConcurrencyError when the expectation fails, EventIdReusedError when it holds
 *   (writing would store an id twice).
 * Ids are only looked for in this stream: EventStoreDB has no index of event ids across streams.
 */
export function decideAppend(situation: AppendSituation): AppendDecision {
  const { streamId, events, expected, actual, alreadyStored } = situation;
  const stored = events.map((event) => alreadyStored.get(event.eventId));
  if (stored.every((event) => event === undefined)) {
    if (!expectationHolds(expected, actual)) throw new ConcurrencyError(streamId, expected, actual);
    return { kind: 'write' };
  }
  events.forEach((event, index) => {
    const earlier = stored[index];
    if (earlier && !sameContent(event, earlier)) {
      throw new EventIdReusedError(event.eventId, `for an event with different content at revision ${earlier.streamRevision}`);
    }
  });
  const first = stored[0];
  const repeat =
    first !== undefined &&
    stored.every((event, index) => event !== undefined && event.streamRevision === first.streamRevision + index) &&
    replayStartsAtExpectedPlace(expected, first.streamRevision);
  if (repeat) return { kind: 'replay', events: stored as UnplacedEvent[] };
  if (!expectationHolds(expected, actual)) throw new ConcurrencyError(streamId, expected, actual);
  const reused = events.find((_, index) => stored[index] !== undefined) as NewEvent;
  throw new EventIdReusedError(reused.eventId, 'by a different append');
}
