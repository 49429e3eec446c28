import { Observable, Subject } from 'rxjs';
import { FeedFollower, type Feed, type FeedSink, type Positioned } from '../../src/projections/feed-follower.js';

interface TestEvent extends Positioned {
  readonly id: string;
}

/** A global feed in memory: catch-up from `after`, then live as events are appended. */
class MemoryFeed implements Feed<TestEvent> {
  readonly subscribedAfter: number[] = [];
  private readonly events: TestEvent[] = [];
  private readonly appended = new Subject<void>();

  append(...positions: number[]): void {
    for (const globalPosition of positions) this.events.push({ globalPosition, id: `event-${globalPosition}` });
    this.appended.next();
  }

  subscribe(after: number): Observable<TestEvent> {
    this.subscribedAfter.push(after);
    return new Observable<TestEvent>((subscriber) => {
      let last = after;
      const pump = (): void => {
        for (const event of this.events) {
          if (event.globalPosition <= last) continue;
          last = event.globalPosition;
          subscriber.next(event);
        }
      };
      setImmediate(pump);
      const live = this.appended.subscribe(pump);
      return () => live.unsubscribe();
    });
  }

  async headPosition(): Promise<number> {
    return this.events.at(-1)?.globalPosition ?? 0;
  }
}

/** A sink whose checkpoint is the last position it kept; `failNext` makes its next writes throw. */
class MemorySink implements FeedSink<TestEvent> {
  readonly batches: number[][] = [];
  failNext = 0;

  constructor(public checkpoint = 0) {}

  open(): number | null {
    return this.checkpoint;
  }

  position(): number {
    return this.checkpoint;
  }

  write(events: readonly TestEvent[]): boolean {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('disk full');
    }
    this.batches.push(events.map((event) => event.globalPosition));
    this.checkpoint = events[events.length - 1].globalPosition;
    return true;
  }

  get kept(): number[] {
    return this.batches.flat();
  }
}

const settle = (ms = 5): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('a feed follower', () => {
  let follower: FeedFollower<TestEvent> | undefined;
  afterEach(() => follower?.stop());

  it('given a sink at checkpoint 2, when started, then it follows the feed after 2 and writes the rest in one batch', async () => {
    const feed = new MemoryFeed();
    feed.append(1, 2, 3, 4, 5);
    const sink = new MemorySink(2);
    follower = new FeedFollower(feed, sink);

    follower.start();

    expect(await follower.waitFor(5, 1000)).toBe(true);
    expect(feed.subscribedAfter).toEqual([2]);
    expect(sink.batches).toEqual([[3, 4, 5]]);
    expect(follower.state).toBe('following');
  });

  it('given a following follower, when events are appended, then it writes them live, in batches of at most batchSize', async () => {
    const feed = new MemoryFeed();
    const sink = new MemorySink();
    follower = new FeedFollower(feed, sink, { batchSize: 2 });
    follower.start();
    await settle();

    feed.append(1, 2, 3);

    expect(await follower.waitFor(3, 1000)).toBe(true);
    expect(sink.batches).toEqual([[1, 2], [3]]);
  });

  it('given a write that fails twice, when events arrive, then nothing is kept, it pauses 10 then 20 ms and resumes from its checkpoint', async () => {
    const feed = new MemoryFeed();
    feed.append(1, 2);
    const sink = new MemorySink();
    sink.failNext = 2;
    const pauses: number[] = [];
    let firstFailure!: () => void;
    const failed = new Promise<void>((done) => (firstFailure = done));
    follower = new FeedFollower(feed, sink, {
      retryAfterMs: 10,
      onFailed: (_message, retryInMs) => {
        pauses.push(retryInMs);
        firstFailure();
      },
    });

    follower.start();
    await failed;
    expect(sink.kept).toEqual([]);
    expect(follower.state).toBe('failed');
    expect(follower.lastError).toBe('disk full');
    feed.append(3);

    expect(await follower.waitFor(3, 2000)).toBe(true);
    expect(pauses).toEqual([10, 20]);
    expect(feed.subscribedAfter).toEqual([0, 0, 0]);
    expect(sink.kept).toEqual([1, 2, 3]);
    expect(follower.lastError).toBeNull();
  });

  it('given a failure, then a success, when it fails again, then the pause starts again from the first', async () => {
    const feed = new MemoryFeed();
    feed.append(1);
    const sink = new MemorySink();
    sink.failNext = 1;
    const pauses: number[] = [];
    follower = new FeedFollower(feed, sink, { retryAfterMs: 10, onFailed: (_message, retryInMs) => pauses.push(retryInMs) });
    follower.start();
    expect(await follower.waitFor(1, 2000)).toBe(true);

    sink.failNext = 1;
    feed.append(2);

    expect(await follower.waitFor(2, 2000)).toBe(true);
    expect(pauses).toEqual([10, 10]);
    expect(feed.subscribedAfter).toEqual([0, 0, 1]);
  });

  it('given a sink that moved under it (a write answering false), then it opens the sink again and follows from the new checkpoint', async () => {
    const feed = new MemoryFeed();
    feed.append(1, 2, 3, 4);
    const sink = new MemorySink();
    let moved = true;
    const write = sink.write.bind(sink);
    sink.write = (events) => {
      if (!moved) return write(events);
      moved = false;
      sink.checkpoint = 3; // a rebuild swapped in a generation that has read up to 3
      return false;
    };
    follower = new FeedFollower(feed, sink);

    follower.start();

    expect(await follower.waitFor(4, 1000)).toBe(true);
    expect(feed.subscribedAfter).toEqual([0, 3]);
    expect(sink.batches).toEqual([[4]]);
  });

  it('given a sink behind the head, when waiting for a position it does not reach, then waitFor answers false after the timeout', async () => {
    const feed = new MemoryFeed();
    feed.append(1);
    const sink = new MemorySink();
    follower = new FeedFollower(feed, sink);
    follower.start();

    const started = Date.now();
    expect(await follower.waitFor(2, 100)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(await follower.caughtUp(1000)).toBe(true);
  });

  it('given a caller waiting, when the follower stops, then waitFor answers false at once', async () => {
    const feed = new MemoryFeed();
    const sink = new MemorySink();
    follower = new FeedFollower(feed, sink);
    follower.start();
    const waiting = follower.waitFor(1, 10_000);

    follower.stop();

    expect(await waiting).toBe(false);
    expect(follower.state).toBe('stopped');
  });

  it('given a sink that is not to be fed now (open answers null), then it does not subscribe until follow() is called', async () => {
    const feed = new MemoryFeed();
    feed.append(1);
    const sink = new MemorySink();
    let ready = false;
    sink.open = () => (ready ? sink.checkpoint : null);
    follower = new FeedFollower(feed, sink);

    follower.start();
    await settle();
    expect(feed.subscribedAfter).toEqual([]);
    expect(follower.state).toBe('idle');

    ready = true;
    follower.follow();
    expect(await follower.waitFor(1, 1000)).toBe(true);
  });
});
