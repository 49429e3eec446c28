import type Database from 'better-sqlite3';
import type { EventStore } from '../ledger/event-store.port.js';
import { GenerationCatalog } from './generation-catalog.js';
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
  private readonly progress = new Set<() => void>();

  constructor(
    private readonly db: Database.Database,
    private readonly store: EventStore,
    projections: readonly Projection[],
    options: ProjectionEngineOptions = {},
  ) {
    this.catalog = new GenerationCatalog(db);
    this.runners = projections.map(
      (projection) => new ProjectionRunner(projection, this.db, this.store, this.catalog, options, () => this.notify()),
    );
  }

  start(): void {
    for (const runner of this.runners) runner.start();
  }

  stop(): void {
    for (const runner of this.runners) runner.stop();
    this.notify();
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
   * its own write), false if `timeoutMs` passes first.
   */
  async waitFor(name: string, position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.checkpointOf(name) >= position) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      // Woken by this process's commits; the timer covers a rebuild swapped in by another process.
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.progress.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 50));
        this.progress.add(wake);
      });
    }
  }

  private notify(): void {
    for (const wake of [...this.progress]) wake();
  }
}
