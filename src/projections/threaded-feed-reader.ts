import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JsonObject, RecordedEvent, StoredFeedAddress } from '../ledger/event-store.port.js';
import type { RebuildFold } from './projection.js';
import type { ProjectionSource } from './projection-source.js';

export interface ReaderWorkerData {
  readonly feed: StoredFeedAddress;
  readonly batchSize: number;
  /** A projection's fold to run on each batch in the reader thread (RebuildFold), by its module's URL. */
  readonly fold?: { readonly module: string; readonly options: JsonObject };
}

export type ReaderCommand =
  | { readonly type: 'read'; readonly after: number; readonly upTo: number; readonly credit: number }
  | { readonly type: 'taken' }
  | { readonly type: 'stop' };

export type ReaderMessage =
  | { readonly type: 'batch'; readonly text: string; readonly count: number; readonly last: number }
  | { readonly type: 'folded'; readonly folded: unknown; readonly count: number; readonly after: number; readonly last: number }
  | { readonly type: 'end' }
  | { readonly type: 'failed'; readonly error: string };

/** Where the reader's thread comes from: the compiled feed-reader.worker.js beside this file, or a test's own. */
export interface ReaderThread {
  readonly workerUrl: URL;
  readonly execArgv?: readonly string[];
}

/**
 * A batch as a rebuild reads it: its events, or, when the reader thread folded them (RebuildFold),
 * what the fold made of them, which follows the batch before it (`after`, the position before it).
 */
export type ReadBatch =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'folded'; readonly folded: unknown; readonly count: number; readonly after: number; readonly last: number };

/** The feed as a rebuild reads it: one pass of the events after a position up to another, in batches. */
export interface FeedReader {
  read(after: number, upTo: number): AsyncIterable<ReadBatch>;
  close(): Promise<void>;
}

/** Batches read ahead of the applier: enough to keep both threads busy, few enough to bound the memory. */
const BATCHES_AHEAD = 3;

const COMPILED_WORKER = new URL('./feed-reader.worker.js', import.meta.url);

/**
 * The reader a rebuild uses: another thread reading the embedded store's file when the store has one
 * (EventStore.storedFeed) and the worker's script is there (it is not when the sources run uncompiled,
 * as under Jest, unless a test names its own), folding each batch there too when the projection has a
 * RebuildFold; else the store's readAll in this thread.
 */
export function openFeedReader(
  store: ProjectionSource,
  batchSize: number,
  thread: ReaderThread | 'in-thread' | undefined,
  fold?: RebuildFold,
): FeedReader {
  const chosen = thread ?? (existsSync(fileURLToPath(COMPILED_WORKER)) ? { workerUrl: COMPILED_WORKER } : 'in-thread');
  if (store.storedFeed === undefined || chosen === 'in-thread') return inThreadReader(store, batchSize);
  const workerData: ReaderWorkerData = {
    feed: store.storedFeed,
    batchSize,
    fold: fold && { module: fold.module.href, options: fold.options ?? {} },
  };
  return new ThreadedFeedReader(workerData, chosen);
}

function inThreadReader(store: ProjectionSource, batchSize: number): FeedReader {
  return {
    async *read(after, upTo) {
      if (upTo <= after) return;
      for await (const batch of store.readAll({ after, batchSize })) {
        yield { kind: 'events', events: batch };
        if (batch[batch.length - 1].globalPosition >= upTo) return;
      }
    },
    close: async () => {},
  };
}

/**
 * Reads in a worker thread (feed-reader.worker.ts) and hands over each batch as one JSON text, parsed
 * here in one call, or folded there. While this thread applies a batch, the worker reads (and folds)
 * the next ones: on two cores the rebuild's reading and its writing overlap.
 */
class ThreadedFeedReader implements FeedReader {
  private readonly worker: Worker;
  private readonly arrived: ReaderMessage[] = [];
  private wake?: () => void;
  private failure?: Error;
  private readonly exited: Promise<void>;

  constructor(workerData: ReaderWorkerData, thread: ReaderThread) {
    this.worker = new Worker(thread.workerUrl, { workerData, execArgv: thread.execArgv ? [...thread.execArgv] : undefined });
    this.worker.on('message', (message: ReaderMessage) => this.receive(message));
    this.worker.on('error', (error) => this.fail(new Error(`The rebuild's feed reader stopped: ${error.message}`)));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.fail(new Error("The rebuild's feed reader exited"));
        resolve();
      }),
    );
  }

  async *read(after: number, upTo: number): AsyncIterable<ReadBatch> {
    if (upTo <= after) return;
    this.send({ type: 'read', after, upTo, credit: BATCHES_AHEAD });
    for (;;) {
      const message = await this.next();
      if (message.type === 'end') return;
      if (message.type === 'failed') throw new Error(`The rebuild could not read the feed after position ${after}: ${message.error}`);
      this.send({ type: 'taken' });
      if (message.type === 'folded')
        yield { kind: 'folded', folded: message.folded, count: message.count, after: message.after, last: message.last };
      else yield { kind: 'events', events: parsed(message) };
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error("The rebuild's feed reader was closed");
    this.worker.postMessage({ type: 'stop' } satisfies ReaderCommand);
    await this.exited;
  }

  private send(command: ReaderCommand): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(command);
  }

  private receive(message: ReaderMessage): void {
    this.arrived.push(message);
    this.wake?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }

  private async next(): Promise<ReaderMessage> {
    for (;;) {
      const message = this.arrived.shift();
      if (message) return message;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

function parsed(message: Extract<ReaderMessage, { type: 'batch' }>): readonly RecordedEvent[] {
  try {
    return JSON.parse(message.text) as RecordedEvent[];
  } catch (error) {
    // A stored row that is not JSON any more: the same failure as the store's own read would give.
    throw new Error(`An event up to position ${message.last} cannot be read back: ${(error as Error).message}`, { cause: error });
  }
}
