import type { Observable, Subscription } from 'rxjs';
import { PositionWaiters } from './position-waiters.js';

/** What following needs of an event: its place in the global order. */
export interface Positioned {
  readonly globalPosition: number;
}

/** A global feed: the store's (`subscribeToAll`), or the embedded store's rows as stored, for the Merkle log's worker. */
export interface Feed<Event extends Positioned> {
  /** Catches up from `after` (exclusive), then goes live. */
  subscribe(after: number): Observable<Event>;
  headPosition(): Promise<number>;
}

/** Where a follower writes: a projection's generation, the Merkle log. */
export interface FeedSink<Event extends Positioned> {
  /**
   * Called before each subscription: (re)opens the sink and answers the position to follow after (its
   * checkpoint), or null when it is not to be fed now (its owner calls `follow()` again later).
   * Throwing counts as a failure, retried after a pause.
   */
  open(): number | null;
  /** The position the sink has durably reached: what `waitFor` compares with. */
  position(): number;
  /**
   * Writes one batch, all or nothing. Throwing discards the batch and the follower resubscribes from
   * the checkpoint after a pause; false (nothing written) means the sink is no longer where it was
   * opened (a rebuild swapped its generation), so it is opened again at once.
   */
  write(events: readonly Event[]): boolean;
}

export interface FeedFollowerOptions<Event extends Positioned> {
  /** Events written in one batch at most. */
  readonly batchSize?: number;
  /** The pause after a first failure; it doubles with each failure in a row, up to maxRetryAfterMs. */
  readonly retryAfterMs?: number;
  readonly maxRetryAfterMs?: number;
  /** After each batch written. */
  readonly onWritten?: (events: readonly Event[]) => void;
  /** After a failure, with the pause before the next attempt. */
  readonly onFailed?: (message: string, retryInMs: number) => void;
}

export type FeedFollowerState = 'following' | 'idle' | 'failed' | 'stopped';

/**
 * Follows a global feed into a sink from the sink's own checkpoint: subscribes (catch-up, then live),
 * buffers what arrives into batches (as many as arrived in one turn of the event loop, at most
 * batchSize), writes each batch, and after a failure (a batch that throws, a subscription that errs)
 * drops what it buffered and resubscribes from the checkpoint after a pause that doubles with each
 * failure in a row. The sink's checkpoint is the truth: nothing buffered is ever counted as done.
 */
export class FeedFollower<Event extends Positioned> {
  private subscription?: Subscription;
  /** True from a subscription's start to its end: a feed may emit (or fail) before subscribe() returns. */
  private attached = false;
  /** Counts subscriptions, so a late event or failure of an earlier one is ignored. */
  private sessions = 0;
  private buffer: Event[] = [];
  private flushScheduled = false;
  private stopped = true;
  private failures = 0;
  private error: string | null = null;
  private retry?: NodeJS.Timeout;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly feed: Feed<Event>,
    private readonly sink: FeedSink<Event>,
    private readonly options: FeedFollowerOptions<Event> = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.follow();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.detach();
    this.waiters.wakeAll();
  }

  /** (Re)subscribes from the sink's checkpoint, dropping whatever is buffered: after the sink moved, or to resume. */
  follow(): void {
    clearTimeout(this.retry);
    this.detach();
    if (this.stopped) return;
    let after: number | null;
    try {
      after = this.sink.open();
    } catch (error) {
      this.retryLater(error);
      return;
    }
    if (after === null) return;
    const session = ++this.sessions;
    this.attached = true;
    const subscription = this.feed.subscribe(after).subscribe({
      next: (event) => {
        if (session === this.sessions) this.push(event);
      },
      error: (error: unknown) => {
        if (session === this.sessions) this.retryLater(error);
      },
    });
    if (this.attached && session === this.sessions) this.subscription = subscription;
    else subscription.unsubscribe();
  }

  /** Stops following for now and tries again after a pause (for a failure the owner met, e.g. a rebuild). */
  retryLater(error: unknown): void {
    this.detach();
    this.error = error instanceof Error ? error.message : String(error);
    if (this.stopped) return;
    this.failures += 1;
    const pause = Math.min(this.options.maxRetryAfterMs ?? 60_000, (this.options.retryAfterMs ?? 1000) * 2 ** (this.failures - 1));
    this.options.onFailed?.(this.error, pause);
    this.retry = setTimeout(() => this.follow(), pause);
    this.retry.unref();
  }

  get state(): FeedFollowerState {
    if (this.stopped) return 'stopped';
    if (this.attached) return 'following';
    return this.retry && this.failures > 0 ? 'failed' : 'idle';
  }

  /** The last failure's message, until a batch is written again. */
  get lastError(): string | null {
    return this.error;
  }

  /** Resolves true once the sink has reached `position`, false after `timeoutMs` or once stopped. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitUntil(
      () => this.sink.position() >= position,
      timeoutMs,
      () => this.stopped,
    );
  }

  /** Resolves true once the sink has reached the feed's head as it is now. */
  async caughtUp(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.feed.headPosition(), timeoutMs);
  }

  private detach(): void {
    this.attached = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.buffer = [];
  }

  private push(event: Event): void {
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
    if (events.length === 0 || !this.attached) return;
    let written: boolean;
    try {
      written = this.sink.write(events);
    } catch (error) {
      this.retryLater(error);
      return;
    }
    if (!written) {
      this.follow();
      return;
    }
    this.failures = 0;
    this.error = null;
    this.waiters.wakeAll();
    this.options.onWritten?.(events);
  }
}
