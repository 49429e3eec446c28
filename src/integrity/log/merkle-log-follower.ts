import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import { FeedFollower } from '../../projections/feed-follower.js';
import type { MerkleLog } from './merkle-log.js';

export interface MerkleLogFollowerOptions {
  /** Events appended to the log in one transaction at most. */
  readonly batchSize?: number;
  /** The pause after a first failure; it doubles with each failure in a row, up to a minute. */
  readonly retryAfterFailureMs?: number;
  /** Called after each batch with the events it added. */
  readonly onAppended?: (events: readonly RecordedEvent[]) => void;
  /** Called when a batch or the subscription failed; the follower retries later by itself. */
  readonly onFailed?: (message: string) => void;
}

/** What the checkpointer and the proofs need from a follower, in-process or in a worker thread. */
export interface LogFollower {
  start(): void;
  stop(): void | Promise<void>;
  status(): MerkleLogStatus;
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

export interface MerkleLogStatus {
  readonly state: 'following' | 'failed' | 'stopped';
  readonly treeSize: number;
  readonly position: number;
  readonly lastError: string | null;
}

/**
 * Feeds the Merkle log from the global feed, after the log's own last position (catch-up, then live),
 * in batches, through the same FeedFollower as the projections. It works the same over both adapters
 * because it sees only the EventStore port; appends never wait for it. A failing batch is not kept,
 * and the follower resubscribes from the log later.
 */
export class MerkleLogFollower implements LogFollower {
  private readonly follower: FeedFollower<RecordedEvent>;

  constructor(
    private readonly log: MerkleLog,
    store: EventStore,
    options: MerkleLogFollowerOptions = {},
  ) {
    this.follower = new FeedFollower(
      { subscribe: (after) => store.subscribeToAll(after), headPosition: () => store.headPosition() },
      {
        open: () => log.position,
        position: () => log.position,
        write: (events) => {
          log.append(events);
          return true;
        },
      },
      {
        batchSize: options.batchSize ?? 1000,
        retryAfterMs: options.retryAfterFailureMs ?? 5000,
        onWritten: options.onAppended,
        onFailed: options.onFailed && ((message) => options.onFailed?.(message)),
      },
    );
  }

  start(): void {
    this.follower.start();
  }

  stop(): void {
    this.follower.stop();
  }

  status(): MerkleLogStatus {
    const state = this.follower.state;
    return {
      state: state === 'stopped' ? 'stopped' : state === 'failed' ? 'failed' : 'following',
      treeSize: this.log.size,
      position: this.log.position,
      lastError: this.follower.lastError,
    };
  }

  /** Resolves true once the log holds the event at `position`, false after `timeoutMs` or once stopped. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.follower.waitFor(position, timeoutMs);
  }
}
