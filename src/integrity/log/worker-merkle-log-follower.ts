import { Worker } from 'node:worker_threads';
import type { StoredFeedAddress } from '../../ledger/ledger-source.js';
import type { LogFollower, MerkleLogStatus } from './merkle-log-follower.js';
import type { MerkleLog } from './merkle-log.js';
import { PositionWaiters } from '../../projections/position-waiters.js';

export interface FollowerWorkerData {
  /** The store's events, as the store named them (EventStore.storedFeed). */
  readonly feed: StoredFeedAddress;
  readonly integrityFile: string;
  /** Open integrity.db as the main thread did: with or without its index of event ids. */
  readonly eventIndex: boolean;
  /** How often the worker's connection looks for new events (the appending connection is another one). */
  readonly pollMs: number;
}

export type FollowerMessage =
  | { readonly type: 'started' | 'appended'; readonly treeSize: number; readonly position: number; readonly ordinary?: number }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'stopped' };

export interface WorkerFollowerOptions {
  readonly feed: StoredFeedAddress;
  readonly pollMs?: number;
  /** Called with the number of non-checkpoint events each batch logged. */
  readonly onAppended?: (ordinaryEvents: number) => void;
  /** The worker's script and Node flags: the compiled merkle-log.worker.js next to this file by default. */
  readonly workerUrl?: URL;
  readonly execArgv?: string[];
}

/**
 * The main thread's side of the follower running in a worker thread (a store with a stored feed): it
 * starts and stops the worker, and refreshes the main thread's view of integrity.db (size, border,
 * position) after each batch the worker logged, so checkpoints and proofs see it.
 */
export class WorkerMerkleLogFollower implements LogFollower {
  private worker?: Worker;
  private lastError: string | null = null;
  private stopped = true;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly log: MerkleLog,
    private readonly integrityFile: string,
    private readonly options: WorkerFollowerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    const workerData: FollowerWorkerData = {
      feed: this.options.feed,
      integrityFile: this.integrityFile,
      eventIndex: this.log.hasEventIndex,
      pollMs: this.options.pollMs ?? 20,
    };
    const worker = new Worker(this.options.workerUrl ?? new URL('./merkle-log.worker.js', import.meta.url), {
      workerData,
      execArgv: this.options.execArgv,
    });
    worker.on('message', (message: FollowerMessage) => this.receive(message));
    worker.on('error', (error) => {
      this.lastError = `The Merkle log's worker stopped: ${error.message}`;
      this.wake();
    });
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.lastError ??= "The Merkle log's worker exited";
        this.worker = undefined;
      }
      this.wake();
    });
    worker.unref();
    this.worker = worker;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    this.wake();
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const timeout = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timeout);
  }

  status(): MerkleLogStatus {
    return {
      state: this.stopped ? 'stopped' : this.lastError ? 'failed' : 'following',
      treeSize: this.log.size,
      position: this.log.position,
      lastError: this.lastError,
    };
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitUntil(
      () => this.log.position >= position,
      timeoutMs,
      () => this.stopped || this.worker === undefined,
    );
  }

  private receive(message: FollowerMessage): void {
    if (message.type === 'failed') {
      this.lastError = message.error;
    } else if (message.type === 'started' || message.type === 'appended') {
      this.lastError = null;
      this.log.refresh();
      if (message.ordinary) this.options.onAppended?.(message.ordinary);
    }
    this.wake();
  }

  private wake(): void {
    this.waiters.wakeAll();
  }
}
