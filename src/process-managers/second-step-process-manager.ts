import type Database from 'better-sqlite3';
import type { EventStore } from '../ledger/event-store.port.js';
import type { SecondStep } from '../ledger/second-step.js';
import { LiveRead } from '../projections/live-read.js';
import type { Projection } from '../projections/projection.js';
import type { ProjectionEngine } from '../projections/projection-engine.js';
import type { PendingSecondStep, PendingSecondStepsTable } from './pending-second-steps.projection.js';

export interface SecondStepProcessManagerOptions {
  /**
   * How long a second step just written (or just failed) is left alone before it is tried again; it
   * doubles with each failed attempt at the same step, up to a minute, so a step that cannot be
   * written (and says why in the log) does not flood it.
   */
  readonly retryAfterMs?: number;
  /** The longest the manager sleeps when the feed brings nothing. */
  readonly idleMs?: number;
  readonly log?: (entry: { message: string; [field: string]: unknown }) => void;
  readonly now?: () => number;
}

interface Row {
  key: string;
  step: string;
  stream_id: string;
  event_id: string;
  global_position: number;
}

const BATCH = 500;
const MAX_RETRY_MS = 60_000;

/**
 * Completes the commands that write two streams when the request did not (cut off by a crash, a
 * timeout, a failing store): it follows the pending-second-steps read model, which the projection
 * engine feeds from its own checkpoint, live and at start-up, and writes each missing second event
 * from the first, with the id derived from it. A request finishing the same command at the same
 * moment writes the same event, so the store keeps one. The manager only appends to the ledger; the
 * row goes away when the projection sees the second event.
 */
export class SecondStepProcessManager {
  private readonly pending: LiveRead<PendingSecondStepsTable>;
  private readonly steps: ReadonlyMap<string, SecondStep>;
  private readonly attempted = new Map<string, { readonly at: number; readonly failures: number }>();
  private stopped = true;
  private loop?: Promise<void>;
  private wake: () => void = () => undefined;
  private lastError: string | null = null;

  constructor(
    db: Database.Database,
    private readonly store: EventStore,
    private readonly engine: ProjectionEngine,
    private readonly projection: Projection<PendingSecondStepsTable>,
    steps: readonly SecondStep[],
    private readonly options: SecondStepProcessManagerOptions = {},
  ) {
    this.pending = new LiveRead(db, projection);
    this.steps = new Map(steps.map((step) => [step.name, step]));
  }

  /**
   * Waits until the read model has read the ledger up to where it is now, then completes every
   * unfinished command: what a crash left half-written is whole before the service answers anyone.
   * False if the read model did not catch up within `timeoutMs` (the live loop goes on trying).
   */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      if (this.now() > deadline) return false;
      const head = await this.store.headPosition();
      const caughtUp = await this.engine.waitFor(this.projection.name, head, Math.max(0, deadline - this.now()));
      if (!caughtUp) {
        await this.completePending({ retryEarlierAttempts: true });
        return false;
      }
      // Batch after batch: the projection drops each completed row once it has read the second event.
      if (this.rows(1).length === 0 || (await this.completePending({ retryEarlierAttempts: true })) === 0) return true;
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  /** The unfinished commands now, oldest first, and the last failure to complete one. */
  status(): { pending: PendingSecondStep[]; lastError: string | null } {
    return { pending: this.rows(BATCH).map(toPending), lastError: this.lastError };
  }

  /** Writes the second step of every pending command; answers how many it wrote (or found written). */
  async completePending(options: { retryEarlierAttempts?: boolean } = {}): Promise<number> {
    const rows = this.rows(BATCH);
    const now = this.now();
    let completed = 0;
    for (const row of rows) {
      if (this.stopped && !options.retryEarlierAttempts) break;
      const tried = this.attempted.get(row.key);
      if (!options.retryEarlierAttempts && tried !== undefined && now - tried.at < this.retryDelay(tried.failures)) continue;
      const written = await this.complete(row);
      this.attempted.set(row.key, { at: now, failures: written ? 0 : (tried?.failures ?? 0) + 1 });
      if (written) completed += 1;
    }
    const stillPending = new Set(rows.map((row) => row.key));
    for (const key of this.attempted.keys()) if (!stillPending.has(key)) this.attempted.delete(key);
    return completed;
  }

  private async follow(): Promise<void> {
    let seen = this.engine.checkpointOf(this.projection.name);
    while (!this.stopped) {
      const stopping = new Promise<void>((resolve) => (this.wake = resolve));
      await Promise.race([this.engine.waitFor(this.projection.name, seen + 1, this.options.idleMs ?? 1000), stopping]);
      if (this.stopped) return;
      seen = this.engine.checkpointOf(this.projection.name);
      try {
        await this.completePending();
      } catch (error) {
        this.fail('The pending second steps could not be read', error);
      }
    }
  }

  private async complete(row: Row): Promise<boolean> {
    const step = this.steps.get(row.step);
    try {
      if (!step) throw new Error(`No second step is named ${row.step}`);
      const first = (await this.store.readStream(row.stream_id)).find((event) => event.eventId === row.event_id);
      if (!first) throw new Error(`Event ${row.event_id} is not in ${row.stream_id}`);
      await step.write(this.store, first);
      return true;
    } catch (error) {
      this.fail(`The second step ${row.step} of event ${row.event_id} could not be written; it is tried again`, error);
      return false;
    }
  }

  private retryDelay(failures: number): number {
    return Math.min(MAX_RETRY_MS, (this.options.retryAfterMs ?? 2000) * 2 ** failures);
  }

  private rows(limit: number): Row[] {
    return this.pending.read(
      (tables, prepare) => prepare(`SELECT * FROM "${tables.pending}" ORDER BY global_position LIMIT ?`).all(limit) as Row[],
      () => [],
    );
  }

  private fail(message: string, error: unknown): void {
    this.lastError = `${message}: ${error instanceof Error ? error.message : String(error)}`;
    this.options.log?.({ message: this.lastError });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function toPending(row: Row): PendingSecondStep {
  return { key: row.key, step: row.step, streamId: row.stream_id, eventId: row.event_id, globalPosition: row.global_position };
}
