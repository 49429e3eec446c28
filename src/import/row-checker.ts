import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RowAnswer } from './row-checks.js';

export type CheckerCommand = {
  readonly type: 'check';
  /** Which import the rows belong to: each has ids of its own. */
  readonly run: number;
  readonly system: string;
  readonly request: number;
  /** Which check of the run this is (its rows are number * ROWS_PER_CHECK on). */
  readonly number: number;
  /** The check the deciding thread has reached, shared: the thread skips a check the deciding thread has taken on itself. */
  readonly reached: Int32Array;
  /** The fields of each row of the batch, null for a row that could not be read. */
  readonly rows: readonly (Readonly<Record<string, unknown>> | null)[];
};

export type CheckerMessage =
  | { readonly type: 'ready' }
  | {
      readonly type: 'answers';
      readonly request: number;
      /** By position in the batch; null for a row the deciding thread checks itself. */
      readonly answers: readonly (RowAnswer | null)[];
      readonly failed?: string;
    };

/** Where the checking thread comes from: the compiled row-checks.worker.js beside this file, or a test's own. */
export interface CheckerThread {
  readonly workerUrl: URL;
  readonly execArgv?: readonly string[];
}

/** One import's use of the checking thread: the rows of a batch checked there, answered by position. */
export interface RowCheckRun {
  /** False until the thread has loaded what it checks with, and after it failed: check the rows here then. */
  readonly ready: boolean;
  /** True: wait for the thread's answers rather than check rows here when the thread is behind (every row checked there). */
  readonly patient: boolean;
  check(number: number, rows: readonly (Readonly<Record<string, unknown>> | null)[]): Promise<readonly (RowAnswer | null)[]>;
  /** The deciding thread checks the rows of check `number` itself: the thread skips it, and any before it, if it has not begun them. */
  reached(number: number): void;
}

const COMPILED_WORKER = new URL('./row-checks.worker.js', import.meta.url);

/**
 * A thread that checks the rows of imports (row-checks.ts) while the thread that started it decides
 * rows checked before: the import's other core. It starts loading the API's DTOs at once; until it is
 * ready an import checks its rows itself (ready is false), so a short import never waits for it.
 */
export class RowChecker {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve: (answers: readonly (RowAnswer | null)[]) => void; reject: (error: Error) => void }
  >();
  private requests = 0;
  private runs = 0;
  private isReady = false;
  private broken: Error | undefined;
  private readonly started: Promise<void>;

  /** patient: see RowCheckRun.patient. */
  constructor(
    thread: CheckerThread,
    private readonly patient = false,
  ) {
    this.worker = new Worker(thread.workerUrl, { execArgv: thread.execArgv ? [...thread.execArgv] : undefined });
    // The thread never keeps a finished command alive.
    this.worker.unref();
    let readyNow: () => void = () => {};
    this.started = new Promise((resolve) => (readyNow = resolve));
    this.worker.on('message', (message: CheckerMessage) => {
      if (message.type === 'ready') {
        this.isReady = true;
        readyNow();
        return;
      }
      const waiting = this.waiting.get(message.request);
      this.waiting.delete(message.request);
      waiting?.resolve(message.answers);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`The row-checking thread ended (exit code ${code})`)));
  }

  /** The compiled thread when its script is there (it is not when the sources run uncompiled, as under Jest); else none. */
  static openCompiled(): RowChecker | undefined {
    return existsSync(fileURLToPath(COMPILED_WORKER)) ? new RowChecker({ workerUrl: COMPILED_WORKER }) : undefined;
  }

  /** True once the thread has loaded what it checks with, until it fails. */
  get ready(): boolean {
    return this.isReady && this.broken === undefined;
  }

  /** Resolves when the thread is ready (a test's way of making sure every batch is checked there). */
  whenReady(): Promise<void> {
    return this.started;
  }

  /** A new import: the thread derives its ids afresh, so that what each row derived is reported at that row. */
  run(system: string): RowCheckRun {
    const run = ++this.runs;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the run's ready follows the thread's
    const checker = this;
    const reached = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(reached, 0, -1);
    return {
      get ready() {
        return checker.ready;
      },
      patient: this.patient,
      check: (number, rows) => {
        if (this.broken) return Promise.reject(this.broken);
        const request = ++this.requests;
        const answered = new Promise<readonly (RowAnswer | null)[]>((resolve, reject) => this.waiting.set(request, { resolve, reject }));
        this.worker.postMessage({ type: 'check', run, system, request, number, reached, rows } satisfies CheckerCommand);
        return answered;
      },
      reached: (number) => Atomics.store(reached, 0, number),
    };
  }

  async close(): Promise<void> {
    this.fail(new Error('The row-checking thread is closed'));
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(this.broken);
    this.waiting.clear();
  }
}
