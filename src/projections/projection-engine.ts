import type Database from 'better-sqlite3';
import type { EventStore } from '../ledger/event-store.port.js';
import { GenerationCatalog } from './generation-catalog.js';
import { PositionWaiters } from './position-waiters.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type ProjectionEngineOptions, type ProjectionStatus } from './projection-runner.js';

export type { ProjectionEngineOptions, ProjectionStatus } from './projection-runner.js';

/**
 * Runs every projection in the background: each reads the global feed from its own checkpoint
 * (catch-up, then live) and writes batches through a GenerationWriter, rows and checkpoint in one
 * transaction. A failing event stops that projection (nothing of its batch is written), reports the
 * error and retries later from the checkpoint.
 */
export class ProjectionEngine {
  private readonly runners: ProjectionRunner[];
  private readonly catalog: GenerationCatalog;
  private readonly idle = new PositionWaiters();
  private running = false;

  constructor(
    private readonly db: Database.Database,
    private readonly store: EventStore,
    projections: readonly Projection[],
    options: ProjectionEngineOptions = {},
  ) {
    this.catalog = new GenerationCatalog(db);
    this.runners = projections.map((projection) => new ProjectionRunner(projection, this.db, this.store, this.catalog, options));
  }

  start(): void {
    this.running = true;
    for (const runner of this.runners) runner.start();
  }

  stop(): void {
    this.running = false;
    for (const runner of this.runners) runner.stop();
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return this.runners.map((runner) => runner.status(head));
  }

  /** The checkpoint of the live generation, read from the file, so it is right after a swap by another process too. */
  checkpointOf(name: string): number {
    return this.catalog.live(name)?.checkpoint ?? 0;
  }

  /**
   * Resolves true once the projection's live generation has applied `position` (so a client can read
   * its own write), false if `timeoutMs` passes first or the engine stops.
   */
  waitFor(name: string, position: number, timeoutMs: number): Promise<boolean> {
    const runner = this.running ? this.runners.find((candidate) => candidate.name === name) : undefined;
    if (runner) return runner.waitFor(position, timeoutMs);
    // Not fed here (stopped, or a projection this engine does not run): the file may still move, by
    // `ledger rebuild` in another process, so it is looked at until the timeout.
    return this.idle.waitUntil(() => this.checkpointOf(name) >= position, timeoutMs);
  }

  /** Resolves true once the projection has applied everything the store holds now. */
  async caughtUp(name: string, timeoutMs: number): Promise<boolean> {
    return this.waitFor(name, await this.store.headPosition(), timeoutMs);
  }
}
