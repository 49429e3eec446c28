import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import type { ProjectionSource } from './projection-source.js';
import { FeedFollower } from './feed-follower.js';
import type { GenerationCatalog } from './generation-catalog.js';
import { GenerationWriter } from './generation-writer.js';
import type { Projection } from './projection.js';
import { rebuildProjection } from './rebuild.js';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  /** catching-up or live: fed by the feed; rebuilding: a new version is being built aside; failed: waiting to retry. */
  readonly state: 'catching-up' | 'live' | 'rebuilding' | 'failed' | 'stopped';
  readonly generation: number | null;
  readonly checkpoint: number;
  readonly headPosition: number;
  /** headPosition − checkpoint: global positions not yet applied (events, in the embedded store). */
  readonly lag: number;
  readonly building: { readonly generation: number; readonly checkpoint: number } | null;
  readonly lastError: string | null;
}

export interface ProjectionEngineOptions {
  /** Events applied in one transaction at most. */
  readonly batchSize?: number;
  /** How often to look whether `ledger rebuild` swapped a generation in another process. */
  readonly swapCheckMs?: number;
  /** The pause after a first failure; it doubles with each failure in a row, up to a minute. */
  readonly retryAfterFailureMs?: number;
  readonly now?: () => Date;
  /** After each batch a projection wrote, with the position it reached. */
  readonly onWritten?: (projection: string, position: number) => void;
}

/**
 * One projection in the service: attaches to its live generation (creating generation 1 on a fresh
 * file), follows the feed from that generation's checkpoint through a FeedFollower (batches, retry),
 * and follows a generation swapped in by `ledger rebuild`. On a new projection version it rebuilds aside.
 */
export class ProjectionRunner {
  private writer?: GenerationWriter;
  private rebuilding = false;
  private swapCheck?: NodeJS.Timeout;
  private readonly follower: FeedFollower<RecordedEvent>;

  constructor(
    private readonly projection: Projection,
    private readonly db: Database.Database,
    private readonly store: ProjectionSource,
    private readonly catalog: GenerationCatalog,
    private readonly options: ProjectionEngineOptions,
  ) {
    this.follower = new FeedFollower(
      { subscribe: (after) => store.subscribeToAll(after), headPosition: () => store.headPosition() },
      {
        open: () => this.attach(),
        position: () => this.checkpoint(),
        // False when a rebuild swapped the generation: the follower opens the new one and goes on from its checkpoint.
        write: (events) => this.writer !== undefined && this.writer.write(events),
      },
      {
        batchSize: options.batchSize ?? 1000,
        retryAfterMs: options.retryAfterFailureMs ?? 5000,
        onWritten: (events) => options.onWritten?.(projection.name, events[events.length - 1].globalPosition),
      },
    );
  }

  get name(): string {
    return this.projection.name;
  }

  start(): void {
    this.swapCheck = setInterval(() => this.followSwap(), this.options.swapCheckMs ?? 500);
    this.swapCheck.unref();
    this.follower.start();
  }

  stop(): void {
    clearInterval(this.swapCheck);
    this.follower.stop();
    this.writer = undefined;
  }

  /** The live generation's checkpoint, read from the file, so it is right after a swap by another process too. */
  checkpoint(): number {
    return this.catalog.live(this.projection.name)?.checkpoint ?? 0;
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.follower.waitFor(position, timeoutMs);
  }

  status(head: number): ProjectionStatus {
    const live = this.catalog.live(this.projection.name);
    const building = this.catalog.building(this.projection.name);
    const checkpoint = live?.checkpoint ?? 0;
    const following = this.follower.state;
    const state: ProjectionStatus['state'] =
      following === 'stopped'
        ? 'stopped'
        : this.rebuilding
          ? 'rebuilding'
          : following === 'failed'
            ? 'failed'
            : checkpoint >= head
              ? 'live'
              : 'catching-up';
    return {
      name: this.projection.name,
      version: this.projection.version,
      state,
      generation: live?.generation ?? null,
      checkpoint,
      headPosition: head,
      lag: Math.max(0, head - checkpoint),
      building: building ? { generation: building.generation, checkpoint: building.checkpoint } : null,
      lastError: this.follower.lastError,
    };
  }

  /**
   * The follower's open(): the live generation (generation 1 on a fresh file) and its checkpoint; null
   * when the live generation is of another version, which is then rebuilt aside first.
   */
  private attach(): number | null {
    this.writer = undefined;
    const live = this.db
      .transaction(() => this.catalog.live(this.projection.name) ?? this.catalog.create(this.projection, 'live', this.now()))
      .immediate();
    if (live.version !== this.projection.version) {
      this.rebuildAside();
      return null;
    }
    this.writer = new GenerationWriter(this.db, this.catalog, this.projection, live.generation, 'live');
    return live.checkpoint;
  }

  private followSwap(): void {
    if (!this.writer) return;
    try {
      if (this.catalog.live(this.projection.name)?.generation !== this.writer.generation) this.follower.follow();
    } catch (error) {
      this.follower.retryLater(error);
    }
  }

  private rebuildAside(): void {
    if (this.rebuilding) return;
    this.rebuilding = true;
    rebuildProjection(this.db, this.store, this.projection, { now: () => this.now() }).then(
      () => {
        this.rebuilding = false;
        this.follower.follow();
      },
      (error: unknown) => {
        this.rebuilding = false;
        this.follower.retryLater(error);
      },
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
