import type Database from 'better-sqlite3';
import type { Subscription } from 'rxjs';
import type { EventStore, RecordedEvent } from '../ledger/event-store.port.js';
import type { Generation, GenerationCatalog } from './generation-catalog.js';
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
  readonly retryAfterFailureMs?: number;
  readonly now?: () => Date;
}

/**
 * One projection in the service: attaches to its live generation (creating generation 1 on a fresh
 * file), subscribes to the feed from that generation's checkpoint, buffers events into batches, and
 * follows a generation swapped in by `ledger rebuild`. On a new projection version it rebuilds aside.
 */
export class ProjectionRunner {
  private state: ProjectionStatus['state'] = 'stopped';
  private writer?: GenerationWriter;
  private subscription?: Subscription;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private lastError: string | null = null;
  private swapCheck?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private stopped = true;

  constructor(
    private readonly projection: Projection,
    private readonly db: Database.Database,
    private readonly store: EventStore,
    private readonly catalog: GenerationCatalog,
    private readonly options: ProjectionEngineOptions,
    private readonly committed: () => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.swapCheck = setInterval(() => this.followSwap(), this.options.swapCheckMs ?? 500);
    this.swapCheck.unref();
    this.attach();
  }

  stop(): void {
    this.stopped = true;
    this.state = 'stopped';
    clearInterval(this.swapCheck);
    clearTimeout(this.retry);
    this.detach();
  }

  status(head: number): ProjectionStatus {
    const live = this.catalog.live(this.projection.name);
    const building = this.catalog.building(this.projection.name);
    const checkpoint = live?.checkpoint ?? 0;
    const caughtUp = checkpoint >= head && this.state === 'catching-up';
    return {
      name: this.projection.name,
      version: this.projection.version,
      state: caughtUp ? 'live' : this.state,
      generation: live?.generation ?? null,
      checkpoint,
      headPosition: head,
      lag: Math.max(0, head - checkpoint),
      building: building ? { generation: building.generation, checkpoint: building.checkpoint } : null,
      lastError: this.lastError,
    };
  }

  /** Feeds the live generation from its checkpoint; creates generation 1 on a fresh file, rebuilds aside on a new version. */
  private attach(): void {
    if (this.stopped) return;
    let live: Generation;
    try {
      live = this.db
        .transaction(() => this.catalog.live(this.projection.name) ?? this.catalog.create(this.projection, 'live', this.now()))
        .immediate();
    } catch (error) {
      this.fail(error);
      return;
    }
    if (live.version !== this.projection.version) {
      this.rebuildAside();
      return;
    }
    this.writer = new GenerationWriter(this.db, this.catalog, this.projection, live.generation, 'live');
    this.state = 'catching-up';
    this.subscription = this.store.subscribeToAll(live.checkpoint).subscribe({
      next: (event) => this.push(event),
      error: (error: unknown) => this.fail(error),
    });
  }

  private detach(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.writer = undefined;
    this.buffer = [];
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
    if (events.length === 0 || !this.writer || this.stopped) return;
    let written: boolean;
    try {
      written = this.writer.write(events);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (written) this.lastError = null;
    else this.reattach(); // a rebuild swapped the generation: go on from the new one's checkpoint
    this.committed();
  }

  private followSwap(): void {
    if (!this.writer || this.stopped) return;
    try {
      if (this.catalog.live(this.projection.name)?.generation !== this.writer.generation) this.reattach();
    } catch (error) {
      this.fail(error);
    }
  }

  private reattach(): void {
    this.detach();
    this.attach();
  }

  private rebuildAside(): void {
    this.state = 'rebuilding';
    rebuildProjection(this.db, this.store, this.projection, { now: () => this.now() }).then(
      () => this.reattach(),
      (error: unknown) => this.fail(error),
    );
  }

  private fail(error: unknown): void {
    this.detach();
    if (this.stopped) return;
    this.state = 'failed';
    this.lastError = error instanceof Error ? error.message : String(error);
    this.retry = setTimeout(() => this.attach(), this.options.retryAfterFailureMs ?? 5000);
    this.retry.unref();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
