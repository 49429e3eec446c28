import { Worker } from 'node:worker_threads';
import type { StoredFeedAddress } from '../ledger/event-store.port.js';
import type { ProjectionStatus } from './projection-runner.js';

export interface ProjectionsWorkerData {
  /** The store's events, as the store named them (EventStore.storedFeed). */
  readonly feed: StoredFeedAddress;
  readonly readModelsFile: string;
  /** How often the worker's connection looks for new events (the appending connection is another one). */
  readonly pollMs: number;
}

export type ProjectionsWorkerMessage =
  | { readonly type: 'written'; readonly projection: string; readonly position: number }
  | { readonly type: 'status'; readonly id: number; readonly statuses: ProjectionStatus[] }
  | { readonly type: 'stopped' };

export type ProjectionsWorkerRequest = { readonly type: 'status'; readonly id: number } | { readonly type: 'stop' };

export interface ProjectionsWorkerOptions {
  readonly feed: StoredFeedAddress;
  readonly readModelsFile: string;
  readonly pollMs?: number;
  /** The worker's script and Node flags: the compiled projections.worker.js next to this file by default. */
  readonly workerUrl?: URL;
  readonly execArgv?: string[];
}

/** How long a status waits for the worker's answer before saying it is not answering. */
const STATUS_TIMEOUT_MS = 5000;

/**
 * The main thread's side of the projections running in a worker thread (a store with a stored feed):
 * starts and stops the worker, asks it for the projections' states, and calls `onWritten` after each
 * batch the worker committed, so the callers waiting for a position look at the file again.
 */
export class ProjectionsWorkerClient {
  private worker?: Worker;
  private lastError: string | null = null;
  private requests = 0;
  private readonly pending = new Map<number, (statuses: ProjectionStatus[] | null) => void>();

  constructor(
    private readonly options: ProjectionsWorkerOptions,
    private readonly onWritten: () => void,
  ) {}

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Why the worker stopped, if it did on its own. */
  get error(): string | null {
    return this.lastError;
  }

  start(): void {
    const workerData: ProjectionsWorkerData = {
      feed: this.options.feed,
      readModelsFile: this.options.readModelsFile,
      pollMs: this.options.pollMs ?? 10,
    };
    const worker = new Worker(this.options.workerUrl ?? new URL('./projections.worker.js', import.meta.url), {
      workerData,
      execArgv: this.options.execArgv,
    });
    worker.on('message', (message: ProjectionsWorkerMessage) => this.receive(message));
    worker.on('error', (error) => {
      this.lastError = `The projections' worker stopped: ${error.message}`;
    });
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.lastError ??= "The projections' worker exited";
        this.worker = undefined;
      }
      this.answerAll(null);
      this.onWritten();
    });
    worker.unref();
    this.worker = worker;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.answerAll(null);
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies ProjectionsWorkerRequest);
    const timeout = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timeout);
  }

  /** The worker's projections' states, or null when it is not running or does not answer in time. */
  status(): Promise<ProjectionStatus[] | null> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(null);
    const id = ++this.requests;
    return new Promise((resolve) => {
      const timer = setTimeout(() => answer(null), STATUS_TIMEOUT_MS);
      const answer = (statuses: ProjectionStatus[] | null): void => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(statuses);
      };
      this.pending.set(id, answer);
      worker.postMessage({ type: 'status', id } satisfies ProjectionsWorkerRequest);
    });
  }

  private receive(message: ProjectionsWorkerMessage): void {
    if (message.type === 'written') this.onWritten();
    else if (message.type === 'status') this.pending.get(message.id)?.(message.statuses);
  }

  private answerAll(statuses: null): void {
    for (const answer of [...this.pending.values()]) answer(statuses);
  }
}
