import type Database from 'better-sqlite3';
import { GenerationCatalog } from './generation-catalog.js';
import { PositionWaiters } from './position-waiters.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type ProjectionEngineOptions, type ProjectionStatus } from './projection-runner.js';
import type { ProjectionSource } from './projection-source.js';
import { ProjectionsWorkerClient, type ProjectionsWorkerOptions } from './projections-worker-client.js';

export type { ProjectionEngineOptions, ProjectionStatus } from './projection-runner.js';

/**
 * Runs every projection in the background: each reads the global feed from its own checkpoint
 * (catch-up, then live) and writes batches through a GenerationWriter, rows and checkpoint in one
 * transaction. A failing event stops that projection (nothing of its batch is written), reports the
 * error and retries later from the checkpoint.
 *
 * Given `worker`, the same engine runs in a worker thread on its own connections instead, so applying
 * events takes no time from the thread that answers requests; this one then only reads the
 * checkpoints from the file, looking again after each batch the worker committed.
 */
export class ProjectionEngine {
  private readonly runners: ProjectionRunner[];
  private readonly catalog: GenerationCatalog;
  private readonly idle = new PositionWaiters();
  private readonly worker?: ProjectionsWorkerClient;
  private running = false;

  constructor(
    private readonly db: Database.Database,
    private readonly store: ProjectionSource,
    private readonly projections: readonly Projection[],
    options: ProjectionEngineOptions = {},
    worker?: ProjectionsWorkerOptions,
  ) {
    this.catalog = new GenerationCatalog(db);
    this.worker = worker && new ProjectionsWorkerClient(worker, () => this.idle.wakeAll());
    this.runners = this.worker
      ? []
      : projections.map((projection) => new ProjectionRunner(projection, this.db, this.store, this.catalog, options));
  }

  start(): void {
    this.running = true;
    this.worker?.start();
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const runner of this.runners) runner.stop();
    await this.worker?.stop();
    this.idle.wakeAll();
  }

  async status(): Promise<ProjectionStatus[]> {
    if (this.worker) return (await this.worker.status()) ?? this.statusWithoutWorker(await this.store.headPosition());
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
    // Fed by the worker, or not fed here (stopped, or a projection this engine does not run): the file
    // may still move, by the worker or by `ledger rebuild` in another process, so it is looked at
    // after each batch the worker wrote and every 50 ms until the timeout.
    return this.idle.waitUntil(() => this.checkpointOf(name) >= position, timeoutMs);
  }

  /** Resolves true once the projection has applied everything the store holds now. */
  async caughtUp(name: string, timeoutMs: number): Promise<boolean> {
    return this.waitFor(name, await this.store.headPosition(), timeoutMs);
  }

  /** What the file says of each projection while the worker does not answer (stopped, or gone). */
  private statusWithoutWorker(head: number): ProjectionStatus[] {
    return this.projections.map((projection) => {
      const live = this.catalog.live(projection.name);
      const building = this.catalog.building(projection.name);
      const checkpoint = live?.checkpoint ?? 0;
      return {
        name: projection.name,
        version: projection.version,
        state: this.running ? 'failed' : 'stopped',
        generation: live?.generation ?? null,
        checkpoint,
        headPosition: head,
        lag: Math.max(0, head - checkpoint),
        building: building ? { generation: building.generation, checkpoint: building.checkpoint } : null,
        lastError: this.worker?.error ?? null,
      };
    });
  }
}
