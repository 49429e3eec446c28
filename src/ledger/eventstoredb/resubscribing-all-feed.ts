import {
  excludeSystemEvents,
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { Observable } from 'rxjs';
import type { RecordedEvent } from '../event-store.port.js';
import { StoreUnavailableError } from '../ledger.errors.js';
import { asLedgerError, isConnectionFailure } from './esdb-errors.js';
import { comparePositions, globalPositionOf, positionOfGlobal } from './global-position.js';
import { fromEsdbEvent, isLedgerEvent, placed } from './ledger-event-codec.js';

export interface ResubscribePolicy {
  /** The wait before the first resubscription after a failure; it doubles with each further failure. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Failures in a row, without an event or confirmation in between, before the feed gives up. */
  readonly maxConsecutiveFailures: number;
}

export const DEFAULT_RESUBSCRIBE_POLICY: ResubscribePolicy = { initialDelayMs: 50, maxDelayMs: 2000, maxConsecutiveFailures: 30 };

const noop = (): void => undefined;

/**
 * The ledger events of $all after `after`, catch-up then live, over EventStoreDB's catch-up
 * subscription, surviving dropped connections: after a failure it subscribes again from the last
 * event it saw, after a growing (bounded) pause. It never emits an event twice or out of order:
 * everything at or before the last seen position is dropped, which also covers a server that
 * would deliver the start event itself.
 *
 * The resume point is the exact (commit, prepare) pair of the last event seen, system-filtered but
 * not yet ledger-filtered, so a resubscription never starts from a position that is not an event.
 */
export function resubscribingAllFeed(
  client: () => EventStoreDBClient,
  after: number,
  policy: ResubscribePolicy,
  /** Lets the store end the feed when it closes; returns the way to forget the registration. */
  registerForClose: (stop: () => void) => () => void,
): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    let lastSeen: Position | undefined = positionOfGlobal(after);
    let failures = 0;
    let current: AllStreamSubscription | undefined;
    let retryTimer: NodeJS.Timeout | undefined;
    let stopped = false;

    const release = (subscription: AllStreamSubscription): void => {
      subscription.removeAllListeners();
      subscription.on('error', noop);
      subscription.unsubscribe().catch(noop);
    };

    const fail = (error: unknown): void => {
      stop();
      subscriber.error(asLedgerError(error, 'following $all'));
    };

    const open = (): void => {
      if (stopped) return;
      let subscription: AllStreamSubscription;
      try {
        subscription = client().subscribeToAll({ fromPosition: lastSeen ?? START, filter: excludeSystemEvents() });
      } catch (error) {
        return fail(error);
      }
      current = subscription;
      subscription.on('confirmation', () => {
        failures = 0;
      });
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        if (stopped || current !== subscription) return;
        const event = resolved.event;
        if (!event) return;
        if (lastSeen && comparePositions(event.position, lastSeen) <= 0) return;
        lastSeen = event.position;
        failures = 0;
        if (!isLedgerEvent(event)) return;
        try {
          subscriber.next(placed(fromEsdbEvent(event), globalPositionOf(event.position)));
        } catch (error) {
          fail(error);
        }
      });
      subscription.on('error', (error: unknown) => retryAfter(subscription, error));
      subscription.on('end', () => retryAfter(subscription, new StoreUnavailableError('EventStoreDB ended the subscription')));
    };

    const retryAfter = (subscription: AllStreamSubscription, error: unknown): void => {
      if (stopped || current !== subscription) return;
      current = undefined;
      release(subscription);
      failures += 1;
      const transient = isConnectionFailure(error) || error instanceof StoreUnavailableError;
      if (!transient || failures > policy.maxConsecutiveFailures) return fail(error);
      const delay = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failures - 1));
      retryTimer = setTimeout(open, delay);
    };

    const stop = (): void => {
      stopped = true;
      clearTimeout(retryTimer);
      if (current) release(current);
      current = undefined;
      unregister();
    };

    const unregister = registerForClose(() => {
      stop();
      subscriber.complete();
    });
    open();
    return stop;
  });
}
