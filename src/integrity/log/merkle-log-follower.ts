import type { Subscription } from 'rxjs';
import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import type { MerkleLog } from './merkle-log.js';
import { PositionWaiters } from './position-waiters.js';

export interface MerkleLogFollowerOptions {
  /** Events appended to the log in one transaction at most. */
  readonly batchSize?: number;
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
 * in batches. It works the same over both adapters because it sees only the EventStore port; appends
 * never wait for it. A failing batch is not kept, and the follower resubscribes from the log later.
 */
export class MerkleLogFollower implements LogFollower {
  private subscription?: Subscription;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private stopped = true;
  private failed = false;
  private lastError: string | null = null;
  private retry?: NodeJS.Timeout;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly log: MerkleLog,
    private readonly store: EventStore,
    private readonly options: MerkleLogFollowerOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.buffer = [];
    this.wake();
  }

  status(): MerkleLogStatus {
    return {
      state: this.stopped ? 'stopped' : this.failed ? 'failed' : 'following',
      treeSize: this.log.size,
      position: this.log.position,
      lastError: this.lastError,
    };
  }

  /** Resolves true once the log holds the event at `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitUntil(
      () => this.log.position >= position,
      timeoutMs,
      () => this.stopped,
    );
  }

  private subscribe(): void {
    if (this.stopped) return;
    this.failed = false;
    this.subscription = this.store.subscribeToAll(this.log.position).subscribe({
      next: (event) => this.push(event),
      error: (error: unknown) => this.fail(error),
    });
  }

  private push(event: RecordedEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= (this.options.batchSize ?? 1000)) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const events = this.buffer;
    this.buffer = [];
    if (events.length === 0 || this.stopped || this.failed) return;
    try {
      this.log.append(events);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.lastError = null;
    this.wake();
    this.options.onAppended?.(events);
  }

  private fail(error: unknown): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.buffer = [];
    this.failed = true;
    this.lastError = error instanceof Error ? error.message : String(error);
    if (this.stopped) return;
    this.options.onFailed?.(this.lastError);
    this.retry = setTimeout(() => this.subscribe(), this.options.retryAfterFailureMs ?? 5000);
    this.retry.unref();
  }

  private wake(): void {
    this.waiters.wakeAll();
  }
}
